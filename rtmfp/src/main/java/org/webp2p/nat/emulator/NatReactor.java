package org.webp2p.nat.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * The one thread that moves packets for any number of {@link EmulatedNat}s, so a simulated swarm of
 * hundreds of NATed peers costs one thread, not hundreds. NAT state is only touched on this thread;
 * other threads hand it work through {@link #call}.
 */
public final class NatReactor implements AutoCloseable {
    /** How often idle mappings are looked for; the precision of every mapping timeout. */
    private static final long TICK_MILLIS = 20;
    /** Room for the largest UDP payload plus a gateway frame header. */
    private static final int BUFFER_SIZE = 65_535 + 19;

    /** Reads a registered socket that has datagrams waiting, on the reactor thread. */
    interface Receiver {
        /** Receives from {@code channel} into the shared {@code buffer}; handles its own I/O errors. */
        void readable(DatagramChannel channel, ByteBuffer buffer);
    }

    /**
     * Work due at a time on {@link #nanoTime()}; {@code order} keeps work due at once in the order given.
     * Compared directly rather than by a composed {@link java.util.Comparator}: every shaped datagram is
     * a timer, and the composed comparator's lambdas were 4% of a 100-viewer swarm's CPU samples.
     */
    private record Timed(long atNanos, long order, Runnable work) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>();
    private long timersGiven;
    private final List<EmulatedNat> nats = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    private NatReactor(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts a reactor thread with this name. */
    public static NatReactor start(String name) throws IOException {
        NatReactor reactor = new NatReactor(name);
        reactor.thread.start();
        return reactor;
    }

    /** Runs {@code work} on the reactor thread and waits for its result. */
    <T> T call(Callable<T> work) throws IOException {
        if (Thread.currentThread() == thread) {
            return run(work);
        }
        if (closed) {
            throw new IOException("NAT reactor is closed");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(run(work));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        if (closed) {
            // Closed between the check and the hand-over: the thread may have drained already.
            drainTasks();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the NAT reactor", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    /** Milliseconds on a monotonic clock; the translation rules themselves are tested on a fake one. */
    long now() {
        return System.nanoTime() / 1_000_000;
    }

    /** The same clock in nanoseconds, which the link shapers need: a full datagram takes 0.1 ms at 100 Mbit/s. */
    long nanoTime() {
        return System.nanoTime();
    }

    /** On the reactor thread: runs {@code work} there once {@link #nanoTime()} has reached {@code atNanos}. */
    void at(long atNanos, Runnable work) {
        timers.add(new Timed(atNanos, timersGiven++, work));
    }

    /** On the reactor thread: start delivering {@code channel}'s datagrams to {@code receiver}. */
    SelectionKey register(DatagramChannel channel, Receiver receiver) throws IOException {
        channel.configureBlocking(false);
        return channel.register(selector, SelectionKey.OP_READ, receiver);
    }

    /** On the reactor thread: include {@code nat} in the periodic mapping expiry, or leave it out. */
    void track(EmulatedNat nat, boolean tracked) {
        if (tracked) {
            nats.add(nat);
        } else {
            nats.remove(nat);
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        long nextTick = now();
        try {
            while (!closed) {
                long wait = Math.min(nextTick - now(), untilNextTimerMillis());
                if (wait > 0) {
                    selector.select(wait);
                } else {
                    selector.selectNow();
                }
                drainTasks();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        ((Receiver) key.attachment()).readable((DatagramChannel) key.channel(), buffer);
                    }
                }
                selector.selectedKeys().clear();
                runDueTimers();
                if (now() >= nextTick) {
                    long now = now();
                    nats.forEach(nat -> nat.expire(now));
                    nextTick = now + TICK_MILLIS;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                throw new IllegalStateException("NAT reactor failed", e);
            }
        }
    }

    private long untilNextTimerMillis() {
        Timed next = timers.peek();
        // Rounded up, so a timer never fires early; the shaping it serves promises lower bounds.
        return next == null ? Long.MAX_VALUE : Math.floorDiv(next.atNanos() - nanoTime() + 999_999, 1_000_000);
    }

    private void runDueTimers() {
        long now = nanoTime();
        while (!timers.isEmpty() && timers.peek().atNanos() <= now) {
            timers.poll().work().run();
        }
    }

    private void drainTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    private static <T> T run(Callable<T> work) throws IOException {
        try {
            return work.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Stops the thread. NATs still open keep their sockets until closed themselves. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Work handed over while closing must not leave its caller waiting for ever.
        drainTasks();
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
