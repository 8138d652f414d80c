package org.webp2p.sdk.sim;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.WebP2pPlayerSource;
import org.webp2p.sdk.playback.PlaybackStats;

/**
 * Runs a swarm of real SDK clients against a node, each from its own 127.x address, playing in
 * real time, with peers leaving and joining at the churn rate, and sums up what they experienced.
 */
public final class SwarmSimulator {
    /** Peers start spread over this long, as an audience arrives, not all in one instant. */
    private static final long RAMP_MS = 3_000;

    private final URI api;
    private final String stream;
    private final String token;
    private final EventLoopGroup group;
    private final Random random = new Random(7);

    public SwarmSimulator(URI api, String stream, String token, EventLoopGroup group) {
        this.api = api;
        this.stream = stream;
        this.token = token;
        this.group = group;
    }

    /**
     * Runs for {@code duration}; {@code churnPerMinute} is the share of peers replaced each minute
     * (0.1 = 10%). {@code progress} hears a line now and then.
     */
    public SimulationReport run(int peers, NatMix mix, double churnPerMinute, Duration duration,
                                Consumer<String> progress) throws InterruptedException {
        List<NatType> types = mix.assign(peers);
        List<WebP2pPlayerSource> live = new ArrayList<>();
        List<PlaybackStats> finished = new ArrayList<>();
        long[] bytes = new long[1];
        int started = 0;
        long begin = System.currentTimeMillis();
        long end = begin + duration.toMillis();
        for (int i = 0; i < peers; i++) {
            live.add(startPeer(started++, types.get(i)));
            Thread.sleep(RAMP_MS / Math.max(1, peers));
        }
        long nextReport = begin + 10_000;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(1000);
            // Each second, each peer leaves with the probability that makes the per-minute rate.
            for (int i = 0; i < live.size(); i++) {
                if (random.nextDouble() < churnPerMinute / 60.0) {
                    WebP2pPlayerSource gone = live.get(i);
                    gone.close();
                    finished.add(gone.stats());
                    bytes[0] += gone.httpBytes();
                    live.set(i, startPeer(started++, types.get(i)));
                }
            }
            if (System.currentTimeMillis() >= nextReport) {
                nextReport += 10_000;
                long stalls = live.stream().mapToLong(s -> s.stats().stalls()).sum();
                progress.accept(String.format("%3ds  peers %d  stalls %d", (System.currentTimeMillis() - begin) / 1000,
                        live.size(), stalls));
            }
        }
        for (WebP2pPlayerSource s : live) {
            s.close();
            finished.add(s.stats());
            bytes[0] += s.httpBytes();
        }
        long[] startups = finished.stream().mapToLong(PlaybackStats::startupMs).filter(v -> v >= 0).sorted().toArray();
        // The SDK has no peer transport yet: every byte is origin egress and no connection is tried.
        long p2p = 0;
        long origin = bytes[0];
        return new SimulationReport(started, live.size(), origin + p2p == 0 ? 0 : (double) p2p / (origin + p2p),
                finished.stream().mapToInt(PlaybackStats::stalls).sum(),
                finished.stream().mapToLong(PlaybackStats::stallMs).sum(),
                percentile(startups, 50), percentile(startups, 95), Map.of(), origin, p2p,
                System.currentTimeMillis() - begin);
    }

    private WebP2pPlayerSource startPeer(int index, NatType nat) {
        WebP2pPlayerSource s = new WebP2pPlayerSource(api, stream, token, group, address(index),
                System::currentTimeMillis);
        s.natType(nat.name());
        s.start().exceptionally(e -> {
            throw new IllegalStateException("simulated peer " + index + " could not open a session: "
                    + e.getMessage(), e);
        });
        return s;
    }

    /** 127.3.0.1, 127.3.0.2, ...: one loopback address per peer so the node sees distinct clients. */
    static InetSocketAddress address(int index) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 3, (byte) (index / 250),
                (byte) (index % 250 + 1)}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
