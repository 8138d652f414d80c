package org.webp2p.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts what a connection has committed on disk before the caller says it is stored. H2 keeps commits
 * in memory for up to its write delay (half a second) and a node killed meanwhile (SIGKILL, the OOM
 * killer, a power cut) lost them: the last beacons, a publish key made at first start. Other
 * databases are durable at commit and are left alone.
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /** Writes and forces to disk everything committed so far, when the store is H2. */
    public static void sync(Connection c) throws SQLException {
        if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }
}
