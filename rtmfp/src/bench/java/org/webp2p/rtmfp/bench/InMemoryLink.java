package org.webp2p.rtmfp.bench;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.session.CoreThread;
import org.webp2p.rtmfp.session.RtmfpCore;

/** Cores joined by an in-memory datagram queue on the calling thread: no sockets, real clock. */
final class InMemoryLink {
    private record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
    }

    private final Map<InetSocketAddress, RtmfpCore> cores = new HashMap<>();
    private final Deque<Datagram> queue = new ArrayDeque<>();

    RtmfpCore add(InetSocketAddress address, LocalIdentity identity, RtmfpParams params) {
        RtmfpCore core = new RtmfpCore(params, identity, () -> System.nanoTime() / 1_000_000,
                (to, bytes) -> queue.add(new Datagram(address, to, bytes)), CoreThread.callingThread(),
                new SecureRandom());
        cores.put(address, core);
        return core;
    }

    /** Delivers until nothing is left to deliver. */
    void drain() {
        Datagram d;
        while ((d = queue.poll()) != null) {
            RtmfpCore target = cores.get(d.to());
            if (target != null) {
                target.onDatagram(d.from(), d.bytes());
            }
        }
    }
}
