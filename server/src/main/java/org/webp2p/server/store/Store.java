package org.webp2p.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The database every service shares. Embedded H2 in the data directory by default; any JDBC URL can
 * be given so a server install can point elsewhere. The schema is brought up to date by versioned
 * migrations ({@code db/migration/V*__*.sql}) at open.
 */
public final class Store implements AutoCloseable {
    private final JdbcConnectionPool pool;
    private final String url;
    private final SettingsRepository settings;
    private final int schemaVersion;

    private Store(JdbcConnectionPool pool, String url, int schemaVersion) {
        this.pool = pool;
        this.url = url;
        this.schemaVersion = schemaVersion;
        this.settings = new SettingsRepository(pool);
    }

    /** How long the embedded database may hold committed changes in memory before writing them. */
    static final int WRITE_DELAY_MS = 2000;

    /** The embedded database file set for a data directory. */
    public static String embeddedUrl(Path dataDir) {
        // DB_CLOSE_ON_EXIT=FALSE: our own shutdown closes the store after the services that write
        // to it have stopped; H2's hook would otherwise race them and lose the last batch.
        // WRITE_DELAY=2000: H2's writer thread wakes every third of the delay, six times a second at
        // its default of 500 ms, the largest share of an idle node's CPU after the JVM's own threads
        // (docs/operations.md); at 2 s it wakes 1.5 times a second. A process killed outright may lose
        // the last 2 s of commits instead of 0.5 s: rollups once a minute, settings on a click.
        return "jdbc:h2:file:" + embeddedDirectory(dataDir).resolve("webp2p").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=" + WRITE_DELAY_MS;
    }

    /** The directory the embedded database's files are in. */
    public static Path embeddedDirectory(Path dataDir) {
        return dataDir.resolve("db");
    }

    /** Opens the store and applies pending migrations; fails with a readable message. */
    public static Store open(String url, String user, String password) throws StoreException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
        try {
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            int version = result.targetSchemaVersion == null ? 0 : Integer.parseInt(result.targetSchemaVersion);
            if (version == 0) {
                version = currentVersion(pool);
            }
            return new Store(pool, url, version);
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException("cannot open store " + redact(url) + ": " + rootMessage(e), e);
        }
    }

    private static int currentVersion(DataSource ds) {
        return Integer.parseInt(Flyway.configure().dataSource(ds).loggers("slf4j").load()
                .info().current().getVersion().getVersion());
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public SettingsRepository settings() {
        return settings;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** The JDBC URL without credentials, for display. */
    public String displayUrl() {
        return redact(url);
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String rootMessage(Throwable t) {
        String msg = t.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }
}
