package org.webp2p.server.bench;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.PingbackSettings;
import org.webp2p.server.pingback.LiveAggregator;

/**
 * Soak of pingback's live figures as a headless node holds them: 100,000 random sessions beacon every
 * 10 s of simulated time for longer than the window, nobody reads the figures, the prune timer runs
 * every bucket. Prints the heap after GC at each stage and fails (exit 1) when what the figures hold
 * passes the stated cap. Also the longest prune of each stage, during which beacon requests wait.
 *
 * <p>Stages: the 100,000 sessions in steady state; all of them replaced by 100,000 new ones (churn:
 * the first ones must be forgotten, not added to); silence for a window (back to the baseline); and
 * 200,000 sessions crowding one swarm (held to {@code pingback.max-swarm-sessions}).
 *
 * <p>Run: {@code server/src/bench/run-live-figures-soak.sh [sessions] [swarms] [capMB]}.
 */
public final class LiveFiguresSoak {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int NEIGHBOURS = 4;

    private final Random random = new Random(17);
    private final SimClock clock = new SimClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final LiveAggregator live;
    private final long intervalMs;
    private final long bucketMs;
    private final long windowMs;
    /** The longest prune, which holds the figures' lock: requests wait that long at worst. */
    private long longestPruneNanos;

    /**
     * The viewers of one stage, made up from their number alone, so the soak holds nothing per viewer
     * and the heap it measures is the figures' own. Viewer {@code i} plays stream {@code i % swarms}; its
     * neighbours are viewers of the same stream.
     */
    private record Crowd(int size, int swarms, long seed) {
        String sessionId(int i) {
            return B64.encodeToString(ByteBuffer.allocate(16).putLong(mix(seed, i)).putLong(mix(seed + 1, i)).array());
        }

        boolean browser(int i) {
            return Math.floorMod(mix(seed + 2, i), 4) == 0;
        }

        String peerId(int i) {
            if (browser(i)) {
                return "-PM0203-" + Long.toString(Math.floorMod(mix(seed + 3, i), 1L << 60), 36);
            }
            StringBuilder hex = new StringBuilder(64);
            for (int w = 0; w < 4; w++) {
                hex.append(HexFormat.of().toHexDigits(mix(seed + 4 + w, i)));
            }
            return hex.toString();
        }

        String swarm(int i) {
            return "stream-" + i % swarms;
        }

        /** The {@code k}th neighbour of viewer {@code i}: another viewer of its stream. */
        int neighbour(int i, int k) {
            int perSwarm = Math.max(1, size / swarms);
            return Math.floorMod(i + swarms * (1 + Math.floorMod(mix(seed + 9 + k, i), perSwarm)), size);
        }

        private static long mix(long seed, long i) {
            long z = seed * 0x9E3779B97F4A7C15L + i;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    private LiveFiguresSoak() {
        Config c = Config.defaults();
        windowMs = c.get(PingbackSettings.WINDOW).toMillis();
        bucketMs = c.get(PingbackSettings.BUCKET).toMillis();
        intervalMs = c.get(PingbackSettings.INTERVAL).toMillis();
        live = new LiveAggregator(clock, c.get(PingbackSettings.WINDOW), c.get(PingbackSettings.BUCKET),
                c.get(PingbackSettings.MAX_SWARM_SESSIONS), c.get(PingbackSettings.MAX_SWARM_LINKS));
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int swarms = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        long capMb = args.length > 2 ? Long.parseLong(args[2]) : 256;
        System.exit(new LiveFiguresSoak().run(sessions, swarms, capMb) ? 0 : 1);
    }

    private boolean run(int sessions, int swarms, long capMb) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("live figures soak: %,d sessions in %d swarms, a beacon each %d s, window %d s, bucket %d s,"
                        + " %d neighbours each; JVM %s, max heap %d MB, %d cores%n", sessions, swarms, intervalMs / 1000,
                windowMs / 1000, bucketMs / 1000, NEIGHBOURS, System.getProperty("java.version"),
                rt.maxMemory() >> 20, rt.availableProcessors());
        long baseline = heapAfterGc();
        System.out.printf("%-52s %8s %10s %10s %12s %12s %10s%n", "stage", "heap MB", "sessions", "links", "dropped s.",
                "dropped l.", "prune ms");
        report("baseline", baseline, baseline);

        long worst = 0;
        play(new Crowd(sessions, swarms, 1), windowMs + 2 * 60_000);
        worst = Math.max(worst, report("steady: " + sessions + " sessions, 7 min", baseline, heapAfterGc()));

        play(new Crowd(sessions, swarms, 2), windowMs + 2 * 60_000);
        worst = Math.max(worst, report("churn: all replaced by " + sessions + " new, 7 min", baseline, heapAfterGc()));

        play(new Crowd(0, 1, 3), windowMs + bucketMs);
        long idle = report("silence for a window", baseline, heapAfterGc());

        play(new Crowd(2 * sessions, 1, 4), 3 * intervalMs);
        worst = Math.max(worst, report("one swarm: " + 2 * sessions + " sessions, 30 s", baseline, heapAfterGc()));

        long cap = capMb << 20;
        boolean ok = worst <= cap && idle <= cap / 16;
        System.out.printf("most held: %.1f MB over the baseline (cap %d MB); after silence %.1f MB: %s%n",
                worst / 1048576.0, capMb, idle / 1048576.0, ok ? "PASS" : "FAIL");
        return ok;
    }

