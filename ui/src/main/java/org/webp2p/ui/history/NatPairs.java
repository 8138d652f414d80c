package org.webp2p.ui.history;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.NatPairPoint;

/** The pairs of NAT types a history's chart draws: the most tried ones, since 36 lines read as none. */
public final class NatPairs {
    /** Lines one chart can hold and still be told apart. */
    static final int CHARTED = 6;

    /** A reporting peer's NAT type and the far peer's. */
    public record Pair(NatType local, NatType remote) {
        static Pair of(NatPairPoint p) {
            return new Pair(p.local(), p.remote());
        }

        public String label() {
            return local + " > " + remote;
        }
    }

    private NatPairs() {
    }

    /** The {@code limit} pairs with the most attempts over the whole history, most first. */
    public static List<Pair> mostTried(List<NatPairPoint> points, int limit) {
        Map<Pair, Long> attempts = new LinkedHashMap<>();
        points.forEach(p -> attempts.merge(Pair.of(p), p.attempts(), Long::sum));
        return attempts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Pair, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> e.getKey().label()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
