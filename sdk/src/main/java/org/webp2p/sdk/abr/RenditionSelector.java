package org.webp2p.sdk.abr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webp2p.sdk.hls.MasterPlaylist;

/**
 * The rendition a player source follows in a stream's master playlist, and each switch it made:
 * starts where {@link AbrRule#start} says and moves as {@link AbrRule#next} says, or down where the
 * {@link AbandonRule} gave up a download. Does no I/O: the
 * source fetches the new rendition's playlist and changes swarm. Loop-confined, like the source.
 */
public final class RenditionSelector {
    /** One switch, with what it was decided on. */
    public record Switch(String from, String to, long atMs, double throughputBps, long bufferMs) {
        /** True for a switch to a rendition of a higher bitrate. */
        public boolean up(MasterPlaylist master) {
            return index(master, to) > index(master, from);
        }

        private static int index(MasterPlaylist master, String name) {
            return master.variants().stream().map(MasterPlaylist.Variant::name).toList().indexOf(name);
        }
    }

    private final MasterPlaylist master;
    private final List<Long> bandwidths;
    private final List<Switch> switches = new ArrayList<>();
    private int current;
    private long switchedAt;

    /** Starting at the variant at {@code start} in {@code master}, lowest bitrate first. */
    public RenditionSelector(MasterPlaylist master, int start, long nowMs) {
        this.master = master;
        this.bandwidths = master.variants().stream().map(MasterPlaylist.Variant::bandwidth).toList();
        if (start < 0 || start >= bandwidths.size()) {
            throw new IllegalArgumentException("no rendition " + start + " of " + bandwidths.size());
        }
        this.current = start;
        this.switchedAt = nowMs;
    }

    public MasterPlaylist master() {
        return master;
    }

    /** The rendition fetched now. */
    public MasterPlaylist.Variant current() {
        return master.variants().get(current);
    }

    /** Applies {@code rule} to what was measured; the switch it made, if any. */
    public Optional<Switch> decide(AbrRule rule, long nowMs, double throughputBps, long bufferMs) {
        return switchTo(rule.next(bandwidths, current, throughputBps, bufferMs, nowMs - switchedAt), nowMs,
                throughputBps, bufferMs);
    }

    /**
     * Goes down to rendition {@code lower}, as the {@link AbandonRule} said on a download that would have
     * come too late, measured during that download at {@code throughputBps}; nothing unless it is lower.
     */
    public Optional<Switch> abandonTo(int lower, long nowMs, double throughputBps, long bufferMs) {
        return lower < current ? switchTo(Math.max(0, lower), nowMs, throughputBps, bufferMs) : Optional.empty();
    }

    /** Each rendition's peak bitrate in bit/s, lowest first. */
    public List<Long> bandwidths() {
        return bandwidths;
    }

    /** The index of the rendition fetched now, among {@link #bandwidths()}. */
    public int currentIndex() {
        return current;
    }

    private Optional<Switch> switchTo(int next, long nowMs, double throughputBps, long bufferMs) {
        if (next == current) {
            return Optional.empty();
        }
        Switch s = new Switch(current().name(), master.variants().get(next).name(), nowMs, throughputBps, bufferMs);
        current = next;
        switchedAt = nowMs;
        switches.add(s);
        return Optional.of(s);
    }

    /** Every switch so far, oldest first. */
    public List<Switch> switches() {
        return List.copyOf(switches);
    }
}
