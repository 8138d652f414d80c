package org.webp2p.server.pingback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.server.store.Store;

class BeaconWriterTest {
    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void openStore() throws Exception {
        store = Store.open(Store.embeddedUrl(dir), "sa", "");
    }

    @AfterEach
    void closeStore() {
        HoldingTrigger.release();
        store.close();
    }

    private static Beacon beacon(String session) {
        return new Beacon(session, "t", null, "news", 1000, 0, 0, 10_000, null, 0, 0, 5000, NatType.UNKNOWN, List.of(),
                List.of());
    }

    @Test
    void stoppingWhileABatchIsBeingWrittenLetsItFinishThenStoresTheRest() throws Exception {
        HoldingTrigger.arm();
        try (Connection c = store.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER hold_beacon BEFORE INSERT ON beacon FOR EACH ROW CALL \""
                    + HoldingTrigger.class.getName() + "\"");
        }
        BeaconStore beacons = new BeaconStore(store.dataSource());
        BeaconWriter writer = new BeaconWriter(beacons, Clock.systemUTC(), Duration.ofMillis(10), 1000, Duration.ofDays(7),
                Duration.ofDays(90));
        assertThat(writer.offer(List.of(beacon("first")), Instant.now())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(HoldingTrigger::holding);
        assertThat(writer.offer(List.of(beacon("second")), Instant.now())).isTrue();

        Thread stopper = new Thread(writer::close, "stopper");
        stopper.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING
                || stopper.getState() == Thread.State.WAITING);
        HoldingTrigger.release();
        stopper.join(Duration.ofSeconds(30).toMillis());

        assertThat(stopper.isAlive()).isFalse();
        assertThat(beacons.countBeacons("news")).as("the batch in progress and the one queued after it").isEqualTo(2);
        beacons.write(List.of(new BeaconStore.Received(Instant.now(), beacon("third"))));
        assertThat(beacons.countBeacons("news")).as("the store still takes writes").isEqualTo(3);
        store.close();
        store = Store.open(Store.embeddedUrl(dir), "sa", "");
        assertThat(new BeaconStore(store.dataSource()).countBeacons("news")).as("and opens again").isEqualTo(3);
    }
}
