package org.webp2p.rtmfp.session;

import java.util.concurrent.Executor;

/**
 * The one thread an {@link RtmfpCore} works on. Its sessions, flows and handshakes are confined
 * to it, which is why none of them locks: {@link #execute} is how any other thread hands it work,
 * and {@link #isCurrent} lets the core refuse a call that arrives from elsewhere.
 */
public interface CoreThread extends Executor {
    /** Runs {@code task} on this thread: at once when called from it, later otherwise. */
    @Override
    void execute(Runnable task);

    /** Whether the caller is this thread. */
    boolean isCurrent();

    /**
     * The calling thread, for a core that a single-threaded harness drives by hand (a test's fake
     * network, a benchmark): tasks run at once, and calls from any other thread are refused.
     */
    static CoreThread callingThread() {
        Thread owner = Thread.currentThread();
        return new CoreThread() {
            @Override
            public void execute(Runnable task) {
                task.run();
            }

            @Override
            public boolean isCurrent() {
                return Thread.currentThread() == owner;
            }
        };
    }
}
