package org.webp2p.server.pingback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.HistoryPoint;
import org.webp2p.protocol.admin.NatPairPoint;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.PingbackSettings;

/**
 * Reads the stored minutes or hours of a range in at most a given number of steps, summed in the
 * database: a chart of 90 days gets a few hundred rows, never the 130,000 minutes behind them. Ranges
 * up to a day are read from minutes, longer ones (or reaching past the minutes kept) from hours.
 * Reads only the store, so it answers while pingback is stopped too. Safe to call from any thread.
 */
public final class HistoryReader {
    /** About as many points as a chart a screen wide can show apart. */
    public static final int DEFAULT_POINTS = 500;
    /** Steps a person reads at a glance, in seconds; past the last one, whole days. */
    private static final long[] STEPS = {60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    /**
     * The longest range read from minutes: a read's cost is the rows it sums, and a day of minutes is
     * 1,440 a stream where a week would be 10,080; longer ranges are read from hours.
     */
    private static final Duration MINUTES_AT_MOST = Duration.ofDays(1);
    private static final String EPOCH = "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'";
    private static final List<String> POINT_SUMS = Rollups.SUMS.stream().filter(c -> !c.equals("startup_ms_sum"))
            .toList();

    private final DataSource ds;
    private final Duration beaconInterval;
    private final Duration minuteRetention;
    private final Clock clock;

    /**
     * @param beaconInterval  how often a viewer reports, which turns beacons into viewers
     * @param minuteRetention how far back minutes are kept; a range reaching further is read from hours
     */
    public HistoryReader(DataSource ds, Duration beaconInterval, Duration minuteRetention, Clock clock) {
        if (beaconInterval.isNegative() || beaconInterval.isZero()) {
            throw new IllegalArgumentException("the beacon interval must be positive, got " + beaconInterval);
        }
        this.ds = ds;
        this.beaconInterval = beaconInterval;
        this.minuteRetention = minuteRetention;
        this.clock = clock;
    }

    /** The reader of a node's store with the node's beacon interval and minute retention. */
    public static HistoryReader of(DataSource ds, Config config, Clock clock) {
        return new HistoryReader(ds, config.get(PingbackSettings.INTERVAL), config.get(PingbackSettings.ROLLUP_RETENTION),
                clock);
    }

    /**
     * The history of {@code swarm} ({@link LiveAggregator#ALL} for every swarm summed) from {@code from}
     * to {@code to} in at most {@code maxPoints} steps, oldest first; the first step begins at or before
     * {@code from}.
     */
    public TrafficHistory read(String swarm, Instant from, Instant to, int maxPoints) throws SQLException {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a history range must end after it begins: " + from + " to " + to);
        }
        if (maxPoints < 1) {
            throw new IllegalArgumentException("a history needs at least 1 point, asked for " + maxPoints);
        }
        Duration span = Duration.between(from, to);
        long step = step(span, maxPoints);
        RollupTable table = RollupTable.MINUTE;
        if (span.compareTo(MINUTES_AT_MOST) > 0 || step >= RollupTable.HOUR.resolution().toSeconds()
                || from.isBefore(clock.instant().minus(minuteRetention))) {
            table = RollupTable.HOUR;
            step = Math.max(step, RollupTable.HOUR.resolution().toSeconds());
        }
        Instant start = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), step) * step);
        try (Connection c = ds.getConnection()) {
            return new TrafficHistory(swarm, start, to, step, points(c, table, swarm, start, to, step),
                    natPairs(c, table, swarm, start, to, step));
        }
    }

    /** The shortest step of the ladder that covers {@code span} in at most {@code maxPoints}. */
    static long step(Duration span, int maxPoints) {
        long seconds = Math.max(1, span.toSeconds());
        for (long s : STEPS) {
            if (ceilDiv(seconds, s) <= maxPoints) {
                return s;
            }
        }
        long day = STEPS[STEPS.length - 1];
        return ceilDiv(ceilDiv(seconds, maxPoints), day) * day;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private List<HistoryPoint> points(Connection c, RollupTable t, String swarm, Instant from, Instant to, long step)
            throws SQLException {
        String sums = String.join(", ", POINT_SUMS.stream().map(col -> "LEAST(SUM(" + col + "), " + Long.MAX_VALUE + ")")
                .toList());
        List<HistoryPoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + bucket(t, step) + ", " + sums + " FROM " + t.sums
                + where(t, swarm) + " GROUP BY " + bucket(t, step) + " ORDER BY 1")) {
            bind(ps, swarm, from, to);
            double beaconsPerViewer = (double) step / beaconInterval.toSeconds();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = new long[POINT_SUMS.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rs.getLong(i + 2);
                    }
                    long[] histogram = new long[StartupHistogram.COLUMNS.size()];
                    System.arraycopy(v, POINT_SUMS.indexOf(StartupHistogram.COLUMNS.get(0)), histogram, 0,
                            histogram.length);
                    out.add(new HistoryPoint(Instant.ofEpochSecond(rs.getLong(1) * step), v[0], v[0] / beaconsPerViewer,
                            v[1], v[2], v[3], v[4], v[5], v[6], v[7], StartupHistogram.quantile(histogram, 0.95),
                            v[8], v[9]));
                }
            }
        }
        return out;
    }

    private static List<NatPairPoint> natPairs(Connection c, RollupTable t, String swarm, Instant from, Instant to,
                                               long step) throws SQLException {
        List<NatPairPoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + bucket(t, step) + ", local_nat, remote_nat, "
                + "LEAST(SUM(attempts), " + Long.MAX_VALUE + "), LEAST(SUM(successes), " + Long.MAX_VALUE + ") FROM "
                + t.natPairs + where(t, swarm) + " GROUP BY " + bucket(t, step) + ", local_nat, remote_nat"
                + " ORDER BY 1, 2, 3")) {
            bind(ps, swarm, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NatPairPoint(Instant.ofEpochSecond(rs.getLong(1) * step), NatType.valueOf(rs.getString(2)),
                            NatType.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    /** The step a row falls in, counted from the epoch; {@code step} is ours, never a caller's text. */
    private static String bucket(RollupTable t, long step) {
        return "DATEDIFF(SECOND, " + EPOCH + ", " + t.start + ") / " + step;
    }

    private static String where(RollupTable t, String swarm) {
        return " WHERE " + t.start + " >= ? AND " + t.start + " < ?"
                + (LiveAggregator.ALL.equals(swarm) ? "" : " AND swarm = ?");
    }

    private static void bind(PreparedStatement ps, String swarm, Instant from, Instant to) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(from));
        ps.setTimestamp(2, Timestamp.from(to));
        if (!LiveAggregator.ALL.equals(swarm)) {
            ps.setString(3, swarm);
        }
    }
}
