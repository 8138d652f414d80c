package org.webp2p.ui.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webp2p.protocol.admin.HistoryPoint;
import org.webp2p.protocol.admin.NatPairPoint;
import org.webp2p.protocol.admin.TrafficHistory;

/**
 * A history as CSV (RFC 4180, CRLF line ends): one row a step, the figures the charts draw, then the NAT
 * success of each pair of NAT types charted. Ratios are plain fractions with a dot, so any spreadsheet
 * reads them; no field can hold a comma or a quote (numbers, instants, NAT type names), so none is quoted.
 */
public final class HistoryCsv {
    private static final String[] COLUMNS = {"step_start", "step_seconds", "http_bytes", "p2p_bytes", "bytes_saved",
        "offload", "peers", "startup_p95_ms", "stall_ratio", "nat_attempts", "nat_success"};

    private HistoryCsv() {
    }

    /** Writes {@code h} with a column for each of {@code pairs}, as the chart names them. */
    public static void write(TrafficHistory h, List<NatPairs.Pair> pairs, Appendable out) {
        try {
            List<String> header = new ArrayList<>(List.of(COLUMNS));
            pairs.forEach(p -> header.add("nat_success " + p.label()));
            line(out, header);
            Map<Instant, Map<NatPairs.Pair, NatPairPoint>> byStep = new HashMap<>();
            for (NatPairPoint n : h.natPairs()) {
                byStep.computeIfAbsent(n.start(), k -> new HashMap<>()).put(NatPairs.Pair.of(n), n);
            }
            for (HistoryPoint p : h.points()) {
                List<String> row = new ArrayList<>(List.of(p.start().toString(), Long.toString(h.stepSeconds()),
                        Long.toString(p.httpBytes()), Long.toString(p.p2pBytes()), Long.toString(p.bytesSaved()),
                        ratio(p.offloadRatio()), String.format(Locale.ROOT, "%.2f", p.peers()),
                        p.startupP95Ms() < 0 ? "" : Long.toString(p.startupP95Ms()), ratio(p.stallRatio()),
                        Long.toString(p.natAttempts()), p.natAttempts() == 0 ? "" : ratio(p.natSuccessRatio())));
                Map<NatPairs.Pair, NatPairPoint> step = byStep.getOrDefault(p.start(), Map.of());
                for (NatPairs.Pair pair : pairs) {
                    NatPairPoint n = step.get(pair);
                    row.add(n == null || n.attempts() == 0 ? "" : ratio(n.successRatio()));
                }
                line(out, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.4f", r);
    }

    private static void line(Appendable out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(fields.get(i));
        }
        out.append("\r\n");
    }
}
