package org.webp2p.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.webp2p.protocol.ClientKind;
import org.webp2p.server.TestNode;
import org.webp2p.server.admin.AdminToken;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.tracker.TrackerService;
import org.webp2p.ui.shell.ConsoleApplication;
import org.webp2p.ui.shell.ConsolePreferences;

/**
 * A real node with every service on loopback, the console's scene on it, and the ways clients feed
 * it: tracker announces, pingback beacons and encoder uploads over real HTTP, and browser pages
 * announcing over the tracker's real WebSocket. The console opens web pages in a browser that only
 * records them.
 */
public final class ConsoleFixture implements AutoCloseable {
    public static final String PUBLISH_KEY = "console-test-key";
    /**
     * The info hash p2p-media-loader 2.3.1 announces for swarmId "demo" on the 180p variant of the
     * demo's master playlist (identity {@code 227856-avc1.42c00c-320-180-----}), as the tracker derives
     * it (see the server's WebSocketTrackerTest).
     */
    public static final String DEMO_INFO_HASH = "FmaqI5XwwFuWOCzuYnZN";

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestNode testNode;
    private final NodeModel node;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<WebSocket> browserSockets = new CopyOnWriteArrayList<>();

    private ConsoleFixture(TestNode testNode, NodeModel node) {
        this.testNode = testNode;
        this.node = node;
    }

    /** Starts every service and shows the console on {@code stage}, reading the node in this process. */
    public static ConsoleFixture show(Stage stage, Map<String, String> overrides) throws Exception {
        TestNode testNode = startNode(overrides);
        return open(stage, testNode, new NodeModel(testNode.runtime()));
    }

    /**
     * Starts every service of a node and shows a console on {@code stage} that watches it only through
     * its admin URL, as {@code --watch} does, presenting the token {@code token} picks.
     */
    public static ConsoleFixture watch(Stage stage, Function<TestNode, String> token) throws Exception {
        TestNode testNode = startNode(Map.of());
        URI admin = URI.create("http://127.0.0.1:" + testNode.address("admin").getPort());
        RemoteNode remote = new RemoteNode(new AdminClient(admin, token.apply(testNode)));
        return open(stage, testNode, new NodeModel(remote, Duration.ofMillis(200)));
    }

