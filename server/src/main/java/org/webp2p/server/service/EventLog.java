package org.webp2p.server.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.store.Store;

/** Service state changes, kept across restarts so the console can show what happened and when. */
public final class EventLog {
    private static final int MAX_DETAIL = 1000;
    private final DataSource ds;

    private EventLog(DataSource ds) {
        this.ds = ds;
    }

    /** The log kept in {@code store}'s table; the store itself knows nothing of services. */
    public static EventLog in(Store store) {
        return new EventLog(store.dataSource());
    }

    public void append(ServiceEvent event) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO service_event (at, service, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(event.at()));
            ps.setString(2, event.service());
            ps.setString(3, event.from() == null ? null : event.from().name());
            ps.setString(4, event.to().name());
            String detail = event.detail();
            ps.setString(5, detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
            ps.executeUpdate();
        }
    }

    /** An event with its place in the log, which later reads can start after. */
    public record Logged(long id, ServiceEvent event) {
    }

    /** Up to {@code limit} events logged after {@code id}, oldest first. */
    public List<Logged> after(long id, int limit) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT at, service, from_state, to_state, detail, id "
                     + "FROM service_event WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, id);
            ps.setInt(2, limit);
            List<Logged> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Logged(rs.getLong(6), event(rs)));
                }
            }
            return out;
        }
    }

    /** The id of the newest event, or 0 when none was logged. */
    public long lastId() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM service_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The newest events, newest first. */
    public List<ServiceEvent> recent(int limit) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT at, service, from_state, to_state, detail FROM service_event ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<ServiceEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(event(rs));
                }
            }
            return out;
        }
    }

    private static ServiceEvent event(ResultSet rs) throws SQLException {
        String from = rs.getString(3);
        return new ServiceEvent(rs.getTimestamp(1).toInstant(), rs.getString(2),
                from == null ? null : ServiceState.valueOf(from), ServiceState.valueOf(rs.getString(4)),
                rs.getString(5));
    }
}
