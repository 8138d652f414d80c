package org.webp2p.server.pingback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.HistoryPoint;
import org.webp2p.protocol.admin.NatPairPoint;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.server.store.Store;

class HistoryReaderTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:30:00Z");
    @TempDir
    Path dir;
    private Store db;

    @BeforeEach
    void open() throws Exception {
        db = Store.open(Store.embeddedUrl(dir), "sa", "");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private HistoryReader reader(Duration minuteRetention) {
        return new HistoryReader(db.dataSource(), Duration.ofSeconds(10), minuteRetention,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void ninetyDaysComeBackInAtMostFiveHundredStepsSummedByTheStore() throws Exception {
        StoredHistory.fill(db.dataSource(), "news", NOW.minus(Duration.ofDays(91)), NOW);

        TrafficHistory h = reader(Duration.ofDays(90)).read("news", NOW.minus(Duration.ofDays(90)), NOW, 500);

        assertThat(h.stepSeconds()).isEqualTo(Duration.ofHours(6).toSeconds());
        assertThat(h.points()).hasSizeLessThanOrEqualTo(500).hasSizeGreaterThan(350);
        List<HistoryPoint> whole = h.points().subList(0, h.points().size() - 1);
        assertThat(whole).allSatisfy(p -> {
            assertThat(p.httpBytes()).isEqualTo(StoredHistory.HTTP_PER_MINUTE * 360);
            assertThat(p.p2pBytes()).isEqualTo(StoredHistory.P2P_PER_MINUTE * 360);
            assertThat(p.peers()).isCloseTo(StoredHistory.VIEWERS, within(1e-9));
            assertThat(p.offloadRatio()).isCloseTo(0.75, within(1e-9));
            assertThat(p.stallRatio()).isCloseTo(0.001, within(1e-9));
            assertThat(p.startupP95Ms()).isBetween(250L, 500L);
        });
        assertThat(h.natPairs()).hasSize(h.points().size()).allSatisfy(n -> {
            assertThat(n.local()).isEqualTo(NatType.FULL_CONE);
            assertThat(n.remote()).isEqualTo(NatType.SYMMETRIC);
            assertThat(n.successRatio()).isCloseTo(0.75, within(1e-9));
        });
    }

    @Test
    void aDayIsReadFromItsMinutesInFiveMinuteSteps() throws Exception {
        StoredHistory.fill(db.dataSource(), "news", NOW.minus(Duration.ofDays(2)), NOW);
        sql("DELETE FROM beacon_hour");

        TrafficHistory h = reader(Duration.ofDays(90)).read("news", NOW.minus(Duration.ofDays(1)), NOW, 500);

        assertThat(h.stepSeconds()).isEqualTo(300);
        assertThat(h.points()).hasSize(288);
        assertThat(h.points().get(0).start()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(h.points()).allSatisfy(p -> assertThat(p.httpBytes()).isEqualTo(StoredHistory.HTTP_PER_MINUTE * 5));
    }

    @Test
    void aRangeReachingPastTheMinutesKeptIsReadFromHours() throws Exception {
        StoredHistory.fill(db.dataSource(), "news", NOW.minus(Duration.ofDays(1)), NOW);
        sql("DELETE FROM beacon_minute WHERE minute_start < TIMESTAMP WITH TIME ZONE '2026-12-07 04:30:00+00'");

        List<HistoryPoint> points = reader(Duration.ofHours(6)).read("news", NOW.minus(Duration.ofHours(12)), NOW, 500)
                .points();

        assertThat(points).hasSize(13).allSatisfy(p -> assertThat(p.start().getEpochSecond() % 3600).isZero());
        assertThat(points.get(0).httpBytes()).as("an hour the minutes no longer have")
                .isEqualTo(StoredHistory.HTTP_PER_MINUTE * 60);
    }

    @Test
    void aWeekIsReadFromHoursThoughItsMinutesAreKept() throws Exception {
        StoredHistory.fill(db.dataSource(), "news", NOW.minus(Duration.ofDays(8)), NOW);
        sql("DELETE FROM beacon_minute");

        TrafficHistory h = reader(Duration.ofDays(90)).read("news", NOW.minus(Duration.ofDays(7)), NOW, 500);

        assertThat(h.stepSeconds()).isEqualTo(3600);
        assertThat(h.points()).hasSize(7 * 24 + 1);
    }

    @Test
    void oneSwarmReadsItsOwnRowsAndAllSumsEverySwarm() throws Exception {
        StoredHistory.fill(db.dataSource(), "news", NOW.minus(Duration.ofHours(1)), NOW);
        StoredHistory.fill(db.dataSource(), "sport", NOW.minus(Duration.ofHours(1)), NOW);
        HistoryReader r = reader(Duration.ofDays(90));

        TrafficHistory news = r.read("news", NOW.minus(Duration.ofHours(1)), NOW, 500);
        TrafficHistory all = r.read(LiveAggregator.ALL, NOW.minus(Duration.ofHours(1)), NOW, 500);

        assertThat(news.stepSeconds()).isEqualTo(60);
        assertThat(news.points()).hasSize(60).allSatisfy(p -> assertThat(p.peers()).isEqualTo(StoredHistory.VIEWERS));
        assertThat(all.points()).hasSize(60).allSatisfy(p -> assertThat(p.peers()).isEqualTo(2 * StoredHistory.VIEWERS));
        assertThat(all.natPairs()).extracting(NatPairPoint::attempts)
                .containsOnly(2 * StoredHistory.NAT_ATTEMPTS_PER_MINUTE);
    }

    @Test
    void stepsAreRoundAndNeverMoreThanAsked() {
        assertThat(HistoryReader.step(Duration.ofHours(1), 500)).isEqualTo(60);
        assertThat(HistoryReader.step(Duration.ofDays(7), 500)).isEqualTo(1800);
        assertThat(HistoryReader.step(Duration.ofDays(30), 500)).isEqualTo(7200);
        assertThat(HistoryReader.step(Duration.ofDays(90), 500)).isEqualTo(21600);
        assertThat(HistoryReader.step(Duration.ofDays(3650), 500)).isEqualTo(8 * 86400);
        assertThat(HistoryReader.step(Duration.ofDays(90), 10)).isEqualTo(9 * 86400);
    }

    @Test
    void anEmptyOrBackwardRangeIsRefused() {
        HistoryReader r = reader(Duration.ofDays(90));
        assertThatThrownBy(() -> r.read("news", NOW, NOW, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end after it begins");
        assertThatThrownBy(() -> r.read("news", NOW.minusSeconds(60), NOW, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 point");
    }

    @Test
    void startupP95IsInterpolatedInsideItsBucket() {
        assertThat(StartupHistogram.quantile(new long[] {0, 100, 0, 0, 0, 0, 0}, 0.95)).isEqualTo(488);
        assertThat(StartupHistogram.quantile(new long[] {90, 0, 10, 0, 0, 0, 0}, 0.95)).isEqualTo(750);
        assertThat(StartupHistogram.quantile(new long[] {0, 0, 0, 0, 0, 0, 5}, 0.95)).isEqualTo(8000);
        assertThat(StartupHistogram.quantile(new long[7], 0.95)).isEqualTo(-1);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
