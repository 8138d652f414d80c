package org.webp2p.sdk.peer;

import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.webp2p.sdk.fetch.PartialSegment;

/**
 * Serves segments to peers without flooding this viewer's uplink: at most {@link #SLOTS} segments
 * at once, unacknowledged chunks per link enough to cover its congestion window ({@link #chunkWindow}), every byte paced by the
 * {@link UploadBudget}, and requests served in the order they came, one copy at a time.
 *
 * <p>Why one at a time: when a new live segment appears, every neighbour of its first holders asks
 * for it at once. Copies taking turns chunk by chunk all finish together, eight of them at 2 Mbit/s
 * taking 3.6 s for a 1 s segment of 900 kbit/s, later than the 1-2 s a low-latency viewer has
 * before the segment turns urgent; cut at that deadline, none of them can be passed on. Served in
 * order, the uplink carries the same bytes by any moment, but the first copy is whole in 0.45 s and
 * its receiver starts serving too, so holders double each copy time instead of waiting for all.
 * A link whose window is full lets the next request go ahead, so a slow link does not idle the
 * uplink; a peer cannot jump the queue, and each asks for only a few segments at a time. A segment
 * still arriving from peers is served as its bytes come ({@link PeerMessage.Arriving}): a request
 * waiting for bytes lets the next one go ahead too.
 * Loop-confined.
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
     * Unacknowledged chunks per link at least: keeps the pipe full without queueing a whole segment.
     * A link whose congestion window is larger gets more ({@link #chunkWindow}).
     */
    static final int CHUNKS_IN_FLIGHT = 4;
    /** Unacknowledged chunks per link at most: 512 KiB, more than an HD segment. */
    static final int MAX_CHUNKS_IN_FLIGHT = 32;

    private final EventLoop loop;
    private final LongSupplier clock;
    private final UploadBudget budget;
    private final Supplier<Collection<PeerLink>> links;
    private final HeldSegments held;
    private final ObjLongConsumer<PeerLink> sent;
    private final ObjLongConsumer<PeerLink> gone;
    /** Requests accepted so far: each upload's place in the queue. */
    private long accepted;

    /**
     * @param held what is held and arriving now: an upload of a segment still arriving that is neither
     *             any longer (its parts thrown away) ends
     * @param sent told of every chunk's bytes as they go, for the link totals
     * @param gone told of an upload ended because its segment, still arriving, was thrown away
     */
    Uploads(EventLoop loop, LongSupplier clockMs, int limitKbps, Supplier<Collection<PeerLink>> links,
            HeldSegments held, ObjLongConsumer<PeerLink> sent, ObjLongConsumer<PeerLink> gone) {
        this.loop = loop;
        this.clock = clockMs;
        this.budget = new UploadBudget(limitKbps);
        this.links = links;
        this.held = held;
        this.sent = sent;
        this.gone = gone;
    }

    /**
     * Queues bytes {@code from} to {@code end} of a segment for {@code link}: of {@code data}, which is
     * whole, or which is {@code arriving}'s and goes as it fills; false when every slot is taken.
     */
    boolean offer(PeerLink link, long sequence, byte[] data, @Nullable PartialSegment arriving, int from, int end) {
        int active = links.get().stream().mapToInt(l -> l.uploads.size()).sum();
        if (active >= SLOTS) {
            return false;
        }
        link.uploads.add(new PeerLink.Upload(sequence, data, arriving, from, end, accepted++));
        pump();
        return true;
    }

    /** Sends chunks, oldest request first, while the budget and the links' windows allow. */
    void pump() {
        long now = clock.getAsLong();
        endThrownAway();
        PeerLink link;
        while (budget.available(now) > 0 && (link = next(links.get())) != null) {
            PeerLink.Upload u = firstReady(link);
            int n = Math.min(CHUNK_BYTES, readyUntil(u) - u.offset);
            byte[] chunk = Arrays.copyOfRange(u.data, u.offset, u.offset + n);
            PeerMessage.Data data = new PeerMessage.Data(u.sequence, u.offset, u.data.length, chunk);
            u.offset += n;
            if (u.offset >= u.end) {
                link.uploads.remove(u);
            }
            link.chunksInFlight++;
            budget.spend(n, now);
            sent.accept(link, n);
            PeerLink sentOn = link;
            link.out.send(PeerMessageCodec.encode(data)).whenCompleteAsync((ok, failure) -> {
                sentOn.chunksInFlight--;
                pump();
            }, loop);
        }
    }

    /**
     * Unacknowledged chunks a link whose RTMFP congestion window is {@code congestionWindowBytes}
     * may have: enough to cover that window and one chunk more, so that what RTMFP may send is always
     * queued, and at least {@link #CHUNKS_IN_FLIGHT}. A fixed four capped every copy at 64 KiB per
     * round trip: 1.9 Mbit/s at 200 ms, whatever the link and its window allowed (docs/protocol.md,
     * Upload). RTMFP's own window still decides what goes on the wire, so a larger one here adds no
     * burst beyond it.
     */
    static int chunkWindow(long congestionWindowBytes) {
        long covering = (congestionWindowBytes + CHUNK_BYTES - 1) / CHUNK_BYTES + 1;
        return (int) Math.max(CHUNKS_IN_FLIGHT, Math.min(MAX_CHUNKS_IN_FLIGHT, covering));
    }

    /**
     * The link the next chunk goes on: of those with an upload ready to send and room in their window,
     * the one whose request came first; null when none can send.
     */
    static @Nullable PeerLink next(Collection<PeerLink> links) {
        PeerLink first = null;
        long firstOrder = Long.MAX_VALUE;
        for (PeerLink link : links) {
            PeerLink.Upload u = link.chunksInFlight < link.chunkWindow() ? firstReady(link) : null;
            if (u != null && u.order < firstOrder) {
                first = link;
                firstOrder = u.order;
            }
        }
        return first;
    }

    /** The link's oldest upload that has a byte to send now; null if none. */
    private static PeerLink.@Nullable Upload firstReady(PeerLink link) {
        for (PeerLink.Upload u : link.uploads) {
            if (readyUntil(u) > u.offset) {
                return u;
            }
        }
        return null;
    }

    /** Where the bytes an upload may send now end: its end, or for a segment still arriving, what came. */
    private static int readyUntil(PeerLink.Upload u) {
        return u.arriving == null ? u.end : Math.min(u.end, u.arriving.filledUntil(u.offset));
    }

    /**
     * Uploads of segments that were arriving: once held (assembled, or fetched whole from the origin)
     * they go on from the held bytes; when neither arriving nor held any more (thrown away on a bad
     * digest, a rendition switch, or left behind the playhead) they end, and the requester is told.
     */
    private void endThrownAway() {
        for (PeerLink link : links.get()) {
            for (Iterator<PeerLink.Upload> it = link.uploads.iterator(); it.hasNext(); ) {
                PeerLink.Upload u = it.next();
                if (u.arriving == null || held.arriving(u.sequence) == u.arriving) {
                    continue;
                }
                byte[] whole = held.get(u.sequence);
                if (whole != null && whole.length == u.data.length) {
                    u.data = whole;
                    u.arriving = null;
                } else {
                    it.remove();
                    gone.accept(link, u.sequence);
                }
            }
        }
    }
}
