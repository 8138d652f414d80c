package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.LocalIdentity;

/**
 * Cores wired together in memory with a fake clock: datagrams queue until {@link #run} delivers
 * them, optionally losing some. No threads, so every test is deterministic for a seed.
 */
final class FakeNetwork {
    private static final long TICK_MILLIS = 5;

    record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
    }

    private final Map<InetSocketAddress, RtmfpCore> cores = new HashMap<>();
    private final Deque<Datagram> inFlight = new ArrayDeque<>();
    private final List<Datagram> delivered = new ArrayList<>();
    private final Random random;
    private long now = 1_000_000;
    private double lossRate;
    private BiPredicate<InetSocketAddress, InetSocketAddress> blocked = (from, to) -> false;
    private final Map<InetSocketAddress, InetSocketAddress> rewriteSource = new HashMap<>();

    FakeNetwork(long seed) {
        this.random = new Random(seed);
    }

    long now() {
        return now;
    }

    RtmfpCore add(String host, int port, LocalIdentity identity, RtmfpParams params) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        RtmfpCore core = new RtmfpCore(params, identity, () -> now,
                (to, bytes) -> inFlight.add(new Datagram(address, to, bytes)), CoreThread.callingThread(),
                new SecureRandom());
        cores.put(address, core);
        return core;
    }

    void lossRate(double rate) {
        this.lossRate = rate;
    }

    void block(BiPredicate<InetSocketAddress, InetSocketAddress> rule) {
        this.blocked = rule;
    }

    /** Makes datagrams from {@code real} appear to come from {@code seen}, as a NAT rebinding would. */
    void rewriteSource(InetSocketAddress real, InetSocketAddress seen) {
        rewriteSource.put(real, seen);
        cores.put(seen, cores.get(real));
    }

    List<Datagram> delivered() {
        return delivered;
    }

    void inject(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        inFlight.add(new Datagram(from, to, bytes));
    }

    /** Delivers datagrams and ticks every core for {@code millis} of fake time. */
    void run(long millis) {
        long end = now + millis;
        while (now < end) {
            int budget = 100_000;
            while (!inFlight.isEmpty() && budget-- > 0) {
                Datagram d = inFlight.poll();
                InetSocketAddress from = rewriteSource.getOrDefault(d.from(), d.from());
                if (blocked.test(from, d.to()) || random.nextDouble() < lossRate) {
                    continue;
                }
                RtmfpCore target = cores.get(d.to());
                if (target != null) {
                    delivered.add(new Datagram(from, d.to(), d.bytes()));
                    target.onDatagram(from, d.bytes());
                }
            }
            now += TICK_MILLIS;
            cores.values().stream().distinct().forEach(RtmfpCore::onTick);
        }
    }
}
