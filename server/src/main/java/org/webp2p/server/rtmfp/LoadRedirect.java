package org.webp2p.server.rtmfp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.webp2p.rtmfp.session.HelloAdmission;

/**
 * Sends initiators to the sibling nodes instead of answering them here once this node holds
 * {@code maxSessions} sessions or is draining. With no siblings configured every IHello is
 * answered here, and the session limit of the RTMFP core is the last word.
 */
final class LoadRedirect implements HelloAdmission {
    private final List<InetSocketAddress> siblings;
    private final int maxSessions;
    private final IntSupplier sessions;
    private final LongAdder redirects;
    private volatile boolean draining;

    LoadRedirect(List<InetSocketAddress> siblings, int maxSessions, IntSupplier sessions, LongAdder redirects) {
        this.siblings = List.copyOf(siblings);
        this.maxSessions = maxSessions;
        this.sessions = sessions;
        this.redirects = redirects;
    }

    /** From now on every new initiator goes to the siblings. */
    void drain() {
        draining = true;
    }

    @Override
    public List<InetSocketAddress> redirectFor(InetSocketAddress initiator) {
        if (siblings.isEmpty() || (!draining && sessions.getAsInt() < maxSessions)) {
            return List.of();
        }
        redirects.increment();
        return siblings;
    }
}
