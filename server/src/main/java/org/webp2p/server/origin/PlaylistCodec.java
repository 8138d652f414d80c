package org.webp2p.server.origin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes HLS media playlists (RFC 8216 §4). Reading keeps what the origin needs from an
 * encoder's playlist (durations, discontinuities, init segment, end) and refuses what it cannot
 * serve as whole files (byte ranges, master playlists). Stateless.
 */
final class PlaylistCodec {
    private static final Pattern MAP_URI = Pattern.compile("(?:^|,)URI=\"([^\"]*)\"");
    /**
     * RFC 8216 §4.2 decimal-floating-point: digits and a point, no sign and no exponent, and no more
     * digits than a duration has: BigDecimal reads a number in time that grows with the square of its
     * length (100,000 digits took 2.5 s).
     */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}\\.?[0-9]{0,20}|\\.[0-9]{1,20}");
    private static final String PROGRAM_DATE_TIME = "#EXT-X-PROGRAM-DATE-TIME:";
    private static final DateTimeFormatter WRITTEN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> READ_TIMES = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S]xx"));
    /** EXTINF is written in microseconds, as ffmpeg writes it. */
    private static final int WRITTEN_DECIMALS = 6;

    private PlaylistCodec() {
    }

    /** Parses a media playlist; the exception message says what is wrong with it. */
    public static MediaPlaylist parse(String text) throws PlaylistException {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || !lines.get(0).equals("#EXTM3U")) {
            throw new PlaylistException("a playlist starts with #EXTM3U");
        }
        long target = 0;
        long sequence = 0;
        long discontinuities = 0;
        boolean ended = false;
        boolean discontinuity = false;
        Optional<String> map = Optional.empty();
        Optional<Instant> dateTime = Optional.empty();
        Duration pending = null;
        List<MediaSegment> segments = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.startsWith("#")) {
                if (pending == null) {
                    throw new PlaylistException("segment " + line + " has no #EXTINF");
                }
                segments.add(segment(line, pending, discontinuity, map, dateTime));
                pending = null;
                discontinuity = false;
                dateTime = Optional.empty();
            } else if (line.startsWith("#EXTINF:")) {
                pending = duration(line.substring("#EXTINF:".length()));
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = number(line, "#EXT-X-TARGETDURATION:");
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = number(line, "#EXT-X-MEDIA-SEQUENCE:");
            } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                discontinuities = number(line, "#EXT-X-DISCONTINUITY-SEQUENCE:");
            } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (line.startsWith("#EXT-X-MAP:")) {
                map = Optional.of(mapUri(line.substring("#EXT-X-MAP:".length())));
            } else if (line.startsWith(PROGRAM_DATE_TIME)) {
                dateTime = dateTime(line.substring(PROGRAM_DATE_TIME.length()));
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (line.startsWith("#EXT-X-BYTERANGE")) {
                throw new PlaylistException("byte-range segments are not supported");
            } else if (line.startsWith("#EXT-X-STREAM-INF")) {
                throw new PlaylistException("a master playlist cannot be published, only media playlists");
            }
            // Every other tag (PLAYLIST-TYPE, START, ...) is the encoder's business:
            // the origin writes its own playlist.
        }
        if (pending != null) {
            throw new PlaylistException("#EXTINF at the end has no segment");
        }
        if (sequence > Long.MAX_VALUE - segments.size()) {
            throw new PlaylistException("#EXT-X-MEDIA-SEQUENCE " + sequence + " leaves no sequence numbers for "
                    + segments.size() + " segments");
        }
        long needed = MediaPlaylist.targetDurationFor(segments);
        return new MediaPlaylist(Math.max(target, needed), sequence, discontinuities, segments, ended);
    }

    /**
     * Checks an encoder's master playlist, which the origin takes only as a sign of renditions to come:
     * it writes its own from what they carry.
     */
    public static void checkMaster(String text) throws PlaylistException {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || !lines.get(0).equals("#EXTM3U")) {
            throw new PlaylistException("a playlist starts with #EXTM3U");
        }
        if (lines.stream().noneMatch(l -> l.startsWith("#EXT-X-STREAM-INF:"))) {
            throw new PlaylistException("a master playlist lists its variants with #EXT-X-STREAM-INF");
        }
    }

    /** Writes a playlist as players expect it: version 3 (decimal EXTINF), or 6 with EXT-X-MAP. */
    public static String write(MediaPlaylist playlist) {
        return write(playlist, uri -> Optional.empty());
    }

    /** As {@link #write(MediaPlaylist)}, with the digest of each segment that has one, for peers to check. */
    public static String write(MediaPlaylist playlist, Function<String, Optional<SegmentDigest>> digests) {
        boolean maps = playlist.segments().stream().anyMatch(s -> s.map().isPresent());
        StringBuilder out = new StringBuilder(64 + 48 * playlist.segments().size());
        out.append("#EXTM3U\n");
        out.append("#EXT-X-VERSION:").append(maps ? 6 : 3).append('\n');
        out.append("#EXT-X-TARGETDURATION:").append(playlist.targetDuration()).append('\n');
        out.append("#EXT-X-MEDIA-SEQUENCE:").append(playlist.mediaSequence()).append('\n');
        if (playlist.discontinuitySequence() > 0) {
            out.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(playlist.discontinuitySequence()).append('\n');
        }
        if (playlist.holdBack().isPresent() && !playlist.ended()) {
            String seconds = seconds(playlist.holdBack().get());
            out.append("#EXT-X-START:TIME-OFFSET=-").append(seconds).append('\n');
            out.append("#EXT-X-SERVER-CONTROL:HOLD-BACK=").append(seconds).append('\n');
        }
        Optional<String> currentMap = Optional.empty();
        for (MediaSegment s : playlist.segments()) {
            if (s.discontinuity()) {
                out.append("#EXT-X-DISCONTINUITY\n");
            }
            if (s.map().isPresent() && !s.map().equals(currentMap)) {
                out.append("#EXT-X-MAP:URI=\"").append(s.map().get()).append("\"\n");
                currentMap = s.map();
            }
            s.programDateTime().ifPresent(t -> out.append(PROGRAM_DATE_TIME).append(WRITTEN_TIME.format(t)).append('\n'));
            digests.apply(s.uri()).ifPresent(d -> out.append(d.tagLine()).append('\n'));
            out.append("#EXTINF:").append(seconds(s.duration())).append(",\n");
            out.append(s.uri()).append('\n');
        }
        if (playlist.ended()) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    private static MediaSegment segment(String uri, Duration duration, boolean discontinuity, Optional<String> map,
                                        Optional<Instant> dateTime) throws PlaylistException {
        try {
            return new MediaSegment(uri, duration, discontinuity, map, dateTime);
        } catch (IllegalArgumentException e) {
            throw new PlaylistException(e.getMessage());
        }
    }

    /**
     * The duration as {@link #write} will give it, so that what is taken reads back the same. Only
     * {@link #DECIMAL}: BigDecimal would also take an exponent, and rounding 1e-999999999 works out ten
     * to the billionth power.
     */
    private static Duration duration(String value) throws PlaylistException {
        int comma = value.indexOf(',');
        String number = (comma < 0 ? value : value.substring(0, comma)).strip();
        if (!DECIMAL.matcher(number).matches()) {
            throw new PlaylistException("bad #EXTINF duration: " + number);
        }
        try {
            long nanos = new BigDecimal(number).setScale(WRITTEN_DECIMALS, RoundingMode.HALF_UP).movePointRight(9)
                    .longValueExact();
            if (nanos <= 0) {
                throw new PlaylistException("segment duration must be positive: " + number);
            }
            return Duration.ofNanos(nanos);
        } catch (ArithmeticException e) {
            throw new PlaylistException("bad #EXTINF duration: " + number);
        }
    }

    /**
     * RFC 8216 §4.3.2.6 asks for ISO 8601 with a time zone; ffmpeg writes the zone as {@code +0000}.
     * A time that cannot be read is dropped rather than the playlist refused: it only informs
     * players, and the origin then dates the segment by its arrival.
     */
    private static Optional<Instant> dateTime(String value) {
        for (DateTimeFormatter form : READ_TIMES) {
            try {
                return Optional.of(OffsetDateTime.parse(value.strip(), form).toInstant());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static long number(String line, String tag) throws PlaylistException {
        String value = line.substring(tag.length()).strip();
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new PlaylistException(tag + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new PlaylistException("bad number in " + line);
        }
    }

    private static String mapUri(String attributes) throws PlaylistException {
        if (attributes.contains("BYTERANGE=")) {
            throw new PlaylistException("byte-range init segments are not supported");
        }
        Matcher m = MAP_URI.matcher(attributes);
        if (!m.find() || m.group(1).isBlank()) {
            throw new PlaylistException("#EXT-X-MAP needs a URI");
        }
        return m.group(1);
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 9).setScale(WRITTEN_DECIMALS, RoundingMode.HALF_UP).toPlainString();
    }
}
