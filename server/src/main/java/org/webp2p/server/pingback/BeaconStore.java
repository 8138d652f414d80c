package org.webp2p.server.pingback;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    /** The columns {@link MinuteStat} holds, of those {@link Rollups} sums. */
    private static final List<String> MINUTE_SUMS = Rollups.SUMS.subList(0, 11);

    private final DataSource ds;

    BeaconStore(DataSource ds) {
        this.ds = ds;
    }

    /** A beacon and when it arrived. */
    record Received(Instant at, Beacon beacon) {
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
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Received r : batch) {
                bindBeacon(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (RollupTable t : RollupTable.values()) {
            Rollups.of(t, batch).addTo(c);
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
        String sums = String.join(", ", MINUTE_SUMS.stream().map(c -> "LEAST(SUM(" + c + "), " + Long.MAX_VALUE + ")")
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

    /** Deletes raw beacons, minutes and hours older than their retention; returns rows deleted. */
    int purge(Instant beaconsBefore, Instant minutesBefore, Instant hoursBefore) throws SQLException {
        int deleted = 0;
        try (Connection c = ds.getConnection()) {
            deleted += deleteBefore(c, "beacon", "received_at", beaconsBefore);
            for (RollupTable t : RollupTable.values()) {
                Instant before = t == RollupTable.MINUTE ? minutesBefore : hoursBefore;
                deleted += deleteBefore(c, t.sums, t.start, before) + deleteBefore(c, t.natPairs, t.start, before);
            }
        }
        return deleted;
    }

    private static int deleteBefore(Connection c, String table, String column, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }
}
