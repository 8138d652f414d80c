package org.webp2p.sdk;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.webp2p.sdk.fetch.Arrivals;
import org.webp2p.sdk.fetch.PartialSegment;
import org.webp2p.sdk.hls.MediaPlaylist;
import org.webp2p.sdk.peer.HeldSegments;

/**
 * What a player source knows of segments: the ones the playlist lists (with the digest peers'
 * copies are checked against), the ones it holds (served to playback and to peers), what a slow
 * peer delivered of a segment HTTP is finishing, and who waits for one to arrive. Both lists keep
 * a few segments behind: held ones for peers a little behind, listed ones for a player that
 * refreshed its playlist a little late. Loop-confined, like the source.
 */
final class SegmentStore {
    /** Segments kept behind the playhead, and listed behind the playlist's window. */
    static final int KEEP_BEHIND = 6;

    private final Map<Long, byte[]> held = new HashMap<>();
    private final Map<Long, MediaPlaylist.Segment> listed = new HashMap<>();
    private final Map<Long, PartialSegment> partials = new HashMap<>();
    /** Held segments of a rendition played before the current one: for playback, never for peers. */
    private final Set<Long> earlierRendition = new HashSet<>();
    private final Arrivals arrivals = new Arrivals();
    private int rendition;
    private boolean listingBehind;

    /** Takes the segments a fresh playlist of the rendition followed lists, and forgets those well behind its window. */
    void list(MediaPlaylist fresh) {
        listingBehind = false;
        listed.keySet().removeIf(s -> s < fresh.mediaSequence() - KEEP_BEHIND);
        for (MediaPlaylist.Segment s : fresh.segments()) {
            listed.put(s.sequence(), s);
        }
    }

    /** The playlist's entry for a segment, or null if it is not (or no longer) listed. */
    MediaPlaylist.@Nullable Segment listed(long sequence) {
        return listed.get(sequence);
    }

    boolean holds(long sequence) {
        return held.containsKey(sequence);
    }

    /**
     * Keeps a checked segment and hands it to whoever waits for it.
     *
     * @param current false for one of a rendition followed before: it plays, but peers never get it
     */
    void store(long sequence, byte[] body, boolean current) {
        held.put(sequence, body);
        partials.remove(sequence);
        if (!current) {
            earlierRendition.add(sequence);
        }
        arrivals.arrived(sequence, body);
    }

    /** Drops held segments well behind the playhead, and parts of segments it has passed. */
    void evictBefore(long playhead) {
        held.keySet().removeIf(s -> s < playhead - KEEP_BEHIND);
        partials.keySet().removeIf(s -> s < playhead);
        earlierRendition.retainAll(held.keySet());
    }

    /**
     * The segment of {@code total} bytes being assembled from parts (peers' and the origin's), begun
     * empty if it was not.
     */
    PartialSegment partial(long sequence, int total) {
        PartialSegment p = partials.get(sequence);
        if (p == null || p.total() != total) {
            p = new PartialSegment(total);
            partials.put(sequence, p);
        }
        return p;
    }

    /** The partial segment kept, removed; null if none. */
    @Nullable PartialSegment takePartial(long sequence) {
        return partials.remove(sequence);
    }

    /** The partial segment kept, if any, left in place. */
    @Nullable PartialSegment peekPartial(long sequence) {
        return partials.get(sequence);
    }

    /** Completes when the segment is stored, unless {@link #abandon}ed first. */
    CompletableFuture<byte[]> await(long sequence) {
        return arrivals.await(sequence);
    }

    /** Stops waiting; true if {@code waiter} was still waiting, so the caller now completes it. */
    boolean abandon(long sequence, CompletableFuture<byte[]> waiter) {
        return arrivals.abandon(sequence, waiter);
    }

    /** A held segment for playback, of whichever rendition; null if none. */
    byte @Nullable [] get(long sequence) {
        return held.get(sequence);
    }

    /** The segments held, of whichever rendition. */
    Set<Long> sequences() {
        return held.keySet();
    }

    /**
     * Rendition {@code index} is followed from now on: what is held stays for playback, but peers of
     * the new rendition's swarm are neither offered nor served it, as it would not match their digests;
     * and what is listed is the old rendition's until the new one's playlist comes.
     */
    void renditionChanged(int index) {
        rendition = index;
        listingBehind = true;
        earlierRendition.addAll(held.keySet());
        partials.clear();
    }

    /** The rendition followed now, as {@link #renditionChanged} last said; 0 for a stream without renditions. */
    int rendition() {
        return rendition;
    }

    /**
     * True between a switch of rendition and the new rendition's first playlist: segments fetched by
     * what is listed now would be of the rendition just left.
     */
    boolean listingBehind() {
        return listingBehind;
    }

    /** The segments peers may have: those of the current rendition. */
    HeldSegments forPeers() {
        return new HeldSegments() {
            @Override
            public byte @Nullable [] get(long sequence) {
                return earlierRendition.contains(sequence) ? null : held.get(sequence);
            }

            @Override
            public Set<Long> sequences() {
                Set<Long> current = new HashSet<>(held.keySet());
                current.removeAll(earlierRendition);
                return current;
            }

            /** Parts are only ever of the rendition followed now: a switch throws them away. */
            @Override
            public @Nullable PartialSegment arriving(long sequence) {
                return held.containsKey(sequence) ? null : partials.get(sequence);
            }
        };
    }
}
