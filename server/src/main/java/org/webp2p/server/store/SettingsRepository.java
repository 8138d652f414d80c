package org.webp2p.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Values the product generates and must keep (a publish key made at first start, for example). */
public final class SettingsRepository {
    private final DataSource ds;

    SettingsRepository(DataSource ds) {
        this.ds = ds;
    }

    public Optional<String> get(String key) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT v FROM setting WHERE k = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void put(String key, String value) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("MERGE INTO setting (k, v) KEY (k) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
            // A generated key an encoder was given must survive the node being killed right after.
            Checkpoint.sync(c);
        }
    }

    /** The stored value, or the one {@code generator} makes now, stored for every later start. */
    public String getOrCreate(String key, Supplier<String> generator) throws SQLException {
        synchronized (this) {
            Optional<String> existing = get(key);
            if (existing.isPresent()) {
                return existing.get();
            }
            String made = generator.get();
            put(key, made);
            return made;
        }
    }
}
