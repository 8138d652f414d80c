package org.webp2p.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.HistoryPoint;
import org.webp2p.protocol.admin.NatPairPoint;
import org.webp2p.protocol.admin.TrafficHistory;

class HistoryCsvTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-01T06:00:00Z");

    private static HistoryPoint point(Instant at, long http, long p2p, long p95, long attempts, long successes) {
        return new HistoryPoint(at, 60, 2.5, http, p2p, 0, 100_000, 1, 500, 3, p95, attempts, successes);
    }

    @Test
    void eachStepIsARowOfTheFiguresTheChartsDrawWithAColumnForEachChartedNatPair() {
        TrafficHistory h = new TrafficHistory("*", T0, T1.plusSeconds(3600), 21600,
                List.of(point(T0, 1000, 3000, 480, 4, 3), point(T1, 0, 0, -1, 0, 0)),
                List.of(new NatPairPoint(T0, NatType.FULL_CONE, NatType.SYMMETRIC, 4, 3),
                        new NatPairPoint(T0, NatType.OPEN, NatType.OPEN, 0, 0)));
        List<NatPairs.Pair> pairs = NatPairs.mostTried(h.natPairs(), NatPairs.CHARTED);
        StringBuilder out = new StringBuilder();

        HistoryCsv.write(h, pairs, out);

        assertThat(pairs).containsExactly(new NatPairs.Pair(NatType.FULL_CONE, NatType.SYMMETRIC));
        assertThat(out.toString().split("\r\n")).containsExactly(
                "step_start,step_seconds,http_bytes,p2p_bytes,bytes_saved,offload,peers,startup_p95_ms,stall_ratio,"
                        + "nat_attempts,nat_success,nat_success FULL_CONE > SYMMETRIC",
                "2026-12-01T00:00:00Z,21600,1000,3000,3000,0.7500,2.50,480,0.0050,4,0.7500,0.7500",
                "2026-12-01T06:00:00Z,21600,0,0,0,0.0000,2.50,,0.0050,0,,");
    }

    @Test
    void aHistoryWithoutStepsIsTheHeaderAlone() {
        TrafficHistory h = new TrafficHistory("*", T0, T1, 60, List.of(), List.of());
        StringBuilder out = new StringBuilder();

        HistoryCsv.write(h, List.of(), out);

        assertThat(out.toString()).isEqualTo("step_start,step_seconds,http_bytes,p2p_bytes,bytes_saved,offload,peers,"
                + "startup_p95_ms,stall_ratio,nat_attempts,nat_success\r\n");
    }

    @Test
    void theMostTriedPairsAreChartedFirstAndNoMoreThanTheChartHolds() {
        List<NatPairPoint> points = new ArrayList<>();
        NatType[] types = NatType.values();
        long attempts = 1;
        for (NatType local : types) {
            for (NatType remote : types) {
                points.add(new NatPairPoint(T0, local, remote, attempts++, 0));
            }
        }

        List<NatPairs.Pair> charted = NatPairs.mostTried(points, NatPairs.CHARTED);

        assertThat(charted).hasSize(NatPairs.CHARTED);
        assertThat(charted.get(0)).isEqualTo(new NatPairs.Pair(types[types.length - 1], types[types.length - 1]));
    }
}
