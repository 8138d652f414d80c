package org.webp2p.server.net;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/** Waits until a closed channel's socket is really released by the JDK. */
final class SocketRelease {
    private SocketRelease() {
    }

    /**
     * The JDK frees a selector-registered socket only at the selector's next select after its key is
     * cancelled, and Netty cancels it in a task queued by the close. A task scheduled from a task
     * queued after that one runs only in the next loop iteration, after a select: waiting for it
     * means the port is really free when close returns, so a restart can bind it at once. Native epoll
     * closes the socket at once, and the wait costs one loop iteration.
     */
    static void awaitNextSelect(EventLoop loop) {
        loop.submit(() -> loop.schedule(() -> { }, 0, TimeUnit.NANOSECONDS)).syncUninterruptibly()
                .getNow().syncUninterruptibly();
    }
}
