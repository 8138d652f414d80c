package org.webp2p.server.pingback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.server.store.Store;

class HourlyRollupTest {
    @TempDir
    Path dir;
    private Store db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private static BeaconStore.Received beacon(String at, String swarm, long http, Long startupMs, int attempts,
                                               int successes) {
        Instant when = Instant.parse(at);
        return new BeaconStore.Received(when, new Beacon("s" + when.getEpochSecond(), "t", null, swarm, http, 2 * http, 0,
                10_000, startupMs, 0, 0, 0, NatType.FULL_CONE, List.of(),
                List.of(new Beacon.Connections(NatType.SYMMETRIC, attempts, successes))));
    }

    @Test
    void everyWriteAddsToItsHourAsItDoesToItsMinute() throws Exception {
        db = Store.open(Store.embeddedUrl(dir), "sa", "");
        BeaconStore store = new BeaconStore(db.dataSource());

        store.write(List.of(beacon("2026-12-07T10:05:10Z", "news", 100, 300L, 2, 1),
                beacon("2026-12-07T10:05:40Z", "news", 50, null, 1, 1)));
        store.write(List.of(beacon("2026-12-07T10:59:59Z", "news", 7, 3000L, 4, 0),
                beacon("2026-12-07T11:00:00Z", "news", 1000, 100L, 1, 1)));

        assertThat(rows("SELECT hour_start, beacons, http_bytes, p2p_bytes, startups, startup_le_500, startup_le_4000, "
                + "nat_attempts, nat_successes FROM beacon_hour ORDER BY hour_start")).containsExactly(
                "2026-12-07T10:00:00Z 3 157 314 2 1 1 7 2", "2026-12-07T11:00:00Z 1 1000 2000 1 0 0 1 1");
        assertThat(rows("SELECT minute_start, beacons, http_bytes, startup_le_500 FROM beacon_minute ORDER BY 1"))
                .containsExactly("2026-12-07T10:05:00Z 2 150 1", "2026-12-07T10:59:00Z 1 7 0",
                        "2026-12-07T11:00:00Z 1 1000 0");
        assertThat(rows("SELECT hour_start, local_nat, remote_nat, attempts, successes FROM beacon_nat_hour ORDER BY 1"))
                .containsExactly("2026-12-07T10:00:00Z FULL_CONE SYMMETRIC 7 2",
                        "2026-12-07T11:00:00Z FULL_CONE SYMMETRIC 1 1");
    }

    @Test
    void anUpgradeFillsTheHoursOfTheMinutesAlreadyStored() throws Exception {
        String url = Store.embeddedUrl(dir);
        JdbcConnectionPool old = JdbcConnectionPool.create(url, "sa", "");
        try {
            Flyway.configure().dataSource(old).locations("classpath:db/migration").target("2").load().migrate();
            try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
                for (String minute : List.of("2026-12-07 10:01:00+00", "2026-12-07 10:59:00+00",
                        "2026-12-07 11:30:00+00")) {
                    s.execute("INSERT INTO beacon_minute VALUES ('news', TIMESTAMP WITH TIME ZONE '" + minute
                            + "', 6, 1000, 3000, 0, 60000, 1, 100, 2, 900, 4, 3)");
                }
            }
        } finally {
            old.dispose();
        }

        db = Store.open(url, "sa", "");

        assertThat(db.schemaVersion()).isGreaterThanOrEqualTo(3);
        assertThat(rows("SELECT hour_start, beacons, http_bytes, p2p_bytes, played_ms, stall_ms, startups, "
                + "nat_attempts, nat_successes, startup_le_500 FROM beacon_hour ORDER BY 1")).containsExactly(
                "2026-12-07T10:00:00Z 12 2000 6000 120000 200 4 8 6 0", "2026-12-07T11:00:00Z 6 1000 3000 60000 100 2 4 3 0");
    }

    @Test
    void hoursOutliveMinutesByTheirOwnRetention() throws Exception {
        db = Store.open(Store.embeddedUrl(dir), "sa", "");
        Instant now = Instant.parse("2026-12-07T10:30:00Z");
        StoredHistory.fill(db.dataSource(), "news", now.minus(Duration.ofDays(10)), now);

        new BeaconStore(db.dataSource()).purge(now, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(7)));

        assertThat(rows("SELECT MIN(minute_start) FROM beacon_minute")).containsExactly("2026-12-04T10:30:00Z");
        assertThat(rows("SELECT MIN(hour_start), COUNT(*) FROM beacon_hour")).containsExactly("2026-11-30T11:00:00Z 168");
        assertThat(rows("SELECT MIN(hour_start) FROM beacon_nat_hour")).containsExactly("2026-11-30T11:00:00Z");
        assertThat(rows("SELECT MIN(minute_start) FROM beacon_nat_minute")).containsExactly("2026-12-04T10:30:00Z");
    }

    /** Each row's columns joined by spaces, timestamps as UTC instants. */
    private List<String> rows(String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    cols.add(v instanceof OffsetDateTime t ? t.toInstant().toString() : String.valueOf(v));
                }
                out.add(String.join(" ", cols));
            }
        }
        return out;
    }
}
