package org.webp2p.rtmfp.net;

import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.webp2p.rtmfp.session.DatagramSink;

/** Drops a seeded random share of outgoing datagrams, standing in for a lossy path. */
final class LossySink implements DatagramSink {
    private final DatagramSink next;
    private final double lossRate;
    private final Random random;
    private final AtomicLong dropped;

    LossySink(DatagramSink next, double lossRate, long seed, AtomicLong dropped) {
        this.next = next;
        this.lossRate = lossRate;
        this.random = new Random(seed);
        this.dropped = dropped;
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        if (random.nextDouble() < lossRate) {
            dropped.incrementAndGet();
            return;
        }
        next.send(to, datagram);
    }
}
