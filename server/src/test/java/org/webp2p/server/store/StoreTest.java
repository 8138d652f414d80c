package org.webp2p.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.TestNode;
import org.webp2p.server.service.EventLog;

class StoreTest {
    private Path dir;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("webp2p-store");
    }

    @AfterEach
    void removeDir() throws Exception {
        TestNode.deleteTree(dir);
    }

    @Test
    void migratesAFreshDatabaseInTheDataDirectory() throws Exception {
        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "")) {
            assertThat(store.schemaVersion()).isGreaterThanOrEqualTo(1);
        }
        assertThat(dir.resolve("db/webp2p.mv.db")).exists();
    }

    @Test
    void theEmbeddedDatabaseHoldsCommitsUpToTwoSecondsSoItsWriterWakesRarely() throws Exception {
        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "");
             Connection c = DriverManager.getConnection(Store.embeddedUrl(dir), "sa", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2000");
        }
    }

    @Test
    void eventsAndSettingsSurviveReopening() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String key;
        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "")) {
            EventLog.in(store).append(new ServiceEvent(at, "origin", ServiceState.STARTING, ServiceState.FAILED,
                    "address already in use"));
            key = store.settings().getOrCreate("origin.publish-key", () -> "k-123");
        }
        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "")) {
            assertThat(EventLog.in(store).recent(5)).containsExactly(new ServiceEvent(at, "origin",
                    ServiceState.STARTING, ServiceState.FAILED, "address already in use"));
            assertThat(store.settings().getOrCreate("origin.publish-key", () -> "other")).isEqualTo(key);
        }
    }

    @Test
    void recentEventsComeNewestFirstAndAreLimited() throws Exception {
        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "")) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 5; i++) {
                EventLog.in(store).append(new ServiceEvent(t.plusSeconds(i), "api", null, ServiceState.RUNNING, "#" + i));
            }
            assertThat(EventLog.in(store).recent(2)).extracting(ServiceEvent::detail).containsExactly("#4", "#3");
        }
    }

    @Test
    void unreachableDatabaseIsReportedReadably() {
        assertThatThrownBy(() -> Store.open("jdbc:h2:tcp://127.0.0.1:1/nowhere;password=secret", "sa", ""))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open store jdbc:h2:tcp://127.0.0.1:1/nowhere;password=***");
    }
}
