package org.webp2p.server.pingback;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.webp2p.protocol.admin.MinuteStat;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.server.http.Json;
import org.webp2p.server.store.Checkpoint;

/** Raw beacons and their per-minute sums in the store; plain JDBC so any database works. */
final class BeaconStore {
    private static final String INSERT = "INSERT INTO beacon (received_at, session_id, peer_id, swarm, http_bytes, "
            + "p2p_bytes, uploaded_bytes, played_ms, startup_ms, stalls, stall_ms, buffer_ms, nat_type, links, "
            + "connections) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String[] MINUTE_SUMS = {"beacons", "http_bytes", "p2p_bytes", "uploaded_bytes", "played_ms",
        "stalls", "stall_ms", "startups", "startup_ms_sum", "nat_attempts", "nat_successes"};
    private static final String ADD_MINUTE = "MERGE INTO beacon_minute t USING (VALUES "
            + "(CAST(? AS VARCHAR(128)), CAST(? AS TIMESTAMP(0) WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
            + " CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)))"
            + " s(swarm, minute_start, " + String.join(", ", MINUTE_SUMS) + ")"
            + " ON t.swarm = s.swarm AND t.minute_start = s.minute_start"
            + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", Arrays.stream(MINUTE_SUMS)
                    .map(c -> c + " = " + saturatingSum("t." + c, "s." + c)).toList())
            + " WHEN NOT MATCHED THEN INSERT VALUES (s.swarm, s.minute_start, "
            + String.join(", ", Arrays.stream(MINUTE_SUMS).map(c -> "s." + c).toList()) + ")";

    /**
     * {@code a + b} stopping at the largest BIGINT, for a non-negative {@code b}: a plain sum past it
     * is an error (SQL state 22003), which would fail the whole batch every time it was retried.
     */
    private static String saturatingSum(String a, String b) {
        return "LEAST(" + a + ", " + Long.MAX_VALUE + " - " + b + ") + " + b;
    }

    private final DataSource ds;

    BeaconStore(DataSource ds) {
        this.ds = ds;
    }

    /** A beacon and when it arrived. */
    record Received(Instant at, Beacon beacon) {
    }

    private static MinuteStat noBeacons(String swarm, Instant minute) {
        return new MinuteStat(swarm, minute, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** {@code m} with one more beacon summed in. */
    private static MinuteStat plus(MinuteStat m, Beacon b) {
        long attempts = b.connections().stream().mapToLong(Beacon.Connections::attempts).sum();
        long successes = b.connections().stream().mapToLong(Beacon.Connections::successes).sum();
        return new MinuteStat(m.swarm(), m.minute(), m.beacons() + 1, Saturating.add(m.httpBytes(), b.httpBytes()),
                Saturating.add(m.p2pBytes(), b.p2pBytes()), Saturating.add(m.uploadedBytes(), b.uploadedBytes()),
                Saturating.add(m.playedMs(), b.playedMs()), Saturating.add(m.stalls(), b.stalls()),
                Saturating.add(m.stallMs(), b.stallMs()), m.startups() + (b.startupMs() == null ? 0 : 1),
                Saturating.add(m.startupMsSum(), b.startupMs() == null ? 0 : b.startupMs()),
                Saturating.add(m.natAttempts(), attempts), Saturating.add(m.natSuccesses(), successes));
    }

    /** Writes beacons and adds them to their minutes, all or nothing, and on disk when it returns. */
    void write(Collection<Received> batch) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                insert(c, batch);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            Checkpoint.sync(c);
        }
    }

    private static void insert(Connection c, Collection<Received> batch) throws SQLException {
        Map<List<Object>, MinuteStat> minutes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Received r : batch) {
                bindBeacon(ps, r);
                ps.addBatch();
                Instant minute = r.at().truncatedTo(ChronoUnit.MINUTES);
                String swarm = r.beacon().swarm();
                minutes.merge(List.of(swarm, minute), plus(noBeacons(swarm, minute), r.beacon()),
                        (a, b) -> plus(a, r.beacon()));
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(ADD_MINUTE)) {
            for (MinuteStat m : minutes.values()) {
                Object[] v = {m.swarm(), Timestamp.from(m.minute()), m.beacons(), m.httpBytes(), m.p2pBytes(),
                    m.uploadedBytes(), m.playedMs(), m.stalls(), m.stallMs(), m.startups(), m.startupMsSum(),
                    m.natAttempts(), m.natSuccesses()};
                for (int i = 0; i < v.length; i++) {
                    ps.setObject(i + 1, v[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindBeacon(PreparedStatement ps, Received r) throws SQLException {
        Beacon b = r.beacon();
        ps.setTimestamp(1, Timestamp.from(r.at()));
        ps.setString(2, b.sessionId());
        ps.setString(3, b.peerId());
        ps.setString(4, b.swarm());
        ps.setLong(5, b.httpBytes());
        ps.setLong(6, b.p2pBytes());
        ps.setLong(7, b.uploadedBytes());
        ps.setLong(8, b.playedMs());
        if (b.startupMs() == null) {
            ps.setNull(9, Types.BIGINT);
        } else {
            ps.setLong(9, b.startupMs());
        }
        ps.setInt(10, b.stalls());
        ps.setLong(11, b.stallMs());
        ps.setLong(12, b.bufferMs());
        ps.setString(13, b.natType().name());
        try {
            ps.setString(14, Json.MAPPER.writeValueAsString(b.links()));
            ps.setString(15, Json.MAPPER.writeValueAsString(b.connections()));
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot encode beacon links", e);
        }
    }

    /**
     * Minutes of one swarm, or of every swarm summed for {@link LiveAggregator#ALL}, oldest first.
     */
    List<MinuteStat> history(String swarm, Instant from, Instant to) throws SQLException {
        boolean all = LiveAggregator.ALL.equals(swarm);
        // Swarms' minutes summed may pass the largest BIGINT even though each one saturates.
        String sums = String.join(", ", Arrays.stream(MINUTE_SUMS).map(c -> "LEAST(SUM(" + c + "), " + Long.MAX_VALUE + ")")
                .toList());
        String sql = "SELECT " + (all ? "'*'" : "swarm") + ", minute_start, " + sums
                + " FROM beacon_minute WHERE minute_start >= ? AND minute_start < ?"
                + (all ? "" : " AND swarm = ?") + " GROUP BY " + (all ? "" : "swarm, ") + "minute_start ORDER BY minute_start";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            if (!all) {
                ps.setString(3, swarm);
            }
            List<MinuteStat> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MinuteStat(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13)));
                }
            }
            return out;
        }
    }

    long countBeacons(String swarm) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM beacon WHERE swarm = ?")) {
            ps.setString(1, swarm);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes raw beacons and minutes older than their retention; returns rows deleted. */
    int purge(Instant beaconsBefore, Instant minutesBefore) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement raw = c.prepareStatement("DELETE FROM beacon WHERE received_at < ?");
             PreparedStatement rolled = c.prepareStatement("DELETE FROM beacon_minute WHERE minute_start < ?")) {
            raw.setTimestamp(1, Timestamp.from(beaconsBefore));
            rolled.setTimestamp(1, Timestamp.from(minutesBefore));
            return raw.executeUpdate() + rolled.executeUpdate();
        }
    }
}
