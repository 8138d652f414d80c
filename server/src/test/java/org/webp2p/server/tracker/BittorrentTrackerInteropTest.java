package org.webp2p.server.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.server.TestNode;
import org.webp2p.server.node.NodeProject;

/**
 * The unmodified npm {@code bittorrent-tracker} 11.2.3 client (the one p2p-media-loader 2.3.1 runs
 * in browsers) against our tracker: two clients of the demo stream's swarm exchange an offer and its
 * answer. Only WebRTC is replaced, by a stand-in that makes SDP at once and never connects.
 */
class BittorrentTrackerInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's 180p variant as p2p-media-loader 2.3.1 names its swarm: a hash the tracker knows. */
    private static final String DEMO_HASH = "FmaqI5XwwFuWOCzuYnZN";
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("tracker.ws-known-hashes-only", "true"));
        node.runtime().services().start("origin");
        node.runtime().services().start("tracker");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void twoNpmClientsExchangeAnOfferAndAnAnswerThroughOurTracker() throws Exception {
        NodeProject npm = NodeProject.installed();
        String url = "ws://127.0.0.1:" + node.address("tracker").getPort() + TrackerService.WS_PATH;

        NodeProject.Result r = npm.node(Duration.ofSeconds(60), null, "--import", "./use-fake-webrtc.mjs",
                "exchange.mjs", url, DEMO_HASH);

        assertThat(r.exitCode()).as("exchange.mjs printed:%n%s%s", r.stdout(), r.stderr()).isZero();
        JsonNode outcome = JSON.readTree(r.lines().get(r.lines().size() - 1));
        assertThat(outcome.get("outcome").asText()).isEqualTo("exchanged");
        // The clients report peer ids as hex of the 20 characters: each saw the other's.
        assertThat(outcome.get("a").asText()).isEqualTo(hex("-PM0203-bbbbbbbbbbbb"));
        assertThat(outcome.get("b").asText()).isEqualTo(hex("-PM0203-aaaaaaaaaaaa"));
        assertThat(outcome.get("updates").get(1).get("incomplete").asInt()).as("b's reply counts both").isEqualTo(2);
        Map<String, Number> metrics = node.runtime().services().status("tracker").metrics();
        assertThat(metrics.get("ws.offers-relayed").longValue()).isPositive();
        assertThat(metrics.get("ws.answers-relayed").longValue()).isPositive();
    }

    private static String hex(String latin1) {
        StringBuilder s = new StringBuilder();
        for (char c : latin1.toCharArray()) {
            s.append("%02x".formatted((int) c));
        }
        return s.toString();
    }
}
