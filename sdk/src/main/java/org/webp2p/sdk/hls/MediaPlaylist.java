package org.webp2p.sdk.hls;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An HLS media playlist as a player needs it (RFC 8216 §4.3): target duration, the segments with
 * their sequence numbers and absolute URIs, the discontinuity sequence of the first one (§4.3.3.3,
 * which keeps timelines apart once a discontinuity slides out of a live window), the fMP4 init
 * segment if any, and whether it has ended.
 */
public record MediaPlaylist(long targetDurationMs, long mediaSequence, long discontinuitySequence,
                            List<Segment> segments, URI initSegment, boolean ended) {
    private static final Pattern INTEGER = Pattern.compile("[0-9]+");
    /** No more digits than a duration has: BigDecimal reads a number in time that grows with the square of its length. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}\\.?[0-9]{0,20}|\\.[0-9]{1,20}");

    /**
     * One segment; {@code discontinuity} marks a break (new encoder settings, a loop of the demo);
     * {@code digest} is what the origin published for checking copies from peers, or null;
     * {@code programDateTime} is the wall-clock time of its first sample (§4.3.2.6), or null when the
     * playlist dates none of the segments up to it since the last discontinuity.
     */
    public record Segment(long sequence, long durationMs, URI uri, boolean discontinuity, @Nullable SegmentDigest digest,
                          @Nullable Instant programDateTime) {
        public Segment(long sequence, long durationMs, URI uri, boolean discontinuity, @Nullable SegmentDigest digest) {
            this(sequence, durationMs, uri, discontinuity, digest, null);
        }

        public Segment(long sequence, long durationMs, URI uri, boolean discontinuity) {
            this(sequence, durationMs, uri, discontinuity, null);
        }
    }

    public MediaPlaylist {
        segments = List.copyOf(segments);
    }

    /** The newest segment's sequence number, or {@code mediaSequence - 1} when empty. */
    public long lastSequence() {
        return segments.isEmpty() ? mediaSequence - 1 : segments.get(segments.size() - 1).sequence();
    }

    /**
     * Parses a media playlist fetched from {@code base}.
     *
     * @throws IllegalArgumentException naming the first line that is not valid HLS
     */
    public static MediaPlaylist parse(String text, URI base) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].strip().equals("#EXTM3U")) {
            throw new IllegalArgumentException("not an HLS playlist: first line must be #EXTM3U");
        }
        long target = -1;
        long sequence = 0;
        long discontinuities = 0;
        boolean ended = false;
        URI init = null;
        List<Segment> segments = new ArrayList<>();
        Long pendingDuration = null;
        boolean pendingBreak = false;
        SegmentDigest pendingDigest = null;
        Instant pendingDate = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            try {
                if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    target = millis(value(line));
                } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    sequence = beforeTheSegments(segments, integer(value(line)));
                } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                    discontinuities = beforeTheSegments(segments, integer(value(line)));
                } else if (line.startsWith("#EXTINF:")) {
                    String v = value(line);
                    int comma = v.indexOf(',');
                    pendingDuration = millis(comma < 0 ? v : v.substring(0, comma));
                } else if (line.startsWith(SegmentDigest.TAG)) {
                    pendingDigest = SegmentDigest.parse(value(line));
                } else if (line.startsWith(ProgramDateTime.TAG)) {
                    pendingDate = ProgramDateTime.parse(value(line));
                } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                    pendingBreak = true;
                } else if (line.equals("#EXT-X-ENDLIST")) {
                    ended = true;
                } else if (line.startsWith("#EXT-X-MAP:")) {
                    int at = line.indexOf("URI=\"");
                    if (at >= 0) {
                        init = base.resolve(line.substring(at + 5, line.indexOf('"', at + 5)));
                    }
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    if (pendingDuration == null) {
                        throw new IllegalArgumentException("segment without #EXTINF");
                    }
                    if (pendingDate == null && !pendingBreak && !segments.isEmpty()) {
                        // §4.3.2.6: an undated segment follows on from the dated one before it.
                        pendingDate = ProgramDateTime.after(segments.get(segments.size() - 1));
                    }
                    segments.add(new Segment(Math.addExact(sequence, segments.size()), pendingDuration, base.resolve(line),
                            pendingBreak, pendingDigest, pendingDate));
                    pendingDate = null;
                    pendingDuration = null;
                    pendingBreak = false;
                    pendingDigest = null;
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " (\"" + line + "\"): " + e.getMessage(), e);
            }
        }
        if (target < 0) {
            throw new IllegalArgumentException("missing #EXT-X-TARGETDURATION");
        }
        return new MediaPlaylist(target, sequence, discontinuities, segments, init, ended);
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }

    /** RFC 8216 §4.2 decimal-integer: digits only, where Long.parseLong would also take a sign. */
    private static long integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal integer: " + text);
        }
        return Long.parseLong(text);
    }

    /**
     * RFC 8216 §4.2 decimal-floating-point seconds in milliseconds: digits and a point, where
     * Double.parseDouble would also take signs, exponents, NaN and infinities.
     */
    private static long millis(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal number: " + text);
        }
        return new BigDecimal(text).movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** §4.3.3.2 and §4.3.3.3: the sequence numbers come before the first segment they number. */
    private static long beforeTheSegments(List<Segment> segments, long value) {
        if (!segments.isEmpty()) {
            throw new IllegalArgumentException("a sequence number after the first segment");
        }
        return value;
    }
}
