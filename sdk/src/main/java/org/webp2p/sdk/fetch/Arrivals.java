package org.webp2p.sdk.fetch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Those waiting for a segment to arrive, whichever way it comes. Single-threaded: its owner calls it
 * from one event loop, so a waiter is either completed by an arrival or abandoned, never both.
 */
public final class Arrivals {
    private final Map<Long, List<CompletableFuture<byte[]>>> waiting = new HashMap<>();

    /** A future completed with the segment's bytes when {@link #arrived} is called for it. */
    public CompletableFuture<byte[]> await(long sequence) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        waiting.computeIfAbsent(sequence, k -> new ArrayList<>()).add(f);
        return f;
    }

    /** Completes every waiter for {@code sequence} with its bytes. */
    public void arrived(long sequence, byte[] body) {
        List<CompletableFuture<byte[]>> list = waiting.remove(sequence);
        if (list != null) {
            list.forEach(f -> f.complete(body));
        }
    }

    /** Stops waiting; true if {@code f} was still waiting, so the caller now owns completing it. */
    public boolean abandon(long sequence, CompletableFuture<byte[]> f) {
        List<CompletableFuture<byte[]>> list = waiting.get(sequence);
        if (list == null || !list.remove(f)) {
            return false;
        }
        if (list.isEmpty()) {
            waiting.remove(sequence);
        }
        return true;
    }
}
