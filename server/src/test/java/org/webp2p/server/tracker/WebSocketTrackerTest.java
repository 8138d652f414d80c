package org.webp2p.server.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.WebPeer;
import org.webp2p.server.TestNode;
import org.webp2p.server.admin.NodeStateReader;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.tracker.ws.KnownStreams;

/** The WebSocket tracker on a real port, driven by the JDK's WebSocket client. */
class WebSocketTrackerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What p2p-media-loader 2.3.1 announces for swarmId "demo" on the demo's bare media playlist, {@code /live/demo/180p/index.m3u8}. */
    private static final String DEMO_HASH = "/OhCf44068LyQuGuhQ4O";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestNode node;

    private void start(Map<String, String> settings) throws Exception {
        node = TestNode.open(settings);
        node.runtime().services().start("origin");
        node.runtime().services().start("tracker");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    /** A client socket that queues what it receives, and how it was closed. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    closed.completeExceptionally(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = messages.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("a message within 5 s").isNotNull();
            return m;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }
    }

    private Client connect() {
        Client c = new Client();
        URI uri = URI.create("ws://127.0.0.1:" + node.address("tracker").getPort() + TrackerService.WS_PATH);
        c.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, c).join();
        return c;
    }

    private static String announce(String hash, String peerId, int offers) throws Exception {
        var m = JSON.createObjectNode().put("action", "announce").put("info_hash", hash).put("peer_id", peerId)
                .put("numwant", offers).put("event", "started");
        var list = m.putArray("offers");
        for (int i = 0; i < offers; i++) {
            list.addObject().put("offer_id", "\u0000offer-id-%010d".formatted(i))
                    .putObject("offer").put("type", "offer").put("sdp", "v=0 " + peerId);
        }
        return JSON.writeValueAsString(m);
    }

    @Test
    void anOpenSocketOutlivesTheHttpDeadlinesAndTheConnectionIdleTimeout() throws Exception {
        // A browser stays quiet between announces, for far longer than HTTP may between requests.
        start(Map.of("http.header-timeout", "300ms", "net.idle-timeout", "300ms"));
        Client a = connect();

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !a.closed.isDone());

        a.send(announce(DEMO_HASH, "-PM0203-aaaaaaaaaaaa", 1));
        assertThat(a.next().get("incomplete").asInt()).isEqualTo(1);
        assertThat(node.runtime().services().status("tracker").metrics())
                .containsEntry("timeouts.header", 0L).containsEntry("connections.idle-closed", 0L);
    }

    @Test
    void twoBrowsersOfTheDemoStreamMeetThroughTheTrackerAndTheConsoleNamesTheirStream() throws Exception {
        start(Map.of("tracker.ws-known-hashes-only", "true"));
        // The demo has renditions: a browser opens its master playlist and joins a swarm per variant.
        String demoHash = KnownStreams.of(node.runtime().services().service("origin", OriginService.class)
                .entryPlaylists()).all().stream().filter(h -> h.stream().equals("demo") && h.identity().contains("-320-180-"))
                .findFirst().orElseThrow().infoHash();
        Client a = connect();
        Client b = connect();

        a.send(announce(demoHash, "-PM0203-aaaaaaaaaaaa", 5));
        assertThat(a.next().get("incomplete").asInt()).isEqualTo(1);
        b.send(announce(demoHash, "-PM0203-bbbbbbbbbbbb", 5));
        assertThat(b.next().get("interval").asInt()).isEqualTo(120);

        JsonNode offer = a.next();
        assertThat(offer.get("peer_id").asText()).isEqualTo("-PM0203-bbbbbbbbbbbb");
        a.send(JSON.writeValueAsString(JSON.createObjectNode().put("action", "announce").put("info_hash", demoHash)
                .put("peer_id", "-PM0203-aaaaaaaaaaaa").put("to_peer_id", "-PM0203-bbbbbbbbbbbb")
                .put("offer_id", offer.get("offer_id").asText())
                .set("answer", JSON.createObjectNode().put("type", "answer").put("sdp", "v=0 a"))));
        JsonNode answer = b.next();
        assertThat(answer.get("answer").get("sdp").asText()).isEqualTo("v=0 a");
        assertThat(answer.get("offer_id").asText()).isEqualTo(offer.get("offer_id").asText()).startsWith("\u0000");

        NodeState state = new NodeStateReader(node.runtime().services()).read();
        assertThat(state.webSwarms()).singleElement().satisfies(s -> {
            assertThat(s.stream()).isEqualTo("demo");
            assertThat(s.identity()).isEqualTo("227856-avc1.42c00c-320-180-----");
            assertThat(s.rendition()).as("as the master playlist names the variant").isEqualTo("180p");
            assertThat(s.peers()).isEqualTo(2);
        });
        assertThat(state.webPeers()).extracting(WebPeer::peerId, WebPeer::swarm, WebPeer::infoHash,
                        p -> p.source().getHostAddress())
                .containsExactlyInAnyOrder(tuple("-PM0203-aaaaaaaaaaaa", "demo/180p", demoHash, "127.0.0.1"),
                        tuple("-PM0203-bbbbbbbbbbbb", "demo/180p", demoHash, "127.0.0.1"));
        Map<String, Number> metrics = node.runtime().services().status("tracker").metrics();
        assertThat(metrics.get("ws.sockets").intValue()).isEqualTo(2);
        assertThat(metrics.get("ws.offers-relayed").longValue()).isEqualTo(1);
        assertThat(metrics.get("ws.answers-relayed").longValue()).isEqualTo(1);
    }

    @Test
    void anUnknownInfoHashIsRefusedWhenOnlyTheOriginsStreamsAreServed() throws Exception {
        start(Map.of("tracker.ws-known-hashes-only", "true"));
        Client c = connect();

        c.send(announce("notAStreamOfOurs1234", "-PM0203-cccccccccccc", 0));

        JsonNode failure = c.next();
        assertThat(failure.get("failure reason").asText()).startsWith("unknown info_hash");
        assertThat(failure.get("info_hash").asText()).isEqualTo("notAStreamOfOurs1234");
    }

    @Test
    void malformedJsonAndOversizedMessagesCloseTheSocketWithTheReason() throws Exception {
        start(Map.of("tracker.ws-max-frame", "1KB"));
        Client bad = connect();
        bad.send("{not json");
        assertThat(bad.closed.get(5, TimeUnit.SECONDS)).startsWith("1007 malformed JSON");

        Client big = connect();
        big.socket.sendText("{\"action\":\"announce\",\"pad\":\"" + "x".repeat(2000) + "\"}", true);
        assertThat(big.next().get("failure reason").asText()).isEqualTo("message larger than 1024 bytes");
        assertThat(big.closed.get(5, TimeUnit.SECONDS)).startsWith("1009 message larger than 1024 bytes");
        Map<String, Number> metrics = node.runtime().services().status("tracker").metrics();
        assertThat(metrics.get("ws.refused.malformed").longValue()).isEqualTo(1);
        assertThat(metrics.get("ws.refused.frame-size").longValue()).isEqualTo(1);
    }

    @Test
    void aClosedSocketLeavesItsSwarmAtOnce() throws Exception {
        start(Map.of());
        Client c = connect();
        c.send(announce(DEMO_HASH, "-PM0203-dddddddddddd", 0));
        c.next();
        TrackerService tracker = node.runtime().services().service(TrackerService.NAME, TrackerService.class);
        assertThat(tracker.webSwarms()).hasSize(1);

        c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        c.closed.get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tracker.webSwarms()).isEmpty());
    }
}