    /** Every viewer beacons once an interval, spread over it, for {@code ms}; the prune timer runs each bucket. */
    private void play(Crowd crowd, long ms) {
        long end = clock.millis() + ms;
        long nextPrune = clock.millis() + bucketMs;
        int perMs = Math.max(1, (int) Math.ceil(crowd.size() / (double) intervalMs));
        int i = 0;
        while (clock.millis() < end) {
            for (int k = 0; k < perMs && crowd.size() > 0; k++) {
                live.add(beacon(crowd, i));
                i = (i + 1) % crowd.size();
            }
            clock.advance(1);
            if (clock.millis() >= nextPrune) {
                long t0 = System.nanoTime();
                live.prune();
                longestPruneNanos = Math.max(longestPruneNanos, System.nanoTime() - t0);
                nextPrune += bucketMs;
            }
        }
    }

    /** A beacon of viewer {@code i} as pingback reads it from JSON: fresh strings, as the parser makes them. */
    private Beacon beacon(Crowd crowd, int i) {
        List<Beacon.Link> links = new ArrayList<>();
        for (int k = 0; k < NEIGHBOURS; k++) {
            if (random.nextBoolean()) {
                links.add(new Beacon.Link(crowd.peerId(crowd.neighbour(i, k)), random.nextInt(4_000_000),
                        random.nextInt(4_000_000)));
            }
        }
        List<Beacon.Connections> connections = random.nextInt(10) == 0
                ? List.of(new Beacon.Connections(NatType.values()[random.nextInt(NatType.values().length)], 2, 1))
                : List.of();
        return new Beacon(crowd.sessionId(i), "ticket", crowd.peerId(i), crowd.swarm(i),
                random.nextInt(2_000_000), random.nextInt(6_000_000), random.nextInt(3_000_000), 10_000,
                random.nextInt(20) == 0 ? (long) random.nextInt(3000) : null, 0, 0, 8000, NatType.FULL_CONE, links,
                connections, crowd.browser(i) ? ClientKind.BROWSER : null);
    }

    private long report(String stage, long baseline, long heap) {
        long held = Math.max(0, heap - baseline);
        System.out.printf("%-52s %8.1f %,10d %,10d %,12d %,12d %10.1f%n", stage, held / 1048576.0, live.heldSessions(),
                live.heldLinks(), live.droppedSessions(), live.droppedLinks(), longestPruneNanos / 1e6);
        longestPruneNanos = 0;
        return held;
    }

    private static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Simulated time, moved by the soak itself. A plain long rather than the tests' MutableClock: the
     * soak moves it a millisecond at a time, and an Instant per step would be garbage in the heap it measures.
     */
    private static final class SimClock extends Clock {
        private long millis;

        SimClock(Instant start) {
            this.millis = start.toEpochMilli();
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
