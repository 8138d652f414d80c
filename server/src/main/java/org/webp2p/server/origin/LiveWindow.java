package org.webp2p.server.origin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sliding window of a live stream's playlist (RFC 8216 §6.2.2): the last {@code size} segments
 * are listed; a segment that leaves the list stays servable for one more window, because a player
 * that loaded the previous playlist may still ask for it; after that it expires and may be deleted.
 * Not thread-safe: one owner mutates it.
 */
final class LiveWindow {
    private final int size;
    private final Deque<MediaSegment> listed = new ArrayDeque<>();
    private final Deque<MediaSegment> retired = new ArrayDeque<>();
    private long firstSequence;
    private long discontinuitySequence;
    private long targetDuration = 1;

    public LiveWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a live window holds at least one segment");
        }
        this.size = size;
    }

    /** A window that carries on from a playlist this origin wrote earlier (after a restart). */
    public static LiveWindow restore(MediaPlaylist playlist, int size) {
        LiveWindow w = new LiveWindow(size);
        w.firstSequence = playlist.mediaSequence();
        w.discontinuitySequence = playlist.discontinuitySequence();
        w.targetDuration = playlist.targetDuration();
        for (MediaSegment s : playlist.segments()) {
            w.append(s);
        }
        return w;
    }

    /**
     * Lists a new segment at the live edge.
     *
     * @return URIs (segments and init segments) that no player can still need, to delete
     */
    public List<String> append(MediaSegment segment) {
        listed.addLast(segment);
        targetDuration = Math.max(targetDuration, MediaPlaylist.roundedSeconds(segment.duration()));
        List<MediaSegment> gone = new ArrayList<>();
        while (listed.size() > size) {
            MediaSegment out = listed.removeFirst();
            firstSequence++;
            if (out.discontinuity()) {
                discontinuitySequence++;
            }
            retired.addLast(out);
        }
        while (retired.size() > size) {
            gone.add(retired.removeFirst());
        }
        if (gone.isEmpty()) {
            return List.of();
        }
        Set<String> stillNeeded = servableUris();
        List<String> expired = new ArrayList<>();
        for (MediaSegment s : gone) {
            expired.add(s.uri());
            s.map().filter(m -> !stillNeeded.contains(m) && !expired.contains(m)).ifPresent(expired::add);
        }
        return expired;
    }

    /** Keeps target duration at least what the encoder declared, so it never has to grow later. */
    public void declareTargetDuration(long seconds) {
        targetDuration = Math.max(targetDuration, seconds);
    }

    /** The playlist a player gets now. */
    public MediaPlaylist playlist(boolean ended) {
        return new MediaPlaylist(targetDuration, firstSequence, discontinuitySequence, List.copyOf(listed), ended);
    }

    /** Every URI a player may still fetch: listed and recently retired segments and their maps. */
    public Set<String> servableUris() {
        Set<String> uris = new HashSet<>();
        for (Deque<MediaSegment> d : List.of(listed, retired)) {
            for (MediaSegment s : d) {
                uris.add(s.uri());
                s.map().ifPresent(uris::add);
            }
        }
        return uris;
    }

    /** Sequence number the next appended segment gets. */
    public long nextSequence() {
        return firstSequence + listed.size();
    }

    public Optional<MediaSegment> last() {
        return Optional.ofNullable(listed.peekLast());
    }
}
