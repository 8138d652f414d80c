package org.webp2p.server.tracker.ws;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the WebSocket tracker did and refused, for the console. Thread-safe. */
public final class WsCounters {

    /** Why a message was refused or a socket closed; each is a {@code failure reason} on the wire. */
    public enum Refused {
        FRAME_SIZE, OFFERS, SWARM_FULL, SWARMS, SOCKETS_PER_ADDRESS, UNKNOWN_HASH, INVALID, MALFORMED;

        String key() {
            return "ws.refused." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    final LongAdder announces = new LongAdder();
    final LongAdder answers = new LongAdder();
    final LongAdder scrapes = new LongAdder();
    final LongAdder offersRelayed = new LongAdder();
    final LongAdder answersRelayed = new LongAdder();
    final LongAdder answersUndeliverable = new LongAdder();
    final LongAdder expired = new LongAdder();
    /** Messages not queued to a socket whose peer stopped reading: its buffer is full already. */
    final LongAdder droppedUnwritable = new LongAdder();
    private final Map<Refused, LongAdder> refused = new EnumMap<>(Refused.class);

    public WsCounters() {
        for (Refused r : Refused.values()) {
            refused.put(r, new LongAdder());
        }
    }

    public void refused(Refused why) {
        refused.get(why).increment();
    }

    public long refusedCount(Refused why) {
        return refused.get(why).sum();
    }

    public long offersRelayed() {
        return offersRelayed.sum();
    }

    public long answersRelayed() {
        return answersRelayed.sum();
    }

    /** Adds every counter under its metric name. */
    public void addTo(Map<String, Number> m) {
        m.put("ws.announces", announces.sum());
        m.put("ws.answers", answers.sum());
        m.put("ws.scrapes", scrapes.sum());
        m.put("ws.offers-relayed", offersRelayed.sum());
        m.put("ws.answers-relayed", answersRelayed.sum());
        m.put("ws.answers-undeliverable", answersUndeliverable.sum());
        m.put("ws.expired", expired.sum());
        m.put("ws.dropped-unwritable", droppedUnwritable.sum());
        refused.forEach((why, n) -> m.put(why.key(), n.sum()));
    }
}
