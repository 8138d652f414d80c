package org.webp2p.server.pingback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.webp2p.protocol.pingback.Beacon;

/**
 * A batch of beacons summed per swarm and per minute or hour, and per pair of NAT types, ready to be
 * added to the rows already stored.
 */
final class Rollups {
    /** Every summed column of a minute or hour row, in the order {@link #sums} holds them. */
    static final List<String> SUMS = Stream.concat(Stream.of("beacons", "http_bytes", "p2p_bytes", "uploaded_bytes",
            "played_ms", "stalls", "stall_ms", "startups", "startup_ms_sum", "nat_attempts", "nat_successes"),
            StartupHistogram.COLUMNS.stream()).toList();
    private static final int HISTOGRAM = SUMS.indexOf(StartupHistogram.COLUMNS.get(0));

    private record Slot(String swarm, Instant start) {
    }

    private record Pair(String swarm, Instant start, String local, String remote) {
    }

    private final RollupTable table;
    private final Map<Slot, long[]> sums = new LinkedHashMap<>();
    private final Map<Pair, long[]> pairs = new LinkedHashMap<>();

    private Rollups(RollupTable table) {
        this.table = table;
    }

    static Rollups of(RollupTable table, Collection<BeaconStore.Received> batch) {
        Rollups r = new Rollups(table);
        batch.forEach(r::add);
        return r;
    }

    private void add(BeaconStore.Received r) {
        Beacon b = r.beacon();
        Instant start = r.at().truncatedTo(table.unit);
        long[] s = sums.computeIfAbsent(new Slot(b.swarm(), start), k -> new long[SUMS.size()]);
        long attempts = 0;
        long successes = 0;
        for (Beacon.Connections c : b.connections()) {
            attempts += c.attempts();
            successes += c.successes();
            long[] p = pairs.computeIfAbsent(new Pair(b.swarm(), start, b.natType().name(), c.remoteNat().name()),
                    k -> new long[2]);
            p[0] = Saturating.add(p[0], c.attempts());
            p[1] = Saturating.add(p[1], c.successes());
        }
        long[] add = {1, b.httpBytes(), b.p2pBytes(), b.uploadedBytes(), b.playedMs(), b.stalls(), b.stallMs(),
            b.startupMs() == null ? 0 : 1, b.startupMs() == null ? 0 : b.startupMs(), attempts, successes};
        for (int i = 0; i < add.length; i++) {
            s[i] = Saturating.add(s[i], add[i]);
        }
        if (b.startupMs() != null) {
            s[HISTOGRAM + StartupHistogram.bucket(b.startupMs())]++;
        }
    }

    /** Adds the sums to the stored rows, creating the rows not there yet, in {@code c}'s transaction. */
    void addTo(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(merge(table.sums, List.of("swarm", table.start), SUMS))) {
            for (Map.Entry<Slot, long[]> e : sums.entrySet()) {
                ps.setString(1, e.getKey().swarm());
                ps.setTimestamp(2, Timestamp.from(e.getKey().start()));
                bindSums(ps, 3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(merge(table.natPairs,
                List.of("swarm", table.start, "local_nat", "remote_nat"), List.of("attempts", "successes")))) {
            for (Map.Entry<Pair, long[]> e : pairs.entrySet()) {
                Pair p = e.getKey();
                ps.setString(1, p.swarm());
                ps.setTimestamp(2, Timestamp.from(p.start()));
                ps.setString(3, p.local());
                ps.setString(4, p.remote());
                bindSums(ps, 5, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindSums(PreparedStatement ps, int first, long[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setLong(first + i, values[i]);
        }
    }

    /** A MERGE that adds {@code summed} to the row with {@code keys}, or inserts it. */
    private static String merge(String table, List<String> keys, List<String> summed) {
        List<String> casts = new ArrayList<>();
        for (String k : keys) {
            casts.add(k.endsWith("_start") ? "CAST(? AS TIMESTAMP(0) WITH TIME ZONE)" : "CAST(? AS VARCHAR(128))");
        }
        summed.forEach(s -> casts.add("CAST(? AS BIGINT)"));
        List<String> all = Stream.concat(keys.stream(), summed.stream()).toList();
        return "MERGE INTO " + table + " t USING (VALUES (" + String.join(", ", casts) + ")) s("
                + String.join(", ", all) + ") ON " + String.join(" AND ", keys.stream()
                        .map(k -> "t." + k + " = s." + k).toList())
                + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", summed.stream()
                        .map(c -> c + " = " + saturatingSum("t." + c, "s." + c)).toList())
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", all) + ") VALUES ("
                + String.join(", ", all.stream().map(c -> "s." + c).toList()) + ")";
    }

    /**
     * {@code a + b} stopping at the largest BIGINT, for a non-negative {@code b}: a plain sum past it
     * is an error (SQL state 22003), which would fail the whole batch every time it was retried.
     */
    private static String saturatingSum(String a, String b) {
        return "LEAST(" + a + ", " + Long.MAX_VALUE + " - " + b + ") + " + b;
    }
}
