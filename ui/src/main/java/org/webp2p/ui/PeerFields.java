package org.webp2p.ui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.pingback.Beacon;

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
        f.put("Public address", p -> p.source() == null ? "" : p.source().getHostAddress());
        f.put("Local addresses", p -> announced(p, r -> r.addresses().isEmpty()
                ? "none announced: peers behind its NAT cannot reach it" : String.join("\n", r.addresses())));
        f.put("Position", p -> announced(p, r -> Long.toString(r.position())));
        f.put("Holds", p -> announced(p, r -> r.have() == null ? "none"
                : r.have().size() + " segments (" + r.have().first() + "–" + r.have().last() + ")"));
        f.put("Upload offered", p -> announced(p, r -> Format.bitsPerSecond(r.uploadKbps() * 1000.0)));
        f.put("From origin", p -> traffic(p, LiveSession::httpBytes));
        f.put("From peers", p -> traffic(p, LiveSession::p2pBytes));
        f.put("To peers", p -> traffic(p, LiveSession::uploadedBytes));
        f.put("Connection attempts", p -> p.traffic().map(PeerFields::attempts).orElse(""));
        f.put("Joined", p -> TIME.format(p.joined()));
        f.put("Last seen", p -> ago(p.lastSeenAgo()));
        return f;
    }

    /** All of a session's attempts counted by how they ended, then its latest in words. */
    static String attempts(LiveSession session) {
        List<Beacon.AttemptCount> counts = session.attemptCounts();
        if (counts.isEmpty()) {
            return attempts(session.attempts());
        }
        Map<String, Integer> byEnd = new LinkedHashMap<>();
        for (Beacon.AttemptCount c : counts) {
            byEnd.merge(ended(c.outcome(), c.reason()), c.count(), Integer::sum);
        }
        long all = counts.stream().mapToLong(Beacon.AttemptCount::count).sum();
        List<String> parts = new ArrayList<>();
        byEnd.forEach((end, n) -> parts.add(n + " " + end));
        return all + " in all: " + String.join(", ", parts) + "\nLatest:\n" + attempts(session.attempts());
    }

    /** The latest first, one a line, in words: to which peer, and what came of it. */
    static String attempts(List<Beacon.Attempt> attempts) {
        if (attempts.isEmpty()) {
            return "none reported";
        }
        List<String> lines = new ArrayList<>();
        for (int i = attempts.size() - 1; i >= 0; i--) {
            Beacon.Attempt a = attempts.get(i);
            String peer = a.peerId().length() > 12 ? a.peerId().substring(0, 12) + "…" : a.peerId();
            lines.add(peer + " (" + a.remoteNat() + "): " + ended(a.outcome(), a.reason()));
        }
        return String.join("\n", lines);
    }

    private static String ended(Beacon.Attempt.Outcome outcome, String reason) {
        return switch (outcome) {
            case CONNECTED -> "connected through the NATs";
            case LAN -> "connected on the LAN (same NAT)";
            case FAILED -> "failed, " + reason(reason);
            case REFUSED -> "refused, " + reason(reason);
        };
    }

    private static String reason(String code) {
        return switch (code) {
            case "NAT_INCOMPATIBLE" -> "incompatible NAT types";
            case "HANDSHAKE_TIMEOUT" -> "handshake timeout";
            case "REFUSED" -> "refused";
            case "PEER_FULL" -> "the peer has its fill of peers";
            case "WRONG_SWARM" -> "the peer is in another swarm or speaks another version";
            case "BANNED" -> "this client dropped the peer for misbehaving";
            case "LOST" -> "the link was lost";
            case "SAME_NAT_NO_LOCAL_ADDRESS" -> "same NAT without local addresses";
            default -> code.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
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
