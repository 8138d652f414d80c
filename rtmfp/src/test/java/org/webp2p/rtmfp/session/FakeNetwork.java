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
 * them, optionally losing some, after a one-way latency (none unless set), and one datagram may be
 * held back or dropped to reorder or lose it on purpose. No threads, so every test is
 * deterministic for a seed.
 */
final class FakeNetwork {
    private static final long TICK_MILLIS = 5;

    record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
    }

    /** A datagram on its way, due at {@code dueAt}. */
    private record Travelling(Datagram datagram, long dueAt) {
    }

    /** What happens to the {@code nth} datagram {@code from} sends from now on: held back {@code extraMillis}, or dropped if negative. */
    private record Mishap(InetSocketAddress from, int nth, long extraMillis) {
    }

    private final Map<InetSocketAddress, RtmfpCore> cores = new HashMap<>();
    private final Deque<Travelling> inFlight = new ArrayDeque<>();
    private final Map<InetSocketAddress, Integer> sentSinceMishap = new HashMap<>();
    private Mishap mishap;
    private long latencyMillis;
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
                (to, bytes) -> travel(new Datagram(address, to, bytes)), CoreThread.callingThread(),
                new SecureRandom());
        cores.put(address, core);
        return core;
    }

    /** Every datagram takes this long to arrive, so round trips are twice it. */
    void latencyMillis(long millis) {
        this.latencyMillis = millis;
    }

    /** The {@code nth} datagram (1 = the next) {@code from} sends arrives {@code extraMillis} later than the rest. */
    void holdBack(InetSocketAddress from, int nth, long extraMillis) {
        mishap = new Mishap(from, nth, extraMillis);
        sentSinceMishap.clear();
    }

    /** The {@code nth} datagram (1 = the next) {@code from} sends is lost. */
    void dropOne(InetSocketAddress from, int nth) {
        holdBack(from, nth, -1);
    }

    private void travel(Datagram d) {
        long extra = 0;
        if (mishap != null && mishap.from().equals(d.from()) && sentSinceMishap.merge(d.from(), 1, Integer::sum) == mishap.nth()) {
            extra = mishap.extraMillis();
            mishap = null;
            if (extra < 0) {
                return;
            }
        }
        inFlight.add(new Travelling(d, now + latencyMillis + extra));
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
        inFlight.add(new Travelling(new Datagram(from, to, bytes), now));
    }

    /** Delivers datagrams and ticks every core for {@code millis} of fake time. */
    void run(long millis) {
        long end = now + millis;
        while (now < end) {
            int budget = 100_000;
            Travelling due;
            while ((due = nextDue()) != null && budget-- > 0) {
                Datagram d = due.datagram();
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

    /** The first datagram sent of those due by now, taken off the way; null if none is. */
    private Travelling nextDue() {
        for (var it = inFlight.iterator(); it.hasNext(); ) {
            Travelling t = it.next();
            if (t.dueAt() <= now) {
                it.remove();
                return t;
            }
        }
        return null;
    }
}
