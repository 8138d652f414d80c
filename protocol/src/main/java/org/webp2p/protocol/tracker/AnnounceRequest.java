package org.webp2p.protocol.tracker;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.Require;

/**
 * What a peer tells the tracker ({@code POST /v1/announce}).
 *
 * @param event        why it announces; {@link AnnounceEvent#UPDATE} when left out
 * @param natType      its NAT type; {@link NatType#UNKNOWN} when left out
 * @param addresses    where other peers may reach its RTMFP endpoint, {@code ip:port} (IPv6 in
 *                     brackets; never a host name): the public one STUN or the rendezvous node
 *                     reported first, then its private ones
 * @param position     media sequence number it is playing
 * @param have         segments it holds and will serve, or null when none yet
 * @param uploadKbps   upload it offers to the swarm
 * @param want         how many peers it would like, capped by the tracker; null (left out) for the
 *                     tracker's own list size
 * @param ticket       the newest session ticket from the client's session plan: the peer ID belongs to
 *                     that session, and only it may update the peer or make it leave. The tracker
 *                     refuses an announce without a valid one; null only to be refused
 */
public record AnnounceRequest(String swarm, String peerId, AnnounceEvent event, NatType natType,
                              List<String> addresses, long position, @Nullable SegmentRange have, int uploadKbps,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer want,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String ticket) {
    public static final int MAX_ADDRESSES = 8;

    public AnnounceRequest {
        Require.swarm(swarm, "swarm");
        Require.id(peerId, "peerId");
        event = event == null ? AnnounceEvent.UPDATE : event;
        natType = natType == null ? NatType.UNKNOWN : natType;
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        Require.that(addresses.size() <= MAX_ADDRESSES, "at most " + MAX_ADDRESSES + " addresses");
        for (String a : addresses) {
            Require.that(IpPort.valid(a), "address \"" + a + "\" is not IP:PORT (an IPv4 literal or an IPv6 one in"
                    + " brackets, and a port 1-65535; host names are not taken)");
        }
        Require.that(position >= 0, "position must not be negative");
        Require.that(uploadKbps >= 0, "uploadKbps must not be negative");
        Require.that(want == null || want >= 0, "want must not be negative");
    }
}
