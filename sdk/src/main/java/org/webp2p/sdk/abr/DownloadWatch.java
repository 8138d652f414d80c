package org.webp2p.sdk.abr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import org.webp2p.sdk.http.Transfer;

/**
 * The segment downloads under way, each held to the {@link AbandonRule} at every playback step: those
 * that would arrive after their segment plays, where a lower rendition's copy would arrive sooner, are
 * handed back to be abandoned. Does no I/O and reads no clock: its owner brings the time, says how long
 * each segment has until it plays, and gives up the downloads handed back. Loop-confined, like its owner.
 */
public final class DownloadWatch {
    /**
     * A download to give up, and the rendition its segment is to be fetched at instead.
     *
     * @param bitsPerSecond the rate it had, from asking to now: a measurement of the link taken during a
     *                      transfer, which would otherwise leave none
     */
    public record Abandon(long sequence, Transfer transfer, int from, int to, long bodyBytes, long elapsedMs,
                          double bitsPerSecond) {
    }

    private static final class Watched {
        final Transfer transfer;
        final int rendition;
        final long durationMs;
        final long startedAt;
        /** When its first bytes were seen, and how many there were then; -1 before. */
        long flowingSince = -1;
        long bytesThen;

        Watched(Transfer transfer, int rendition, long durationMs, long startedAt) {
            this.transfer = transfer;
            this.rendition = rendition;
            this.durationMs = durationMs;
            this.startedAt = startedAt;
        }
    }

    private final AbandonRule rule;
    private final TreeMap<Long, Watched> watched = new TreeMap<>();

    public DownloadWatch(AbandonRule rule) {
        this.rule = rule;
    }

    /** Segment {@code sequence} of {@code durationMs} at rendition {@code rendition} is being downloaded since {@code nowMs}. */
    public void started(long sequence, Transfer transfer, int rendition, long durationMs, long nowMs) {
        watched.put(sequence, new Watched(transfer, rendition, durationMs, nowMs));
    }

    /** The download of {@code sequence} ended, whole or failed; a later one of the same segment is kept. */
    public void ended(long sequence, Transfer transfer) {
        Watched w = watched.get(sequence);
        if (w != null && w.transfer == transfer) {
            watched.remove(sequence);
        }
    }

    /**
     * The rate the link delivers now, in bit/s: the downloads that have been receiving for the
     * rule's watch time, each from its first bytes seen (a new connection's handshake and the origin's
     * answer time are not the link's rate), added up, as they share the link. 0 when none has. Call it
     * at every step: a download's first bytes are seen at the step after they come.
     */
    public double flowingBps(long nowMs) {
        double sum = 0;
        for (Watched w : watched.values()) {
            long bytes = w.transfer.bodyBytes();
            if (w.flowingSince < 0) {
                if (bytes > 0) {
                    w.flowingSince = nowMs;
                    w.bytesThen = bytes;
                }
            } else if (nowMs - w.flowingSince >= rule.minWatchMs() && nowMs > w.flowingSince) {
                sum += (bytes - w.bytesThen) * 8_000.0 / (nowMs - w.flowingSince);
            }
        }
        return sum;
    }

    /** The segments downloaded now, lowest first. */
    public List<Long> sequences() {
        return List.copyOf(watched.keySet());
    }

    /**
     * The downloads to abandon now, no longer watched from here on.
     *
     * @param bandwidths    each rendition's peak bitrate in bit/s, lowest first
     * @param msUntilNeeded playback time until a segment plays
     */
    public List<Abandon> check(long nowMs, List<Long> bandwidths, LongUnaryOperator msUntilNeeded) {
        List<Abandon> out = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Watched>> it = watched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Watched> e = it.next();
            Watched w = e.getValue();
            AbandonRule.Progress p = new AbandonRule.Progress(w.rendition, w.durationMs, w.transfer.bodyBytes(),
                    w.transfer.expectedBytes(), nowMs - w.startedAt, msUntilNeeded.applyAsLong(e.getKey()));
            int to = rule.lower(bandwidths, p);
            if (to != w.rendition) {
                it.remove();
                out.add(new Abandon(e.getKey(), w.transfer, w.rendition, to, p.bodyBytes(), p.elapsedMs(),
                        p.bitsPerSecond()));
            }
        }
        return out;
    }
}