    /** The token the node's admin endpoint asks for. */
    public static String adminToken(TestNode node) {
        try {
            return AdminToken.load(node.runtime().config(), node.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestNode startNode(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("ui.poll-interval", "200ms",
                "pingback.flush-interval", "100ms", "origin.publish-key", PUBLISH_KEY));
        settings.putAll(overrides);
        TestNode testNode = TestNode.open(settings);
        testNode.runtime().services().startAll();
        return testNode;
    }

    private static ConsoleFixture open(Stage stage, TestNode testNode, NodeModel node) {
        ConsoleFixture f = new ConsoleFixture(testNode, node);
        Scene scene = ConsoleApplication.createScene(node, ConsolePreferences.load(testNode.dataDir()), f.opened::add);
        stage.setScene(scene);
        stage.show();
        node.start();
        return f;
    }

    /** The console's model, reading the node locally or through admin as the fixture was made. */
    public NodeModel node() {
        return node;
    }

    public TestNode testNode() {
        return testNode;
    }

    public ServiceManager services() {
        return testNode.runtime().services();
    }

    public PingbackService pingback() {
        return services().service(PingbackService.NAME, PingbackService.class);
    }

    public TrackerService tracker() {
        return services().service(TrackerService.NAME, TrackerService.class);
    }

    public OriginService origin() {
        return services().service(OriginService.NAME, OriginService.class);
    }

    /** A peer joins {@code swarm} as a client would announce it. */
    public void announce(String swarm, String peer, String nat, String address, long first, long last, int uploadKbps)
            throws Exception {
        String body = """
                {"swarm":"%s","peerId":"%s","event":"join","natType":"%s","addresses":["%s"],
                 "position":%d,"have":{"first":%d,"last":%d},"uploadKbps":%d,"ticket":"%s"}"""
                .formatted(swarm, peer, nat, address, last, first, last, uploadKbps, testNode.ticket(peer, swarm));
        expect(200, post("tracker", "/v1/announce", body));
    }

    /**
     * One client beacon, with a ticket for its session as the API would give it: bytes fetched over HTTP
     * and from peers, a startup time, stalls, and connection attempts to peers of {@code remoteNat}.
     */
    public void beacon(String swarm, String session, String nat, long httpBytes, long p2pBytes, long startupMs,
                       long stallMs, String remoteNat, int attempts, int successes) throws Exception {
        String body = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","peerId":"p-%s","swarm":"%s","httpBytes":%d,
                 "p2pBytes":%d,"uploadedBytes":0,"playedMs":10000,"startupMs":%d,"stalls":%d,"stallMs":%d,
                 "bufferMs":8000,"natType":"%s","connections":[{"remoteNat":"%s","attempts":%d,"successes":%d}]}]}"""
                .formatted(session, testNode.ticket(session, "p-" + session, swarm), session, swarm, httpBytes,
                        p2pBytes, startupMs, stallMs > 0 ? 1 : 0, stallMs, nat, remoteNat, attempts, successes);
        expect(202, post("pingback", "/v1/beacons", body));
    }

    /** One beacon from {@code peer} reporting bytes exchanged with each of {@code linked} (in, out). */
    public void linkBeacon(String swarm, String peer, Map<String, long[]> linked) throws Exception {
        trafficBeacon(ClientKind.SDK, swarm, "s-" + peer, peer, 0, 0, 0, linked);
    }

    /**
     * One beacon of {@code kind} with the bytes a client counted since its previous one, carrying
     * {@code peerId} as both kinds of client do (a browser's is the one it announced on the WebSocket),
     * and the bytes exchanged with each of {@code linked} (in, out).
     */
    public void trafficBeacon(ClientKind kind, String swarm, String session, String peerId, long httpBytes,
                              long p2pBytes, long uploadedBytes, Map<String, long[]> linked) throws Exception {
        trafficBeacon(kind, swarm, null, session, peerId, httpBytes, p2pBytes, uploadedBytes, linked);
    }

    /** As {@link #trafficBeacon(ClientKind, String, String, String, long, long, long, Map)}, naming the rendition played. */
    public void trafficBeacon(ClientKind kind, String swarm, String rendition, String session, String peerId,
                              long httpBytes, long p2pBytes, long uploadedBytes, Map<String, long[]> linked)
            throws Exception {
        StringBuilder links = new StringBuilder();
        linked.forEach((other, io) -> links.append(links.isEmpty() ? "" : ",").append(
                "{\"peerId\":\"%s\",\"bytesIn\":%d,\"bytesOut\":%d}".formatted(other, io[0], io[1])));
        String client = (kind == ClientKind.SDK ? "" : ",\"client\":\"" + kind.wire() + "\"")
                + (rendition == null ? "" : ",\"rendition\":\"" + rendition + "\"");
        String body = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","peerId":"%s","swarm":"%s","httpBytes":%d,"p2pBytes":%d,
                 "uploadedBytes":%d,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000,"links":[%s]%s}]}"""
                .formatted(session, testNode.ticket(session, peerId, swarm), peerId, swarm, httpBytes, p2pBytes,
                        uploadedBytes, links, client);
        expect(202, post("pingback", "/v1/beacons", body));
    }

    /**
     * One SDK beacon of a client of {@code stream} playing its {@code rendition}, as the SDK sends it
     * after following the stream's master playlist.
     */
    public void renditionBeacon(String stream, String rendition, String session, String peerId, long httpBytes,
                                long p2pBytes) throws Exception {
        String body = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","peerId":"%s","swarm":"%s","httpBytes":%d,"p2pBytes":%d,
                 "uploadedBytes":0,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000,"rendition":"%s"}]}"""
                .formatted(session, testNode.ticket(session, peerId, stream), peerId, stream, httpBytes, p2pBytes,
                        rendition);
        expect(202, post("pingback", "/v1/beacons", body));
    }

    /** One SDK beacon telling how far behind live the client plays. */
    public void latencyBeacon(String swarm, String session, long latencyMs) throws Exception {
        String body = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","peerId":"p-%s","swarm":"%s","httpBytes":0,"p2pBytes":0,
                 "uploadedBytes":0,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000,"latencyMs":%d}]}"""
                .formatted(session, testNode.ticket(session, "p-" + session, swarm), session, swarm, latencyMs);
        expect(202, post("pingback", "/v1/beacons", body));
    }

    /** One beacon of a client behind {@code nat} whose {@code lan} of {@code successes} came up on a LAN. */
    public void lanBeacon(String swarm, String session, String nat, String remoteNat, int attempts, int successes, int lan)
            throws Exception {
        String body = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","peerId":"p-%s","swarm":"%s","httpBytes":0,"p2pBytes":0,
                 "uploadedBytes":0,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000,"natType":"%s",
                 "connections":[{"remoteNat":"%s","attempts":%d,"successes":%d,"lan":%d}]}]}"""
                .formatted(session, testNode.ticket(session, "p-" + session, swarm), session, swarm, nat, remoteNat,
                        attempts, successes, lan);
        expect(202, post("pingback", "/v1/beacons", body));
    }

    /** One SDK beacon from {@code peerId} telling of the connection attempts in {@code attemptsJson}, a JSON array. */
    public void attemptsBeacon(String swarm, String session, String peerId, String attemptsJson) throws Exception {
        attemptsBeacon(swarm, session, peerId, attemptsJson, "[]");
    }

    /** As {@link #attemptsBeacon(String, String, String, String)}, with the counts of all its attempts by kind. */
    public void attemptsBeacon(String swarm, String session, String peerId, String attemptsJson, String countsJson)
            throws Exception {
        String body = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","peerId":"%s","swarm":"%s","httpBytes":0,"p2pBytes":0,
                 "uploadedBytes":0,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000,"attempts":%s,
                 "attemptCounts":%s}]}"""
                .formatted(session, testNode.ticket(session, peerId, swarm), peerId, swarm, attemptsJson, countsJson);
        expect(202, post("pingback", "/v1/beacons", body));
    }

    /**
     * A browser page joins the swarm of {@code infoHash} as p2p-media-loader's tracker client does: a
     * WebSocket to the tracker and an announce on it, answered before this returns. The socket stays
     * open (the peer stays in the swarm) until the fixture closes.
     */
    public void browserJoins(String infoHash, String peerId) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        URI uri = URI.create("ws://127.0.0.1:" + testNode.address("tracker").getPort() + TrackerService.WS_PATH);
        WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                answer.complete(data.toString());
                ws.request(1);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        browserSockets.add(socket);
        socket.sendText("""
                {"action":"announce","info_hash":"%s","peer_id":"%s","numwant":0,"event":"started","offers":[]}"""
                .formatted(infoHash, peerId), true).get(5, TimeUnit.SECONDS);
        String reply = answer.get(5, TimeUnit.SECONDS);
        if (!reply.contains("\"interval\"")) {
            throw new AssertionError("the tracker refused the announce: " + reply);
        }
    }

    /** The URLs the console asked the desktop's browser to open, oldest first. */
    public List<String> openedInBrowser() {
        return List.copyOf(opened);
    }

    /** Uploads one segment and a playlist listing it, as ffmpeg publishes a live stream: the key in the path. */
    public void publishSegment(String stream, int sequence) throws Exception {
        String base = "/ingest/" + PUBLISH_KEY + "/" + stream + "/";
        expect(204, send("PUT", base + "index" + sequence + ".ts", new byte[2000]));
        String playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:" + sequence
                + "\n#EXTINF:2.000000,\nindex" + sequence + ".ts\n";
        expect(204, send("PUT", base + "index.m3u8", playlist.getBytes()));
    }

    /**
     * Waits until the console has shown {@code count} snapshots taken after this call, so whatever
     * the test sent the node before is on screen; the wait is the console's own poll, not a guess.
     */
    public void awaitSnapshots(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            NodeSnapshot shown = onFx(() -> node.snapshotProperty().get());
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> node.snapshotProperty().get()) != shown);
        }
    }

    /** Reads something JavaFX owns on its own thread, so a test never races a snapshot being applied. */
    public static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    /**
     * A table cell showing {@code text}. A plain text query such as "peer-two" reads as a CSS type
     * selector to TestFX, so tests match the cell itself.
     */
    public static Predicate<Node> cellWithText(String text) {
        return n -> n instanceof TableCell<?, ?> c && text.equals(c.getText());
    }

    /** Waits until a cell shows {@code text} and clicks it. */
    public static void clickCell(FxRobot robot, String text) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup(cellWithText(text)).tryQuery().isPresent()));
        robot.clickOn(robot.lookup(cellWithText(text)).queryAs(Node.class));
    }

    public URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + testNode.address(service).getPort() + path);
    }

    private HttpResponse<String> post(String service, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(service, path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("origin", path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                    + r.body());
        }
    }

    @Override
    public void close() throws Exception {
        for (WebSocket socket : browserSockets) {
            socket.abort();
        }
        node.close();
        testNode.close();
    }
}
