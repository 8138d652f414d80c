package org.webp2p.server.pingback;

import java.util.List;

/** The body of {@code POST /v1/beacons}: one or more beacons, taken or refused together. */
public record BeaconBatch(List<Beacon> beacons) {
    public BeaconBatch {
        if (beacons == null || beacons.isEmpty()) {
            throw new IllegalArgumentException("beacons must hold at least one beacon");
        }
        beacons = List.copyOf(beacons);
    }
}
