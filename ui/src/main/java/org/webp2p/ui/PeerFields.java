package org.webp2p.ui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.PeerRecord;

/**
 * How the Peers and Swarm pages caption and write what is known about a peer. What a kind of peer
 * does not report (a browser's NAT type, addresses, holdings; bytes of a peer no beacon matches)
 * stays blank: nothing is shown that was not measured.
 */
public final class PeerFields {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private PeerFields() {
    }

    /** Captions and values for a peer's details panel, in the order shown. */
    public static Map<String, Function<LivePeer, String>> details() {
        Map<String, Function<LivePeer, String>> f = new LinkedHashMap<>();
        f.put("Peer ID", LivePeer::peerId);
        f.put("Kind", p -> p.kind().wire());
        f.put("Stream", p -> p.stream() == null ? "" : p.stream());
        f.put("Info hash", p -> String.join("\n", p.infoHashes()));
        f.put("NAT type", p -> announced(p, r -> r.natType().name()));
        f.put("Addresses", p -> announced(p, r -> r.addresses().isEmpty() ? "none announced"
                : String.join("\n", r.addresses())));
        f.put("Announced from", p -> p.source() == null ? "" : p.source().getHostAddress());
        f.put("Position", p -> announced(p, r -> Long.toString(r.position())));
        f.put("Holds", p -> announced(p, r -> r.have() == null ? "none"
                : r.have().size() + " segments (" + r.have().first() + "–" + r.have().last() + ")"));
        f.put("Upload offered", p -> announced(p, r -> Format.bitsPerSecond(r.uploadKbps() * 1000.0)));
        f.put("From origin", p -> traffic(p, LiveSession::httpBytes));
        f.put("From peers", p -> traffic(p, LiveSession::p2pBytes));
        f.put("To peers", p -> traffic(p, LiveSession::uploadedBytes));
        f.put("Joined", p -> TIME.format(p.joined()));
        f.put("Last seen", p -> ago(p.lastSeenAgo()));
        return f;
    }

    public static String ago(Duration d) {
        return Format.duration(d) + " ago";
    }

    private static String announced(LivePeer p, Function<PeerRecord, String> value) {
        return p.announced().map(value).orElse("");
    }

    private static String traffic(LivePeer p, Function<LiveSession, Long> bytes) {
        return p.traffic().map(t -> Format.bytes(bytes.apply(t))).orElse("");
    }
}
