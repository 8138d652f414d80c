package org.webp2p.server.pingback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.MinuteStat;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.server.store.Store;

class BeaconWriterTest {
    /** Recent, so the writer's retention purge leaves it be. */
    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    @TempDir
    Path dir;
    private Store db;
    private BeaconStore store;
    private final List<BeaconWriter> writers = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        db = Store.open(Store.embeddedUrl(dir), "sa", "");
        store = new BeaconStore(db.dataSource());
    }

    @AfterEach
    void close() {
        HoldingTrigger.release();
        writers.forEach(BeaconWriter::close);
        db.close();
    }

    /** A writer that flushes only when told to. */
    private BeaconWriter writer(int queueLimit) {
        BeaconWriter w = new BeaconWriter(store, Clock.systemUTC(), Duration.ofHours(1), queueLimit, Duration.ofDays(7),
                Duration.ofDays(90), Duration.ofDays(400));
        writers.add(w);
        return w;
    }

    private static Beacon beacon(String session, String swarm, long httpBytes) {
        return new Beacon(session, "t", null, swarm, httpBytes, 0, 0, 10_000, null, 0, 0, 0, NatType.OPEN, List.of(),
                List.of());
    }

    private static List<Beacon> beacons(int n) {
        return IntStream.range(0, n).mapToObj(i -> beacon("s" + i, "demo", 100)).toList();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private List<MinuteStat> history(String swarm) throws SQLException {
        return store.history(swarm, MINUTE.minusSeconds(60), MINUTE.plusSeconds(120));
    }

    @Test
    void minuteSumsStopAtTheLargestNumberRatherThanFailEveryWrite() throws Exception {
        // BIGINT addition past the largest value is SQL state 22003: the batch failed, and failed again when retried.
        store.write(List.of(new BeaconStore.Received(MINUTE, beacon("a", "cats", Long.MAX_VALUE))));
        store.write(List.of(new BeaconStore.Received(MINUTE.plusSeconds(1), beacon("b", "cats", 1)),
                new BeaconStore.Received(MINUTE.plusSeconds(2), beacon("c", "cats", Long.MAX_VALUE))));
        store.write(List.of(new BeaconStore.Received(MINUTE, beacon("d", "dogs", Long.MAX_VALUE))));

        assertThat(history("cats")).singleElement().satisfies(m -> {
            assertThat(m.httpBytes()).isEqualTo(Long.MAX_VALUE);
            assertThat(m.beacons()).isEqualTo(3);
        });
        assertThat(history(LiveAggregator.ALL)).as("two swarms' saturated minutes summed")
                .singleElement().satisfies(m -> assertThat(m.httpBytes()).isEqualTo(Long.MAX_VALUE));
    }

    @Test
    void aBatchWithOneBeaconTheDatabaseRefusesStoresTheOthersAndCountsTheOneDropped() throws Exception {
        sql("ALTER TABLE beacon ADD CONSTRAINT no_poison CHECK (session_id <> 'poison')");
        BeaconWriter w = writer(1000);
        List<Beacon> batch = new ArrayList<>(beacons(20));
        batch.add(13, beacon("poison", "demo", 100));
        assertThat(w.offer(batch, MINUTE)).isTrue();

        w.flush();
        assertThat(store.countBeacons("demo")).isEqualTo(20);
        assertThat(history("demo")).singleElement().satisfies(m -> assertThat(m.beacons()).isEqualTo(20));
        assertThat(w.dropped()).isEqualTo(1);
        assertThat(w.written()).isEqualTo(20);
        assertThat(w.queued()).as("nothing left to retry forever").isZero();
        assertThat(w.failedFlushes()).isZero();
    }

    @Test
    void whileTheStoreFailsBeaconsWaitWithinTheQueueLimitAndAreWrittenOnceItIsBack() throws Exception {
        BeaconWriter w = writer(100);
        sql("ALTER TABLE beacon RENAME TO beacon_away");
        assertThat(w.offer(beacons(60), MINUTE)).isTrue();
        w.flush();
        w.flush();
        assertThat(w.failedFlushes()).isEqualTo(2);
        assertThat(w.queued()).isEqualTo(60);
        assertThat(w.offer(beacons(40), MINUTE)).isTrue();
        w.flush();
        assertThat(w.offer(beacons(1), MINUTE)).as("full: the client keeps its counts and retries").isFalse();
        assertThat(w.queued()).isEqualTo(100);

        sql("ALTER TABLE beacon_away RENAME TO beacon");
        w.flush();
        assertThat(store.countBeacons("demo")).isEqualTo(100);
        assertThat(w.queued()).isZero();
        assertThat(w.dropped()).as("a failing store is no reason to drop a beacon").isZero();
        assertThat(w.offer(beacons(100), MINUTE)).isTrue();
    }

    @Test
    void stoppingWhileABatchIsBeingWrittenLetsItFinishThenStoresTheRest() throws Exception {
        HoldingTrigger.arm();
        sql("CREATE TRIGGER hold_beacon BEFORE INSERT ON beacon FOR EACH ROW CALL \"" + HoldingTrigger.class.getName() + "\"");
        BeaconWriter writer = new BeaconWriter(store, Clock.systemUTC(), Duration.ofMillis(10), 1000, Duration.ofDays(7),
                Duration.ofDays(90), Duration.ofDays(400));
        assertThat(writer.offer(List.of(beacon("first", "news", 1000)), Instant.now())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(HoldingTrigger::holding);
        assertThat(writer.offer(List.of(beacon("second", "news", 1000)), Instant.now())).isTrue();

        Thread stopper = new Thread(writer::close, "stopper");
        stopper.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING
                || stopper.getState() == Thread.State.WAITING);
        HoldingTrigger.release();
        stopper.join(Duration.ofSeconds(30).toMillis());

        assertThat(stopper.isAlive()).isFalse();
        assertThat(store.countBeacons("news")).as("the batch in progress and the one queued after it").isEqualTo(2);
        store.write(List.of(new BeaconStore.Received(Instant.now(), beacon("third", "news", 1000))));
        assertThat(store.countBeacons("news")).as("the store still takes writes").isEqualTo(3);
        db.close();
        db = Store.open(Store.embeddedUrl(dir), "sa", "");
        assertThat(new BeaconStore(db.dataSource()).countBeacons("news")).as("and opens again").isEqualTo(3);
    }
}
