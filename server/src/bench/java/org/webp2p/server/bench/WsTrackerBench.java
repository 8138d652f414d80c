package org.webp2p.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our WebSocket tracker against the npm bittorrent-tracker server, one after the other in one run,
 * driven by the same load: {@code peers} real WebSocket connections join {@code swarms} swarms
 * (heap measured in the server's process after GC, before and after), then {@code announcers} of
 * them announce in a closed loop for {@code seconds}, each announce carrying 5 offers of browser-sized
 * SDP that the tracker relays to 5 random peers of the swarm, every one of which answers it through the
 * tracker. Prints announces per second, p50/p99 announce-to-reply latency and heap per 10,000 peers,
 * and our figures as ratios to the npm server's.
 *
 * <p>Run: {@code server/src/bench/run-ws-tracker-bench.sh [peers] [announcers] [seconds] [swarms]}.
 */
public final class WsTrackerBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OFFERS = 5;
    /** A Chromium data-channel offer is about 500-700 bytes without candidates, more with a few. */
    private static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS\r\n"
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
            + "a=candidate:1467250027 1 udp 2122260223 192.0.2.10 53470 typ host generation 0\r\n"
            + "a=ice-ufrag:EsAw\r\na=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\na=ice-options:trickle\r\n"
            + "a=fingerprint:sha-256 D1:2C:BE:AD:C4:F6:64:5C:25:16:11:9C:AF:E7:0F:73:79:36:4E:9C:1E:15:54:39:"
            + "0C:06:8B:ED:96:86:00:39\r\na=setup:actpass\r\na=mid:0\r\na=sctp-port:5000\r\n"
            + "a=max-message-size:262144\r\n";

    private record Measured(String name, double announcesPerSecond, double announcesPerCpuSecond, long p50Micros,
                            long p99Micros, double heapPer10k, long heapBase, long heapLoaded, long rss, int peers) {
    }

    public static void main(String[] args) throws Exception {
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int announcers = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int swarms = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path nodeDir = Path.of(System.getProperty("bench.node-dir", "server/target/node-interop"));
        String classpath = System.getProperty("java.class.path");
        System.out.printf("WebSocket tracker bench: %d sockets in %d swarms, %d announcing in a closed loop with %d "
                + "offers each for %d s, %d cores%n", peers, swarms, announcers, OFFERS, seconds,
                Runtime.getRuntime().availableProcessors());

        // -Dbench.server-jvm="..." adds JVM options to our server (a profiler, say).
        List<String> ourServer = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        String extra = System.getProperty("bench.server-jvm", "").strip();
        if (!extra.isEmpty()) {
            ourServer.addAll(List.of(extra.split("\\s+")));
        }
        ourServer.addAll(List.of("-cp", classpath, WsTrackerBenchServer.class.getName()));
        Measured npm = measure("bittorrent-tracker 11.2.3 (node " + nodeVersion() + ")",
                new ProcessBuilder("node", "--expose-gc", "bittorrent-tracker-server.mjs").directory(nodeDir.toFile()),
                peers, announcers, seconds, swarms);
        Measured ours = measure("webp2p tracker (Java " + System.getProperty("java.version") + ")",
                new ProcessBuilder(ourServer), peers, announcers, seconds, swarms);

        System.out.println();
        System.out.printf("%-42s %12s %14s %9s %9s %18s %8s%n", "server", "announces/s", "per CPU s", "p50 ms",
                "p99 ms", "heap/10k peers MB", "RSS MB");
        for (Measured m : List.of(npm, ours)) {
            System.out.printf("%-42s %12.0f %14.0f %9.2f %9.2f %18.1f %8.0f%n", m.name(), m.announcesPerSecond(),
                    m.announcesPerCpuSecond(), m.p50Micros() / 1000.0, m.p99Micros() / 1000.0, m.heapPer10k() / 1e6,
                    m.rss() / 1e6);
        }
        System.out.printf("ratio ours/npm: announces/s %.2fx (target >= 3x), announces per server CPU second %.2fx, "
                + "p99 %.2fx, heap per peer %.2fx%n", ours.announcesPerSecond() / npm.announcesPerSecond(),
                ours.announcesPerCpuSecond() / npm.announcesPerCpuSecond(), (double) ours.p99Micros() / npm.p99Micros(),
                ours.heapPer10k() / npm.heapPer10k());
        double projected = ours.heapBase() + ours.heapPer10k() * 10;
        System.out.printf("our heap extrapolated to 100,000 peers: %.0f MB (target < 1024 MB), from %d real sockets%n",
                projected / 1e6, ours.peers());
    }

    private static String nodeVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "--version").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return v;
    }

    private static Measured measure(String name, ProcessBuilder server, int peers, int announcers, int seconds,
                                    int swarms) throws Exception {
        System.out.println("--- " + name);
        Process p = server.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        try {
            int port = Integer.parseInt(expect(out, "port").get(0));
            URI uri = URI.create("ws://127.0.0.1:" + port + "/announce");
            long[] base = heap(in, out);
            Load load = new Load(uri, group, swarms);
            load.connect(peers);
            load.joinAll();
            long[] loaded = heap(in, out);
            double perTenK = (loaded[0] - base[0]) * 10_000.0 / peers;
            System.out.printf("heap %d MB idle, %d MB with %d peers: %.1f MB per 10,000 peers%n", base[0] >> 20,
                    loaded[0] >> 20, peers, perTenK / 1e6);
            load.loop(Math.min(announcers, peers), 3); // warm-up
            long cpu0 = cpu(in, out);
            long own0 = ownCpu();
            long[] latencies = load.loop(Math.min(announcers, peers), seconds);
            long serverCpu = cpu(in, out) - cpu0;
            long generatorCpu = ownCpu() - own0;
            double rate = latencies.length / (double) seconds;
            double perCpu = latencies.length / (serverCpu / 1e9);
            System.out.printf("server used %.1f CPU s, the load generator %.1f CPU s, in %d s: %.0f announces per "
                    + "server CPU second%n", serverCpu / 1e9, generatorCpu / 1e9, seconds, perCpu);
            Arrays.sort(latencies);
            long p50 = latencies[latencies.length / 2] / 1000;
            long p99 = latencies[(int) (latencies.length * 0.99)] / 1000;
            System.out.printf("%.0f announces/s (%d offers relayed, %d answers back), p50 %.2f ms, p99 %.2f ms%n",
                    rate, load.offersSeen.get(), load.answersSeen.get(), p50 / 1000.0, p99 / 1000.0);
            load.close();
            return new Measured(name, rate, perCpu, p50, p99, perTenK, base[0], loaded[0], loaded[1], peers);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            in.close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static long cpu(Writer in, BufferedReader out) throws IOException {
        in.write("cpu\n");
        in.flush();
        return Long.parseLong(expect(out, "cpu").get(0));
    }

    private static long ownCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long[] heap(Writer in, BufferedReader out) throws IOException {
        in.write("heap\n");
        in.flush();
        List<String> f = expect(out, "heap");
        return new long[] {Long.parseLong(f.get(0)), Long.parseLong(f.get(1))};
    }

    private static List<String> expect(BufferedReader out, String word) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            String[] parts = line.strip().split(" ");
            if (parts[0].equals(word)) {
                return List.of(parts).subList(1, parts.length);
            }
        }
        throw new IOException("the server ended before saying " + word);
    }

    /** The load generator: real sockets, one peer each; announces, answers every offer it is sent. */
    private static final class Load {
        private final URI uri;
        private final EventLoopGroup group;
        private final int swarms;
        private final List<Peer> peers = new ArrayList<>();
        final AtomicLong offersSeen = new AtomicLong();
        final AtomicLong answersSeen = new AtomicLong();

        Load(URI uri, EventLoopGroup group, int swarms) {
            this.uri = uri;
            this.group = group;
            this.swarms = swarms;
        }

        void connect(int n) throws InterruptedException {
            Semaphore handshakes = new Semaphore(200);
            CountDownLatch all = new CountDownLatch(n);
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true);
            for (int i = 0; i < n; i++) {
                Peer peer = new Peer(this, i, hash(i % swarms));
                peers.add(peer);
                handshakes.acquire();
                b.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(uri).maxFramePayloadLength(1 << 20).build()),
                                new WebSocketFrameAggregator(1 << 20), peer);
                    }
                }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
                    if (!f.isSuccess()) {
                        System.err.println("connect failed: " + f.cause());
                        handshakes.release();
                        all.countDown();
                    }
                });
                peer.handshake.thenRun(() -> {
                    handshakes.release();
                    all.countDown();
                });
            }
            if (!all.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("sockets did not all connect");
            }
        }

        /** Every peer announces "started" without offers, as a page that just joined with no peers yet. */
        void joinAll() throws InterruptedException {
            CountDownLatch joined = new CountDownLatch(peers.size());
            for (Peer p : peers) {
                p.onReply = joined::countDown;
                p.send(p.announce(0, "started"));
            }
            if (!joined.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not every join was answered");
            }
        }

        /** {@code n} peers announce with offers, each again as soon as it has its reply; returns latencies. */
        long[] loop(int n, int seconds) throws InterruptedException {
            AtomicBoolean running = new AtomicBoolean(true);
            long[][] perPeer = new long[n][];
            int[] counts = new int[n];
            CountDownLatch stopped = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int idx = i;
                Peer p = peers.get(i * (peers.size() / n));
                perPeer[i] = new long[1024];
                p.onReply = () -> {
                    long took = System.nanoTime() - p.sentAt;
                    if (counts[idx] == perPeer[idx].length) {
                        perPeer[idx] = Arrays.copyOf(perPeer[idx], counts[idx] * 2);
                    }
                    perPeer[idx][counts[idx]++] = took;
                    if (running.get()) {
                        p.sendAnnounce();
                    } else {
                        stopped.countDown();
                    }
                };
                p.sendAnnounce();
            }
            Thread.sleep(seconds * 1000L);
            running.set(false);
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                System.err.println("some announces were never answered");
            }
            int total = 0;
            for (int c : counts) {
                total += c;
            }
            long[] all = new long[total];
            int at = 0;
            for (int i = 0; i < n; i++) {
                System.arraycopy(perPeer[i], 0, all, at, counts[i]);
                at += counts[i];
            }
            for (Peer p : peers) {
                p.onReply = () -> { };
            }
            return all;
        }

        void close() {
            for (Peer p : peers) {
                if (p.channel != null) {
                    p.channel.close();
                }
            }
        }

        private static String hash(int swarm) {
            return "bench-swarm-%07d-x".formatted(swarm).substring(0, 20);
        }
    }

    /**
     * One browser-like peer on its own socket. It spends as little CPU as it can, so the servers are what
     * is measured: its announce is encoded once and resent, and it reads relays by searching the text
     * rather than parsing it (ids here are plain ASCII, so no JSON escapes to undo).
     */
    private static final class Peer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final Load load;
        private final String peerId;
        private final String infoHash;
        private final ByteBuf announce;
        private final String answerPrefix;
        final CompletableFuture<Void> handshake = new CompletableFuture<>();
        volatile Channel channel;
        volatile Runnable onReply = () -> { };
        volatile long sentAt;

        Peer(Load load, int n, String infoHash) {
            this.load = load;
            this.peerId = "-PM0203-%012d".formatted(n);
            this.infoHash = infoHash;
            this.announce = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(announce(OFFERS, null),
                    StandardCharsets.UTF_8));
            ObjectNode answer = JSON.createObjectNode().put("action", "announce").put("info_hash", infoHash)
                    .put("peer_id", peerId);
            answer.putObject("answer").put("type", "answer").put("sdp", SDP);
            String a = answer.toString();
            this.answerPrefix = a.substring(0, a.length() - 1) + ",\"to_peer_id\":\"";
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                handshake.complete(null);
            }
            super.userEventTriggered(ctx, evt);
        }

        String announce(int offers, String event) {
            ObjectNode m = JSON.createObjectNode().put("action", "announce").put("info_hash", infoHash)
                    .put("peer_id", peerId).put("numwant", offers).put("uploaded", 0).put("downloaded", 0);
            if (event != null) {
                m.put("event", event);
            }
            ArrayNode list = m.putArray("offers");
            for (int i = 0; i < offers; i++) {
                list.addObject().put("offer_id", "offer-%s-%d".formatted(peerId.substring(8), i))
                        .putObject("offer").put("type", "offer").put("sdp", SDP);
            }
            return m.toString();
        }

        void sendAnnounce() {
            sentAt = System.nanoTime();
            channel.writeAndFlush(new TextWebSocketFrame(announce.duplicate()));
        }

        void send(String text) {
            sentAt = System.nanoTime();
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String m = frame.text();
            if (m.contains("\"offer\":")) {
                load.offersSeen.incrementAndGet();
                ctx.writeAndFlush(new TextWebSocketFrame(answerPrefix + field(m, "peer_id") + "\",\"offer_id\":\""
                        + field(m, "offer_id") + "\"}"));
            } else if (m.contains("\"answer\":")) {
                load.answersSeen.incrementAndGet();
            } else if (m.contains("\"interval\"") || m.contains("failure reason")) {
                onReply.run();
            }
        }

        private static String field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
            return json.substring(at, json.indexOf('"', at));
        }
    }
}
