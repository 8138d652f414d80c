package org.webp2p.server.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.auth.SessionTicket;
import org.webp2p.server.auth.SessionTickets;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.TrackerSettings;
import org.webp2p.server.pingback.PingbackService;

/**
 * Announces and beacons per second against a real node on loopback, each printed as a ratio to a
 * baseline measured in the same run: {@code GET /health} through the same HTTP stack. Also the
 * rate the store sustains against the rate beacons were accepted (1.0 or more: the writer keeps up).
 *
 * <p>Run: {@code server/src/bench/run-control-plane-bench.sh [clients] [seconds]}.
 */
public final class ControlPlaneBench {
    private static final int SWARMS = 20;
    /** Each beacon's session ticket, as the API would hand it out; made once per session. */
    private static final Map<String, String> TICKETS = new ConcurrentHashMap<>();
    private static SessionTickets tickets;
    private static final int PEERS = 10_000;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("webp2p-bench");
        Map<String, String> local = new HashMap<>(Config.loopbackOnFreePorts());
        local.put(TrackerSettings.MAX_PEERS_PER_ADDRESS.name(), "1000000");
        local.put(TrackerSettings.MAX_SWARM_PEERS.name(), "1000000");
        Config config = Config.defaults().with(local);
        tickets = SessionTickets.load(config, dir);
        try (ServerRuntime node = ServerRuntime.open(config, dir, Clock.systemUTC())) {
            node.services().startAll();
            int tracker = node.services().status("tracker").primaryAddress().orElseThrow().getPort();
            int pingback = node.services().status("pingback").primaryAddress().orElseThrow().getPort();
            URI health = URI.create("http://127.0.0.1:" + tracker + "/health");
            URI announce = URI.create("http://127.0.0.1:" + tracker + "/v1/announce");
            URI beacons = URI.create("http://127.0.0.1:" + pingback + "/v1/beacons");
            System.out.printf("control-plane bench: %d keep-alive clients, %d s per phase, %d cores%n",
                    clients, seconds, Runtime.getRuntime().availableProcessors());

            // Each peer announces with its own session's ticket, as the API hands it out.
            String[] announceTickets = new String[PEERS];
            Instant now = Instant.now();
            for (int p = 0; p < PEERS; p++) {
                announceTickets[p] = tickets.issue(new SessionTicket("session-" + p, "p" + p, "s" + (p % SWARMS), "bench", now,
                        now.plus(Duration.ofHours(1))));
            }

            run("warm-up", clients, 3, i -> HttpRequest.newBuilder(health).build());
            Result base = run("GET /health (baseline)", clients, seconds, i -> HttpRequest.newBuilder(health).build());
            Result ann = run("POST /v1/announce", clients, seconds,
                    i -> post(announce, announceBody(i, announceTickets[(int) (i % PEERS)])));
            PingbackService pb = node.services().service("pingback", PingbackService.class);
            long writtenBefore = pb.metrics().get("written").longValue();
            long t0 = System.nanoTime();
            Result bea = run("POST /v1/beacons (10 per batch)", clients, seconds, i -> post(beacons, beaconBody(i)));
            pb.flush();
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            long written = pb.metrics().get("written").longValue() - writtenBefore;

            System.out.println();
            System.out.printf("announces/s      %10.0f   ratio to baseline %.2f%n", ann.perSecond, ann.perSecond / base.perSecond);
            System.out.printf("beacons/s        %10.0f   (%.0f requests/s, ratio to baseline %.2f)%n",
                    bea.perSecond * 10, bea.perSecond, bea.perSecond / base.perSecond);
            // Written over the run plus the drain at the end: the rate the store sustains.
            double rowsPerSecond = written / writeSeconds;
            System.out.printf("H2 rows/s        %10.0f   ratio to beacons accepted/s %.2f (below 1: the queue absorbs the rest)%n",
                    rowsPerSecond, rowsPerSecond / (bea.perSecond * 10));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String announceBody(long i, String ticket) {
        long peer = i % PEERS;
        return "{\"swarm\":\"s" + (peer % SWARMS) + "\",\"peerId\":\"p" + peer + "\",\"event\":\"update\","
                + "\"natType\":\"FULL_CONE\",\"addresses\":[\"203.0.113.1:1935\"],\"position\":" + (i % 500)
                + ",\"have\":{\"first\":" + (i % 500) + ",\"last\":" + (i % 500 + 8) + "},\"uploadKbps\":1000,"
                + "\"ticket\":\"" + ticket + "\"}";
    }

    private static String beaconBody(long i) {
        StringBuilder b = new StringBuilder("{\"beacons\":[");
        for (int k = 0; k < 10; k++) {
            if (k > 0) {
                b.append(',');
            }
            String session = "s" + (i % 5000) + "-" + k;
            String swarm = "s" + (i % SWARMS);
            b.append("{\"sessionId\":\"").append(session).append("\",\"ticket\":\"").append(ticket(session, swarm))
                    .append("\",\"swarm\":\"").append(swarm).append("\",\"httpBytes\":100000,\"p2pBytes\":300000,\"uploadedBytes\":200000,")
                    .append("\"playedMs\":10000,\"stalls\":0,\"stallMs\":0,\"bufferMs\":9000,\"natType\":\"FULL_CONE\",")
                    .append("\"links\":[{\"peerId\":\"x\",\"bytesIn\":300000,\"bytesOut\":200000}],")
                    .append("\"connections\":[{\"remoteNat\":\"SYMMETRIC\",\"attempts\":1,\"successes\":1}]}");
        }
        return b.append("]}").toString();
    }

    private static String ticket(String session, String swarm) {
        return TICKETS.computeIfAbsent(session, s -> {
            Instant now = Instant.now();
            return tickets.issue(new SessionTicket(s, null, swarm, "bench", now.minusSeconds(10), now.plusSeconds(3600)));
        });
    }

    private record Result(double perSecond, long p50Micros, long p99Micros) {
    }

    private static Result run(String name, int clients, int seconds, IntFunction<HttpRequest> request)
            throws InterruptedException {
        AtomicLong seq = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            Thread t = new Thread(() -> {
                // One client per thread so each keeps its own keep-alive connection.
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int n = 0;
                while (System.nanoTime() < end && n < mine.length - 1) {
                    long t0 = System.nanoTime();
                    try {
                        int status = http.send(request.apply((int) seq.incrementAndGet()),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status >= 300) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine[++n] = (System.nanoTime() - t0) / 1000;
                }
                mine[0] = n;
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = latencies.stream().mapToLong(l -> l[0]).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        Result r = new Result(total / (double) seconds, all.length == 0 ? 0 : all[all.length / 2],
                all.length == 0 ? 0 : all[(int) (all.length * 0.99)]);
        System.out.printf("%-34s %9.0f req/s  p50 %6d us  p99 %7d us  errors %d%n", name, r.perSecond, r.p50Micros,
                r.p99Micros, errors.get());
        return r;
    }
}
