package org.webp2p.server.origin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A short clip looped on the wall clock as an endless live stream. Loop number {@code k / n} of an
 * {@code n}-segment clip started at {@code k / n} clip lengths after the Unix epoch, so every origin,
 * and every restart of one, lists the same segments at the same instant and the media sequence never
 * goes back. Each loop restarts the clip's timestamps, hence an EXT-X-DISCONTINUITY before it.
 */
final class DemoTimeline {
    private final List<MediaSegment> clip;
    private final long[] endNanos;
    private final long loopNanos;
    private final int window;
    private final long targetDuration;

    public DemoTimeline(List<MediaSegment> clip, int window) {
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

    /** The live playlist at {@code now}: the last {@code window} segments that were complete by then. */
    public MediaPlaylist at(Instant now) {
        long elapsed = Math.max(0, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        long loops = elapsed / loopNanos;
        long inLoop = elapsed % loopNanos;
        int doneInLoop = 0;
        while (doneInLoop < endNanos.length && endNanos[doneInLoop] <= inLoop) {
            doneInLoop++;
        }
        int n = clip.size();
        long completed = loops * n + doneInLoop;
        long first = Math.max(0, completed - window);
        List<MediaSegment> listed = new ArrayList<>(window);
        for (long k = first; k < completed; k++) {
            MediaSegment s = clip.get((int) (k % n));
            listed.add(new MediaSegment(s.uri(), s.duration(), k % n == 0 && k > 0, s.map()));
        }
        long discontinuities = first == 0 ? 0 : (first - 1) / n;
        return new MediaPlaylist(targetDuration, first, discontinuities, listed, false);
    }
}
