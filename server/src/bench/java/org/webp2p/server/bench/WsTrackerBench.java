package org.webp2p.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our WebSocket tracker against the npm bittorrent-tracker server, one after the other in one run,
 * driven by the same load: {@code peers} real WebSocket connections join {@code swarms} swarms
 * (heap measured in the server's process after GC, before and after), then {@code announcers} of
 * them announce in a closed loop for {@code seconds}, each announce carrying 5 offers of browser-sized
 * SDP that the tracker relays to 5 random peers of the swarm, every one of which answers it through the
 * tracker. Prints announces per second and per second of the server's CPU, p50/p99 announce-to-reply
 * latency and heap per 10,000 peers, and our figures as ratios to the npm server's.
 *
 * <p>{@code -Dbench.server-cpus=LIST} runs each server under {@code taskset -c LIST}; the script pins
 * this JVM, the load generator, to other cores, so neither side takes the other's CPU. The generator
 * is one event loop thread, and its CPU use is printed: it must stay below one core for the servers'
 * rates to be theirs.
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
                            long p99Micros, double heapPer10k, long heapBase, long heapLoaded, long rss, int peers,
                            double generatorBusy, double share, double coresBusy, String loadBefore,
                            String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int announcers = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int swarms = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path nodeDir = Path.of(System.getProperty("bench.node-dir", "server/target/node-interop"));
        String serverCpus = System.getProperty("bench.server-cpus", "").strip();
        List<String> pin = pin(serverCpus);
        String classpath = System.getProperty("java.class.path");
        System.out.printf("WebSocket tracker bench: %d sockets in %d swarms, %d announcing in a closed loop with %d "
                + "offers each for %d s; servers on CPUs %s, the load generator on %d CPU(s) of %s%n", peers, swarms,
                announcers, OFFERS, seconds, pin.isEmpty() ? "(not pinned)" : pin.get(2),
                Runtime.getRuntime().availableProcessors(), cpus("/proc/self/status"));

        List<String> npmServer = new ArrayList<>(pin);
        npmServer.addAll(List.of("node", "--expose-gc", "bittorrent-tracker-server.mjs"));
        // -Dbench.server-jvm="..." (BENCH_SERVER_JVM in the script) adds JVM options to our server, a profiler say.
        List<String> ourServer = new ArrayList<>(pin);
        ourServer.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        String extra = System.getProperty("bench.server-jvm", "").strip();
        if (!extra.isEmpty()) {
            ourServer.addAll(List.of(extra.split("\\s+")));
        }
        ourServer.addAll(List.of("-cp", classpath, WsTrackerBenchServer.class.getName()));
        // -Dbench.servers=ours or npm (BENCH_SERVERS) measures one alone, for profiling; the ratios need both.
        String which = System.getProperty("bench.servers", "npm,ours");
        List<Measured> all = new ArrayList<>();
        if (which.contains("npm")) {
            all.add(measure("bittorrent-tracker 11.2.3 (node " + nodeVersion() + ")",
                    new ProcessBuilder(npmServer).directory(nodeDir.toFile()), peers, announcers, seconds, swarms,
                    serverCpus));
        }
        if (which.contains("ours")) {
            all.add(measure("webp2p tracker (Java " + System.getProperty("java.version") + ")",
                    new ProcessBuilder(ourServer), peers, announcers, seconds, swarms, serverCpus));
        }

        System.out.println();
        System.out.printf("%-42s %12s %10s %9s %9s %18s %8s %10s %13s %s%n", "server", "announces/s", "per CPU s",
                "p50 ms", "p99 ms", "heap/10k peers MB", "RSS MB", "generator", "server/cores", "load average before / after");
        for (Measured m : all) {
            System.out.printf("%-42s %12.0f %10.0f %9.2f %9.2f %18.1f %8.0f %9.0f%% %5.0f%% / %3.0f%% %s / %s%n", m.name(),
                    m.announcesPerSecond(), m.announcesPerCpuSecond(), m.p50Micros() / 1000.0, m.p99Micros() / 1000.0,
                    m.heapPer10k() / 1e6, m.rss() / 1e6, m.generatorBusy() * 100, m.share() * 100, m.coresBusy() * 100,
                    m.loadBefore(), m.loadAfter());
        }
        if (all.size() < 2) {
            return;
        }
        Measured npm = all.get(0);
        Measured ours = all.get(1);
        System.out.printf("ratio ours/npm: announces/s %.2fx (target >= 3x), announces per server CPU second %.2fx, "
                + "p50 %.2fx, p99 %.2fx, heap per peer %.2fx%n", ours.announcesPerSecond() / npm.announcesPerSecond(),
                ours.announcesPerCpuSecond() / npm.announcesPerCpuSecond(), (double) ours.p50Micros() / npm.p50Micros(),
                (double) ours.p99Micros() / npm.p99Micros(), ours.heapPer10k() / npm.heapPer10k());
        double projected = ours.heapBase() + ours.heapPer10k() * 10;
        System.out.printf("our heap extrapolated to 100,000 peers: %.0f MB (target < 1024 MB), from %d real sockets%n",
                projected / 1e6, ours.peers());
    }

    /** {@code taskset -c LIST} to put in front of a server's command, or nothing. */
    private static List<String> pin(String cpus) {
        return cpus.isEmpty() ? List.of() : List.of("taskset", "-c", cpus);
    }

    private static String cpus(String status) throws IOException {
        for (String l : Files.readAllLines(Path.of(status))) {
            if (l.startsWith("Cpus_allowed_list:")) {
                return l.substring(l.indexOf(':') + 1).strip();
            }
        }
        return "?";
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String nodeVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "--version").start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return v;
    }

    private static Measured measure(String name, ProcessBuilder server, int peers, int announcers, int seconds,
                                    int swarms, String serverCpus) throws Exception {
        System.out.println("--- " + name + ": " + String.join(" ", server.command()).replaceAll("-cp \\S+", "-cp ..."));
        Process p = server.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        // One thread: every peer's state stays on it, and the generator's CPU is at most one core.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            int port = Integer.parseInt(expect(out, "port").get(0));
            System.out.println("server CPUs allowed: " + cpus("/proc/" + p.pid() + "/status"));
            long[] base = heap(in, out);
            Load load = new Load(group, "127.0.0.1", port, swarms);
            load.connect(peers);
            load.joinAll();
            long[] loaded = heap(in, out);
            double perTenK = (loaded[0] - base[0]) * 10_000.0 / peers;
            System.out.printf("heap %d MB idle, %d MB with %d peers: %.1f MB per 10,000 peers%n", base[0] >> 20,
                    loaded[0] >> 20, peers, perTenK / 1e6);
            int n = Math.min(announcers, peers);
            warmUp(load, n, p.pid());
            String loadBefore = loadAverage();
            long[] cpu0 = cpu(p.pid());
            long[] cores0 = coreTimes(serverCpus);
            long jit0 = compilerCpu(p.pid());
            long offers0 = load.offersAnswered.get();
            long answers0 = load.answersSeen.get();
            long own0 = ownCpu();
            long wall0 = System.nanoTime();
            long[] latencies = load.loop(n, seconds);
            long wall = System.nanoTime() - wall0;
            long[] cpu1 = cpu(p.pid());
            long[] cores1 = coreTimes(serverCpus);
            long jit = compilerCpu(p.pid()) - jit0;
            long generatorCpu = ownCpu() - own0;
            String loadAfter = loadAverage();
            long user = cpu1[0] - cpu0[0];
            long system = cpu1[1] - cpu0[1];
            double rate = latencies.length / (double) seconds;
            double perCpu = latencies.length / ((user + system) / 1e9);
            double generatorBusy = generatorCpu / (double) wall;
            double share = (user + system) / (double) wall;
            double coresBusy = 1 - (cores1[1] - cores0[1]) / (double) Math.max(1, cores1[0] - cores0[0]);
            System.out.printf("the server had %.0f%% of a core; its cores were %.0f%% busy (all processes)%n",
                    share * 100, coresBusy * 100);
            System.out.printf("server used %.1f CPU s (%.1f user, %.1f kernel: %.0f%% in the kernel), the load generator "
                    + "%.1f CPU s (%.0f%% of one core), in %d s: %.0f announces per server CPU second; load average %s "
                    + "before, %s after%n", (user + system) / 1e9, user / 1e9, system / 1e9,
                    100.0 * system / (user + system), generatorCpu / 1e9, generatorBusy * 100, seconds, perCpu,
                    loadBefore, loadAfter);
            if (jit > 0) {
                System.out.printf("of which the JIT compiler threads: %.1f CPU s%n", jit / 1e9);
            }
            Arrays.sort(latencies);
            long p50 = latencies[latencies.length / 2] / 1000;
            long p99 = latencies[(int) (latencies.length * 0.99)] / 1000;
            System.out.printf("%.0f announces/s (%d offers relayed and answered, %d answers back), p50 %.2f ms, "
                    + "p99 %.2f ms%n", rate, load.offersAnswered.get() - offers0, load.answersSeen.get() - answers0,
                    p50 / 1000.0,
                    p99 / 1000.0);
            if (load.failures.get() > 0) {
                System.out.println("FAILURES: " + load.failures.get() + " refusals or closes; the figures are not valid");
            }
            load.close();
            return new Measured(name, rate, perCpu, p50, p99, perTenK, base[0], loaded[0], loaded[1], peers,
                    generatorBusy, share, coresBusy, loadBefore, loadAfter);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            in.close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Announces in rounds of 5 s until the server's CPU per announce stops falling (by 5% or more) and
     * the JIT is done with the hot paths, the npm server's as ours: at least 15 s, at most 60 s.
     */
    private static void warmUp(Load load, int announcers, long pid) throws Exception {
        double last = Double.MAX_VALUE;
        StringBuilder seen = new StringBuilder();
        for (int round = 1; round <= 12; round++) {
            long[] c0 = cpu(pid);
            int done = load.loop(announcers, 5).length;
            long[] c1 = cpu(pid);
            double cpuPerAnnounce = (c1[0] + c1[1] - c0[0] - c0[1]) / (double) Math.max(1, done);
            seen.append(seen.length() == 0 ? "" : ", ").append(Math.round(cpuPerAnnounce / 1000)).append(" us");
            if (round >= 3 && cpuPerAnnounce > last * 0.95) {
                break;
            }
            last = cpuPerAnnounce;
        }
        System.out.println("warm-up, server CPU per announce every 5 s: " + seen);
    }

    /**
     * Total and idle (idle and iowait) time of the cores in {@code list} (such as "1" or "0,1"; empty for all),
     * from the {@code cpuN} lines of proc(5)'s stat, in ticks: whether a server had its cores to itself.
     */
    private static long[] coreTimes(String list) throws IOException {
        List<String> wanted = list.isEmpty() ? List.of("cpu") : Arrays.stream(list.split(",")).map(c -> "cpu" + c.strip())
                .toList();
        long total = 0;
        long idle = 0;
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            String[] f = line.split("\\s+");
            if (wanted.contains(f[0])) {
                for (int i = 1; i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                idle += Long.parseLong(f[4]) + Long.parseLong(f[5]);
            }
        }
        return new long[] {total, idle};
    }

    /** CPU nanoseconds the JVM's JIT compiler threads have used (none in Node, whose threads are all "node"). */
    private static long compilerCpu(long pid) throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).contains("Compiler")) {
                        long[] c = cpu(t);
                        sum += c[0] + c[1];
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return sum;
    }

    private static long[] cpu(long pid) throws IOException {
        return cpu(Path.of("/proc/" + pid));
    }

    /**
     * User and kernel CPU nanoseconds a process (every thread, GC and JIT included) or one thread has used, read the same
     * way for both servers: {@code utime} and {@code stime} of proc(5), in ticks of 1/100 s.
     */
    private static long[] cpu(Path proc) throws IOException {
        String stat = Files.readString(proc.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]) * 10_000_000L, Long.parseLong(f[12]) * 10_000_000L};
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
    private static final class Load implements WsBenchPeer.Load {
        private final EventLoopGroup group;
        private final String host;
        private final int port;
        private final int swarms;
        private final List<WsBenchPeer> peers = new ArrayList<>();
        private final List<String> peerIds = new ArrayList<>();
        private final List<String> hashes = new ArrayList<>();
        final AtomicLong offersAnswered = new AtomicLong();
        final AtomicLong answersSeen = new AtomicLong();
        final AtomicLong failures = new AtomicLong();

        Load(EventLoopGroup group, String host, int port, int swarms) {
            this.group = group;
            this.host = host;
            this.port = port;
            this.swarms = swarms;
        }

        @Override
        public void offerAnswered() {
            offersAnswered.incrementAndGet();
        }

        @Override
        public void answerReceived() {
            answersSeen.incrementAndGet();
        }

        @Override
        public void failure(String message) {
            if (failures.getAndIncrement() < 5) {
                System.err.println("bench: " + message);
            }
        }

        void connect(int n) throws InterruptedException {
            Semaphore handshakes = new Semaphore(200);
            CountDownLatch all = new CountDownLatch(n);
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true);
            for (int i = 0; i < n; i++) {
                String peerId = "-PM0203-%012d".formatted(i);
                String hash = "bench-swarm-%07d-x".formatted(i % swarms).substring(0, 20);
                WsBenchPeer peer = new WsBenchPeer(this, host + ":" + port, answerHead(hash, peerId));
                peers.add(peer);
                peerIds.add(peerId);
                hashes.add(hash);
                handshakes.acquire();
                peer.handshake.whenComplete((ok, e) -> {
                    if (e != null) {
                        failure(e.getMessage());
                    }
                    handshakes.release();
                    all.countDown();
                });
                b.clone().handler(peer).connect(host, port).addListener(f -> {
                    if (!f.isSuccess()) {
                        peer.handshake.completeExceptionally(f.cause());
                    }
                });
            }
            if (!all.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("sockets did not all connect");
            }
        }

        /** Every peer announces "started" without offers, as a page that just joined with no peers yet. */
        void joinAll() throws InterruptedException {
            CountDownLatch joined = new CountDownLatch(peers.size());
            for (int i = 0; i < peers.size(); i++) {
                WsBenchPeer p = peers.get(i);
                String text = announce(hashes.get(i), peerIds.get(i), 0, "started");
                p.channel.eventLoop().execute(() -> {
                    p.onReply = joined::countDown;
                    p.send(text);
                });
            }
            if (!joined.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not every join was answered");
            }
        }

        /** {@code n} peers announce with offers, each again as soon as it has its reply; returns latencies. */
        long[] loop(int n, int seconds) throws InterruptedException {
            boolean[] running = {true};
            long[][] perPeer = new long[n][];
            int[] counts = new int[n];
            CountDownLatch stopped = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int idx = i;
                int at = i * (peers.size() / n);
                WsBenchPeer p = peers.get(at);
                String text = announce(hashes.get(at), peerIds.get(at), OFFERS, null);
                perPeer[i] = new long[1024];
                p.channel.eventLoop().execute(() -> {
                    p.prepareAnnounce(text);
                    p.onReply = () -> {
                        long took = System.nanoTime() - p.sentAt;
                        if (counts[idx] == perPeer[idx].length) {
                            perPeer[idx] = Arrays.copyOf(perPeer[idx], counts[idx] * 2);
                        }
                        perPeer[idx][counts[idx]++] = took;
                        if (running[0]) {
                            p.sendAnnounce();
                        } else {
                            p.onReply = () -> { };
                            stopped.countDown();
                        }
                    };
                    p.sendAnnounce();
                });
            }
            Thread.sleep(seconds * 1000L);
            group.next().execute(() -> running[0] = false);
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
            return all;
        }

        void close() {
            for (WsBenchPeer p : peers) {
                if (p.channel != null) {
                    p.channel.close();
                }
            }
        }

        private static String announce(String hash, String peerId, int offers, String event) {
            ObjectNode m = JSON.createObjectNode().put("action", "announce").put("info_hash", hash)
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

        /** An answer to any offer, up to where the offerer's id goes. */
        private static String answerHead(String hash, String peerId) {
            ObjectNode answer = JSON.createObjectNode().put("action", "announce").put("info_hash", hash)
                    .put("peer_id", peerId);
            answer.putObject("answer").put("type", "answer").put("sdp", SDP);
            String a = answer.toString();
            return a.substring(0, a.length() - 1) + ",\"to_peer_id\":\"";
        }
    }
}
