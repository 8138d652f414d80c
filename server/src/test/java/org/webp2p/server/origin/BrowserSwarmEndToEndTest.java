package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.server.HostTools;
import org.webp2p.server.TestNode;
import org.webp2p.server.http.Json;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.tracker.TrackerService;

/**
 * Three browser viewers of the demo, for real: a node with every service, Debian's Chromium driven
 * by playwright-core (src/main/player/e2e/three-viewers.mjs), three browser contexts joining a few
 * seconds apart. They must take segments from each other over WebRTC, none may fail, and pingback
 * must hold exactly the bytes each page counted, each under the rendition (180p, 90p) it played, as
 * the tracker holds each page in its rendition's swarm. In CI a missing Node.js or Chromium fails the
 * build; on a developer's machine the test is skipped saying what is missing.
 */
class BrowserSwarmEndToEndTest {
    private static final Path PLAYER = Path.of("src/main/player");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("WEBP2P_CHROMIUM", "/usr/bin/chromium"));
    private static final int SECONDS = 40;

    @TempDir
    Path tmp;

    private TestNode node;

    @BeforeEach
    void requireNodeAndChromium() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!HostTools.runs("node", "--version")) {
            missing.add("Node.js (apt-get install nodejs npm)");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium at " + CHROMIUM + " (apt-get install chromium, or set WEBP2P_CHROMIUM)");
        }
        if (!Files.isDirectory(PLAYER.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core in " + PLAYER + "/node_modules (the build's npm ci installs it)");
        }
        HostTools.require("the browser end-to-end test", missing);
        node = TestNode.open(Map.of("pingback.interval", "2s"));
        node.runtime().services().startAll();
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void threeBrowserViewersOfTheDemoShareSegmentsAndPingbackHoldsTheirBytes() throws Exception {
        // The demo has renditions: the pages load its master playlist and meet in a swarm per variant.
        TrackerService tracker = node.runtime().services().service(TrackerService.NAME, TrackerService.class);
        Set<String> identities = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
        Set<String> peerSwarms = ConcurrentHashMap.newKeySet();
        watch.scheduleAtFixedRate(() -> {
            tracker.webSwarms().forEach(w -> identities.add(w.stream() + " " + w.rendition() + " " + w.identity()));
            tracker.webPeers().forEach(p -> peerSwarms.add(p.swarm()));
        }, 0, 500, TimeUnit.MILLISECONDS);
        JsonNode run;
        try {
            run = viewers("http://127.0.0.1:" + node.address("origin").getPort() + "/play/demo");
        } finally {
            watch.shutdownNow();
        }
        assertThat(identities).as("browser swarms seen").isNotEmpty()
                .allSatisfy(i -> assertThat(i).matches("demo (180p \\d+-avc1\\.\\w+-320-180|90p \\d+-avc1\\.\\w+-160-90)"
                        + "-----"));
        assertThat(peerSwarms).as("browser peers, by the swarm the tracker puts them in").isNotEmpty()
                .isSubsetOf("demo/180p", "demo/90p");
        JsonNode pages = run.get("final");
        assertThat(pages).hasSize(3);

        long http = 0;
        long p2p = 0;
        long uploaded = 0;
        PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
        for (JsonNode page : pages) {
            assertThat(page.get("fatal").isNull()).as("fatal error on a page: %s (%s)", page.get("fatal"), run.get("logs"))
                    .isTrue();
            assertThat(page.get("startupMs").isNumber()).as("page played: %s", page).isTrue();
            assertThat(page.get("rendition").asText()).as("rendition the page played").isIn("180p", "90p");
            assertThat(pingback.session(page.get("sessionId").asText()))
                    .hasValueSatisfying(s -> assertThat(s.client()).isEqualTo(ClientKind.BROWSER));
            http += page.get("httpBytes").asLong();
            p2p += page.get("p2pBytes").asLong();
            uploaded += page.get("uploadedBytes").asLong();
        }
        assertThat(p2p).as("bytes the pages took from each other (pages: %s)", pages).isPositive();
        assertThat(uploaded).as("someone sent them").isPositive();

        SwarmFigures demo = pingback.figures("demo").orElseThrow();
        assertThat(demo.sessions()).isEqualTo(3);
        assertThat(demo.peers()).as("each page beacons under its own peer id").isEqualTo(3);
        assertThat(demo.httpBytes()).isEqualTo(http);
        assertThat(demo.p2pBytes()).isEqualTo(p2p);
        assertThat(demo.uploadedBytes()).isEqualTo(uploaded);

        // Every segment byte was fetched while a rendition played or loaded: the renditions hold them all.
        List<SwarmFigures> renditions = pingback.renditions();
        assertThat(renditions).extracting(SwarmFigures::swarm).isNotEmpty().isSubsetOf("demo/180p", "demo/90p");
        assertThat(renditions.stream().mapToLong(SwarmFigures::httpBytes).sum()).as("HTTP bytes by rendition: %s",
                renditions).isEqualTo(http);
        assertThat(renditions.stream().mapToLong(SwarmFigures::p2pBytes).sum()).as("P2P bytes by rendition: %s",
                renditions).isEqualTo(p2p);
    }

    /** Runs the viewers against {@code page}; their figures after their last beacon, and what they logged. */
    private JsonNode viewers(String page) throws IOException, InterruptedException {
        Path out = tmp.resolve("viewers.json");
        Path err = tmp.resolve("viewers.log");
        Process p = new ProcessBuilder("node", "e2e/three-viewers.mjs", "--page", page, "--seconds",
                String.valueOf(SECONDS), "--chromium", CHROMIUM.toString())
                .directory(PLAYER.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(SECONDS + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("the viewers did not finish in " + (SECONDS + 60) + " s: " + Files.readString(err));
        }
        String json = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("viewers exit code; stderr: %s", Files.readString(err)).isZero();
        return Json.MAPPER.readTree(json);
    }
}
