package org.webp2p.sdk.peer;

import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * Serves segments to peers without flooding this viewer's uplink: at most {@link #SLOTS} segments
 * at once, {@link #CHUNKS_IN_FLIGHT} unacknowledged chunks per link, every byte paced by the
 * {@link UploadBudget}, and links taking turns chunk by chunk so one greedy peer cannot starve the
 * rest. Loop-confined.
 */
final class Uploads {
    /**
     * Segments served at once across all links; more requests are refused as busy. Fewer slots,
     * each copy faster, did not pay on shaped HD runs (docs/protocol.md, Scheduling).
     */
    static final int SLOTS = 8;
    /** Data messages: small enough to interleave uploads, large enough to keep per-message cost low. */
    static final int CHUNK_BYTES = 16 * 1024;
    /**
     * Unacknowledged chunks per link: keeps the pipe full without queueing a whole segment. Eight
     * did not pay on shaped HD runs: the larger bursts overflow a slow uplink's queue
     * (docs/protocol.md, Scheduling).
     */
    private static final int CHUNKS_IN_FLIGHT = 4;

    private final EventLoop loop;
    private final LongSupplier clock;
    private final UploadBudget budget;
    private final Supplier<Collection<PeerLink>> links;
    private final ObjLongConsumer<PeerLink> sent;

    /** @param sent told of every chunk's bytes as they go, for the link totals */
    Uploads(EventLoop loop, LongSupplier clockMs, int limitKbps, Supplier<Collection<PeerLink>> links,
            ObjLongConsumer<PeerLink> sent) {
        this.loop = loop;
        this.clock = clockMs;
        this.budget = new UploadBudget(limitKbps);
        this.links = links;
        this.sent = sent;
    }

    /** Queues bytes {@code from} to {@code end} of a segment for {@code link}; false when every slot is taken. */
    boolean offer(PeerLink link, long sequence, byte[] data, int from, int end) {
        int active = links.get().stream().mapToInt(l -> l.uploads.size()).sum();
        if (active >= SLOTS) {
            return false;
        }
        link.uploads.add(new PeerLink.Upload(sequence, data, from, end));
        pump();
        return true;
    }

    /** Sends chunks, one per link in turn, while the budget and each link's window allow. */
    void pump() {
        long now = clock.getAsLong();
        boolean progress = true;
        while (progress && budget.available(now) > 0) {
            progress = false;
            for (PeerLink link : List.copyOf(links.get())) {
                PeerLink.Upload u = link.uploads.peek();
                if (u == null || link.chunksInFlight >= CHUNKS_IN_FLIGHT || budget.available(now) <= 0) {
                    continue;
                }
                int n = Math.min(CHUNK_BYTES, u.end - u.offset);
                byte[] chunk = Arrays.copyOfRange(u.data, u.offset, u.offset + n);
                PeerMessage.Data data = new PeerMessage.Data(u.sequence, u.offset, u.data.length, chunk);
                u.offset += n;
                if (u.offset >= u.end) {
                    link.uploads.poll();
                }
                link.chunksInFlight++;
                budget.spend(n, now);
                sent.accept(link, n);
                link.out.send(PeerMessageCodec.encode(data)).whenCompleteAsync((ok, failure) -> {
                    link.chunksInFlight--;
                    pump();
                }, loop);
                progress = true;
            }
        }
    }
}
