package org.webp2p.server.pingback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Fills a store with steady per-minute and per-hour sums, as months of pingback would leave them, with
 * one set insert a table so a test has 90 days in seconds. Each minute holds {@link #VIEWERS} viewers
 * beaconing every 10 s; each hour holds 60 such minutes.
 */
public final class StoredHistory {
    public static final int VIEWERS = 10;
    public static final long HTTP_PER_MINUTE = 1_000_000;
    public static final long P2P_PER_MINUTE = 3_000_000;
    public static final long PLAYED_PER_MINUTE = 600_000;
    public static final long STALL_MS_PER_MINUTE = 600;
    /** Two startups a minute, both between 250 and 500 ms. */
    public static final long STARTUPS_PER_MINUTE = 2;
    public static final long NAT_ATTEMPTS_PER_MINUTE = 4;
    public static final long NAT_SUCCESSES_PER_MINUTE = 3;

    private StoredHistory() {
    }

    /** Minutes and hours of {@code swarm} from {@code from} (rounded down to the hour) to {@code to}. */
    public static void fill(DataSource ds, String swarm, Instant from, Instant to) throws SQLException {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (RollupTable t : RollupTable.values()) {
                long per = t.resolution().toMinutes();
                long rows = (Duration.between(start, to).toMinutes() + per - 1) / per;
                Object[] sums = new Object[Rollups.SUMS.size()];
                Arrays.fill(sums, 0L);
                sums[0] = VIEWERS * 6L * per;
                sums[1] = HTTP_PER_MINUTE * per;
                sums[2] = P2P_PER_MINUTE * per;
                sums[4] = PLAYED_PER_MINUTE * per;
                sums[6] = STALL_MS_PER_MINUTE * per;
                sums[7] = STARTUPS_PER_MINUTE * per;
                sums[8] = 800 * per;
                sums[9] = NAT_ATTEMPTS_PER_MINUTE * per;
                sums[10] = NAT_SUCCESSES_PER_MINUTE * per;
                sums[Rollups.SUMS.indexOf("startup_le_500")] = STARTUPS_PER_MINUTE * per;
                insertRows(c, t.sums, t.start, Rollups.SUMS, swarm, start, per, rows, sums);
                insertRows(c, t.natPairs, t.start, List.of("local_nat", "remote_nat", "attempts", "successes"), swarm,
                        start, per, rows, new Object[] {"FULL_CONE", "SYMMETRIC", NAT_ATTEMPTS_PER_MINUTE * per,
                            NAT_SUCCESSES_PER_MINUTE * per});
            }
            c.commit();
        }
    }

    /** {@code rows} rows of {@code values}, {@code minutesPerRow} apart from {@code start}, made by the database. */
    private static void insertRows(Connection c, String table, String startColumn, List<String> columns, String swarm,
                                   Instant start, long minutesPerRow, long rows, Object[] values) throws SQLException {
        if (rows < 1) {
            return;
        }
        String sql = "INSERT INTO " + table + " (swarm, " + startColumn + ", " + String.join(", ", columns) + ")"
                + " SELECT ?, DATEADD(MINUTE, X * " + minutesPerRow + ", CAST(? AS TIMESTAMP(0) WITH TIME ZONE)), "
                + Arrays.stream(values).map(x -> x instanceof String ? "CAST(? AS VARCHAR(24))" : "CAST(? AS BIGINT)")
                        .collect(Collectors.joining(", "))
                + " FROM SYSTEM_RANGE(0, " + (rows - 1) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, swarm);
            ps.setTimestamp(2, Timestamp.from(start));
            for (int i = 0; i < values.length; i++) {
                ps.setObject(3 + i, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
