package org.webp2p.server.origin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short clip looped on the wall clock as an endless live stream. Loop number {@code k / n} of an
 * {@code n}-segment clip started at {@code k / n} clip lengths after the Unix epoch, so every origin,
 * and every restart of one, lists the same segments at the same instant and the media sequence never
 * goes back. Segment {@code k} is named {@code s<k>} and plays clip segment {@code k % n} moved
 * {@code k / n} clip lengths later in time, so the loops join without a discontinuity. (Players keep
 * state per discontinuity: hls.js spends seconds on every playlist once their count is in the
 * hundreds of millions, which a discontinuity per loop since 1970 would be.)
 */
final class DemoTimeline {
    private static final Pattern NAME = Pattern.compile("s(0|[1-9][0-9]{0,17})(\\.[a-z0-9]+)");

    /** What segment {@code sequence} plays: clip segment {@code clipIndex}, {@code loop} clip lengths on. */
    record Placement(long sequence, int clipIndex, long loop) {
    }

    private final List<MediaSegment> clip;
    private final long[] endNanos;
    private final long loopNanos;
    private final int window;
    private final long targetDuration;

    DemoTimeline(List<MediaSegment> clip, int window) {
        if (clip.isEmpty()) {
            throw new IllegalArgumentException("the demo clip has no segments");
        }
        if (window < 1) {
            throw new IllegalArgumentException("the window holds at least one segment");
        }
        this.clip = List.copyOf(clip);
        this.window = window;
        this.endNanos = new long[clip.size()];
        long t = 0;
        for (int i = 0; i < clip.size(); i++) {
            t += clip.get(i).duration().toNanos();
            endNanos[i] = t;
        }
        this.loopNanos = t;
        this.targetDuration = MediaPlaylist.targetDurationFor(clip);
    }

    /** The clip's segments as its playlist lists them. */
    List<MediaSegment> clip() {
        return clip;
    }

    /** One loop of the clip in the 90 kHz units of MPEG-TS timestamps. */
    long loopTicks() {
        return loopNanos * 9 / 100_000;
    }

    /** The live playlist at {@code now}: the last {@code window} segments that were complete by then. */
    MediaPlaylist at(Instant now) {
        long completed = completed(now);
        long first = Math.max(0, completed - window);
        List<MediaSegment> listed = new ArrayList<>(window);
        for (long k = first; k < completed; k++) {
            MediaSegment s = clip.get((int) (k % clip.size()));
            listed.add(new MediaSegment(name(k, s.uri()), s.duration(), false, s.map(), Optional.of(start(k))));
        }
        return new MediaPlaylist(targetDuration, first, 0, listed, false);
    }

    /**
     * The segment a URI names, if it is listed at {@code now} or left the list less than a window ago
     * (a player may still be fetching it); segments still to come are not there yet.
     */
    Optional<Placement> placement(String uri, Instant now) {
        Matcher m = NAME.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        long k = Long.parseLong(m.group(1));
        long completed = completed(now);
        int index = (int) (k % clip.size());
        boolean current = k < completed && k >= completed - 2L * window;
        if (!current || !m.group(2).equals(MediaTypes.dottedExtension(clip.get(index).uri()))) {
            return Optional.empty();
        }
        return Optional.of(new Placement(k, index, k / clip.size()));
    }

    /** When segment {@code sequence} begins on the wall clock: the loops are laid end to end from the epoch. */
    private Instant start(long sequence) {
        long loops = sequence / clip.size();
        int index = (int) (sequence % clip.size());
        long nanos = loops * loopNanos + (index == 0 ? 0 : endNanos[index - 1]);
        return Instant.ofEpochSecond(0, nanos);
    }

    private long completed(Instant now) {
        long elapsed = Math.max(0, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        long loops = elapsed / loopNanos;
        long inLoop = elapsed % loopNanos;
        int doneInLoop = 0;
        while (doneInLoop < endNanos.length && endNanos[doneInLoop] <= inLoop) {
            doneInLoop++;
        }
        return loops * clip.size() + doneInLoop;
    }

    private static String name(long sequence, String clipUri) {
        return "s" + sequence + MediaTypes.dottedExtension(clipUri);
    }
}
