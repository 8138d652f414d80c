package org.webp2p.rtmfp.bench;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.DhGroup;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.RtmfpCore;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * RTMFP benchmarks: handshakes per second, bulk throughput over loopback UDP and in memory, and
 * heap per idle session with 10,000 sessions. Run as documented in docs/benchmarks.md.
 * Arguments: handshakes (1000), bulk megabytes (64), idle sessions (10000).
 */
public final class RtmfpBench {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RtmfpBench() {
    }

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int bulkMegabytes = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int idleSessions = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        handshakesPerSecond(handshakes, DhGroup.MODP_1024);
        handshakesPerSecond(handshakes / 2, DhGroup.MODP_2048);
        bulkThroughput(bulkMegabytes);
        inMemoryThroughput(bulkMegabytes);
        memoryPerIdleSession(idleSessions);
    }

    private static LocalIdentity serverIdentity(RtmfpParams params) {
        return LocalIdentity.ephemeral(params.dhGroups(), true, params.dhPrivateKeyBits(), RANDOM);
    }

    /**
     * Handshakes between distinct endpoints (RTMFP keeps one session per pair of endpoints, so
     * reconnecting one client would only measure session reuse). Both ends run on this thread,
     * so the rate is the CPU cost of both sides: hello, cookie, DH, key derivation.
     */
    private static void handshakesPerSecond(int count, DhGroup group) {
        RtmfpParams params = RtmfpParams.defaults().toBuilder().dhGroups(List.of(group)).build();
        InMemoryLink link = new InMemoryLink();
        InetSocketAddress serverAddress = new InetSocketAddress("10.0.0.1", 1935);
        RtmfpCore server = link.add(serverAddress, serverIdentity(params), params);
        List<RtmfpCore> clients = clients(link, count, params);
        long start = System.nanoTime();
        for (RtmfpCore client : clients) {
            client.open(EndpointDiscriminator.forServer("rtmfp://x/y"), List.of(serverAddress), new SessionListener() { });
            link.drain();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "handshakes (DH group %d, both ends on one thread): %d sessions in %.2f s = %.0f/s%n",
                group.id(), server.sessions().size(), seconds, count / seconds);
    }

    private static List<RtmfpCore> clients(InMemoryLink link, int count, RtmfpParams params) {
        List<RtmfpCore> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InetSocketAddress address = new InetSocketAddress("10." + (1 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256), 5000);
            clients.add(link.add(address, LocalIdentity.ephemeral(params.dhGroups(), false, params.dhPrivateKeyBits(), RANDOM),
                    params));
        }
        return clients;
    }

    private static void bulkThroughput(int megabytes) throws Exception {
        RtmfpParams params = RtmfpParams.defaults();
        CompletableFuture<Long> received = new CompletableFuture<>();
        long total = (long) megabytes << 20;
        try (RtmfpEndpoint server = RtmfpEndpoint.builder().localAddress(LOOPBACK).identity(serverIdentity(params)).bind();
             RtmfpEndpoint client = RtmfpEndpoint.builder().localAddress(LOOPBACK).bind()) {
            server.setIncomingSessionHandler(session -> session.setListener(new SessionListener() {
                private long bytes;

                @Override
                public void onFlow(ReceiveFlow flow) {
                    flow.setMessageListener((f, message) -> {
                        bytes += message.length;
                        if (bytes >= total) {
                            received.complete(bytes);
                        }
                    });
                }
            }));
            Session session = client.connect("rtmfp://localhost/bench", server.localAddress(), new SessionListener() { })
                    .get(10, TimeUnit.SECONDS);
            byte[] chunk = new byte[64 * 1024];
            RANDOM.nextBytes(chunk);
            var flow = session.openFlow(Bytes.fromHex("01"));
            long start = System.nanoTime();
            CompletableFuture<Void> last = null;
            for (long sent = 0; sent < total; sent += chunk.length) {
                last = flow.send(chunk);
                if ((sent / chunk.length) % 64 == 63) {
                    last.get(60, TimeUnit.SECONDS); // keep the send queue bounded
                }
            }
            received.get(120, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "bulk (one flow, UDP loopback, no loss): %d MB in %.2f s = %.1f MB/s, session %s%n",
                    megabytes, seconds, megabytes / seconds, session.stats());
        }
    }

    private static void memoryPerIdleSession(int count) {
        RtmfpParams params = RtmfpParams.defaults().toBuilder().dhGroups(List.of(DhGroup.MODP_1024)).build();
        InMemoryLink link = new InMemoryLink();
        InetSocketAddress serverAddress = new InetSocketAddress("10.0.0.1", 1935);
        RtmfpCore server = link.add(serverAddress, serverIdentity(params), params);
        // One core per client: RTMFP keeps one session per pair of endpoints.
        List<RtmfpCore> clients = clients(link, count, params);
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        for (RtmfpCore client : clients) {
            client.open(EndpointDiscriminator.forServer("rtmfp://x/y"), List.of(serverAddress), new SessionListener() { });
            link.drain();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedHeapAfterGc();
        int sessions = server.sessions().size() + clients.stream().mapToInt(c -> c.sessions().size()).sum();
        System.out.printf(Locale.ROOT, "idle sessions (in memory, DH group 2): %d handshakes in %.1f s (%.0f/s CPU-bound),"
                        + " %d sessions on the two sides, heap %.0f bytes per session%n",
                count, seconds, count / seconds, sessions, (after - before) / (double) sessions);
        idleTickCost(server, link, params);
    }

    /**
     * What idle sessions cost the timers: a core visits every session at every tick (every
     * {@code timerTickMillis}, 5 ms by default, which the rendezvous service keeps), whether or not
     * anything is due.
     */
    private static void idleTickCost(RtmfpCore server, InMemoryLink link, RtmfpParams params) {
        int sessions = server.sessions().size();
        int ticks = 2_000;
        double[] perTickMs = new double[7];
        for (int round = -2; round < perTickMs.length; round++) { // two rounds of warm-up
            long start = System.nanoTime();
            for (int i = 0; i < ticks; i++) {
                server.onTick();
                link.drain();
            }
            if (round >= 0) {
                perTickMs[round] = (System.nanoTime() - start) / 1e6 / ticks;
            }
        }
        Arrays.sort(perTickMs);
        double median = perTickMs[perTickMs.length / 2];
        System.out.printf(Locale.ROOT, "timer tick over %d idle sessions: median %.3f ms of %d rounds (best %.3f),"
                        + " %.2f us per session, %.0f%% of a core at one tick per %d ms%n",
                sessions, median, perTickMs.length, perTickMs[0], median * 1000 / sessions,
                100 * median / params.timerTickMillis(), params.timerTickMillis());
    }

    private static void inMemoryThroughput(int megabytes) {
        RtmfpParams params = RtmfpParams.defaults();
        InMemoryLink link = new InMemoryLink();
        InetSocketAddress serverAddress = new InetSocketAddress("10.0.0.1", 1935);
        RtmfpCore server = link.add(serverAddress, serverIdentity(params), params);
        RtmfpCore client = link.add(new InetSocketAddress("10.0.0.2", 5000),
                LocalIdentity.ephemeral(params.dhGroups(), false, params.dhPrivateKeyBits(), RANDOM), params);
        long[] received = {0};
        server.setIncomingSessionHandler(session -> session.setListener(new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                flow.setMessageListener((f, message) -> received[0] += message.length);
            }
        }));
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer("rtmfp://x/y"),
                List.of(serverAddress), new SessionListener() { });
        link.drain();
        var flow = opened.join().openFlow(Bytes.fromHex("01"));
        byte[] chunk = new byte[64 * 1024];
        long total = (long) megabytes << 20;
        long start = System.nanoTime();
        for (long sent = 0; sent < total; sent += chunk.length) {
            flow.send(chunk);
            link.drain();
        }
        while (received[0] < total) {
            client.onTick();
            server.onTick();
            link.drain();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "bulk (one flow, in memory: protocol and crypto cost only): %d MB in %.2f s = %.1f MB/s%n",
                megabytes, seconds, megabytes / seconds);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
