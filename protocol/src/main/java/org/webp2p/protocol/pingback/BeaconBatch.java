package org.webp2p.protocol.pingback;

import java.util.List;
import org.webp2p.protocol.Require;

/** The body of {@code POST /v1/beacons}: one or more beacons, taken or refused together. */
public record BeaconBatch(List<Beacon> beacons) {
    public BeaconBatch {
        Require.that(beacons != null && !beacons.isEmpty(), "beacons must hold at least one beacon");
        beacons = List.copyOf(beacons);
    }
}
