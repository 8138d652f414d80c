package org.webp2p.sdk.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.webp2p.nat.NatType;

/**
 * How a simulated swarm's peers are spread over NAT types, written
 * {@code open=10,full=20,restricted=20,port=30,symmetric=20} (weights, not necessarily percent).
 */
public record NatMix(Map<NatType, Integer> weights) {
    private static final Map<String, NatType> NAMES = Map.of(
            "open", NatType.OPEN, "full", NatType.FULL_CONE, "restricted", NatType.RESTRICTED_CONE,
            "port", NatType.PORT_RESTRICTED_CONE, "symmetric", NatType.SYMMETRIC);

    public NatMix {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("a NAT mix needs at least one positive weight");
        }
    }

    /**
     * Reads a mix as the command line writes it, {@code open=10,full=20,symmetric=20}.
     *
     * @throws IllegalArgumentException naming the part that is not {@code TYPE=WEIGHT}
     */
    public static NatMix parse(String text) {
        Map<NatType, Integer> w = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            NatType t = kv.length == 2 ? NAMES.get(kv[0].trim().toLowerCase(Locale.ROOT)) : null;
            if (t == null) {
                throw new IllegalArgumentException("\"" + part.trim() + "\" is not TYPE=WEIGHT with TYPE one of "
                        + String.join(", ", new TreeSet<>(NAMES.keySet())));
            }
            try {
                int weight = Integer.parseInt(kv[1].trim());
                if (weight < 0) {
                    throw new NumberFormatException();
                }
                w.merge(t, weight, Integer::sum);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight of " + kv[0].trim() + " must be a whole number >= 0");
            }
        }
        return new NatMix(w);
    }

    /** NAT types for {@code n} peers in proportion to the weights, spread through the list. */
    public List<NatType> assign(int n) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        List<NatType> out = new ArrayList<>(n);
        Map<NatType, Double> credit = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            // Largest accumulated share goes next: proportional and interleaved, with no randomness.
            weights.forEach((t, wt) -> credit.merge(t, (double) wt / total, Double::sum));
            NatType next = credit.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            credit.merge(next, -1.0, Double::sum);
            out.add(next);
        }
        return out;
    }
}
