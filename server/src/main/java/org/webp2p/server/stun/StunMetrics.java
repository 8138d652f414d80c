package org.webp2p.server.stun;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.nat.responder.ResponderOutcome;
import org.webp2p.nat.responder.ResponseKind;
import org.webp2p.nat.stun.DropReason;

/** The STUN service's counters; updated from event-loop threads, read by the console. */
final class StunMetrics {
    /**
     * Distinct client addresses remembered for the "clients" gauge. Capped so a spoofing flood cannot
     * grow memory without bound; past the cap the gauge stops rising.
     */
    static final int MAX_TRACKED_CLIENTS = 100_000;

    private final LongAdder datagrams = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<ResponseKind, LongAdder> responses = new EnumMap<>(ResponseKind.class);
    private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
    private final Set<InetAddress> clients = ConcurrentHashMap.newKeySet();

    StunMetrics() {
        for (ResponseKind k : ResponseKind.values()) {
            responses.put(k, new LongAdder());
        }
        for (DropReason r : DropReason.values()) {
            drops.put(r, new LongAdder());
        }
    }

    void record(ResponderOutcome outcome, InetAddress client) {
        datagrams.increment();
        if (outcome instanceof ResponderOutcome.Reply reply) {
            requests.increment();
            responses.get(reply.kind()).increment();
            if (clients.size() < MAX_TRACKED_CLIENTS) {
                clients.add(client);
            }
        } else if (outcome instanceof ResponderOutcome.Drop drop) {
            drops.get(drop.reason()).increment();
        }
    }

    /** A datagram that failed in our own code or in sending; counted rather than thrown. */
    void recordError() {
        errors.increment();
    }

    Map<String, Number> snapshot() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("datagrams", datagrams.sum());
        m.put("requests", requests.sum());
        responses.forEach((kind, n) -> m.put("responses." + key(kind), n.sum()));
        drops.forEach((reason, n) -> m.put("drops." + key(reason), n.sum()));
        m.put("errors", errors.sum());
        m.put("clients", clients.size());
        return m;
    }

    private static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
