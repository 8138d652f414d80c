package org.webp2p.server.tracker;

import java.util.List;
import java.util.regex.Pattern;
import org.webp2p.nat.NatType;

/**
 * What a peer tells the tracker ({@code POST /v1/announce}).
 *
 * @param addresses    where other peers may reach its RTMFP endpoint, {@code host:port}: the public
 *                     one STUN or the rendezvous node reported first, then its private ones
 * @param position     media sequence number it is playing
 * @param have         segments it holds and will serve, or null when none yet
 * @param uploadKbps   upload it offers to the swarm
 * @param want         how many peers it would like, capped by the tracker
 */
public record AnnounceRequest(String swarm, String peerId, AnnounceEvent event, NatType natType,
                              List<String> addresses, long position, SegmentRange have, int uploadKbps,
                              Integer want) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]{1,253}):\\d{1,5}");
    static final int MAX_ADDRESSES = 8;

    public AnnounceRequest {
        require(swarm != null && ID.matcher(swarm).matches(), "swarm must be 1-128 characters of A-Z a-z 0-9 . _ ~ -");
        require(peerId != null && ID.matcher(peerId).matches(), "peerId must be 1-128 characters of A-Z a-z 0-9 . _ ~ -");
        event = event == null ? AnnounceEvent.UPDATE : event;
        natType = natType == null ? NatType.UNKNOWN : natType;
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        require(addresses.size() <= MAX_ADDRESSES, "at most " + MAX_ADDRESSES + " addresses");
        for (String a : addresses) {
            require(HOST_PORT.matcher(a).matches() && port(a) <= 65535, "address \"" + a + "\" is not host:port");
        }
        require(position >= 0, "position must not be negative");
        require(uploadKbps >= 0, "uploadKbps must not be negative");
        require(want == null || want >= 0, "want must not be negative");
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
    }
}
