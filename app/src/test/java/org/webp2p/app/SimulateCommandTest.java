package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulateCommandTest extends CommandLineHarness {

    @Test
    void theReportNamesItsConditionsAndWithBaselineSetsTheHttpOnlyViewersBesideTheSwarm() throws Exception {
        Path json = dir.resolve("report.json");
        int code = run("simulate", "--data-dir", dir.resolve("node").toString(), "--peers", "2", "--nat-mix", "full=1",
                "--duration", "6s", "--stream", "demo-hd", "--baseline", "--json", json.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("stream").asText()).isEqualTo("demo-hd");
        assertThat(r.path("network").asText()).isEqualTo("lan");
        assertThat(r.path("peers").asInt()).isEqualTo(2);
        assertThat(r.path("streamBitrateKbps").asDouble()).as("the HD demo, measured").isBetween(1_200.0, 1_800.0);
        assertThat(r.path("peersNeverStarted").isArray()).isTrue();
        assertThat(r.path("stallRatio").isNumber()).isTrue();
        assertThat(r.path("originBytes").asLong()).isPositive();
        JsonNode baseline = r.path("baseline");
        assertThat(baseline.path("originBytes").asLong()).as("two viewers of 1.5 Mbit/s over HTTP alone")
                .isGreaterThan(500_000);
        assertThat(baseline.path("startupP95Ms").asLong()).isBetween(0L, 6_000L);
        assertThat(baseline.path("stalls").isInt()).isTrue();
        assertThat(baseline.path("stallMs").isNumber()).isTrue();
        assertThat(baseline.path("stallRatio").isNumber()).isTrue();
        assertThat(baseline.path("startupP50Ms").isNumber()).isTrue();
        assertThat(baseline.path("timing").asText()).isEqualTo("TOGETHER");
        assertThat(r.path("liveLatencyP50Ms").asLong()).as("behind live, within the HD demo's window of 20 s")
                .isBetween(1L, 20_000L);
        assertThat(baseline.path("liveLatencyP50Ms").asLong()).as("three 2 s segments from the end, and then some")
                .isBetween(4_000L, 20_000L);
        assertThat(r.path("byLinkClass").path("lan").path("peers").asInt()).as("nothing shaped: one class, lan")
                .isEqualTo(2);
        assertThat(r.path("byLinkClass").path("lan").path("originBytes").asLong()).isEqualTo(r.path("originBytes").asLong());
        assertThat(baseline.path("byLinkClass").path("lan").path("peers").asInt()).isEqualTo(2);
        assertThat(out.toString()).contains("conditions        demo-hd, ").contains("HTTP only ")
                .contains("live latency p50  ");
    }

    @Test
    void viewersWithPeersStartAsFarBehindLiveAsTheNodeSays() throws Exception {
        Path json = dir.resolve("deep.json");
        int code = run("simulate", "--data-dir", dir.resolve("node").toString(), "--peers", "3", "--nat-mix", "full=1",
                "--duration", "6s", "--stream", "demo-hd", "--baseline", "--json", json.toString(),
                "--set", "api.p2p-segments-behind-live=7", "--warmup", "2s");

        assertThat(code).as(err.toString()).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("warmupMs").asLong()).isEqualTo(2_000);
        assertThat(out.toString()).contains("after a 2 s warm-up not counted");
        long withPeers = r.path("liveLatencyP50Ms").asLong();
        long httpOnly = r.path("baseline").path("liveLatencyP50Ms").asLong();
        assertThat(withPeers - httpOnly)
                .as("two of three viewers have peers and start seven 2 s segments back, the HTTP-only ones two: %d ms "
                        + "against %d ms", withPeers, httpOnly)
                .isBetween(8_000L, 12_000L);
    }

    @Test
    void aWarmupThatIsNotADurationIsRefusedBeforeAnythingStarts() {
        int code = run("simulate", "--data-dir", dir.resolve("node").toString(), "--warmup", "a while");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("must be a duration");
        assertThat(dir.resolve("node")).doesNotExist();
    }

    @Test
    void aBaselineTimingOtherThanTogetherOrAfterIsRefusedBeforeAnythingStarts() {
        int code = run("simulate", "--data-dir", dir.resolve("node").toString(), "--baseline=sometimes");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("'sometimes' is not together or after");
        assertThat(dir.resolve("node")).doesNotExist();
    }
}
