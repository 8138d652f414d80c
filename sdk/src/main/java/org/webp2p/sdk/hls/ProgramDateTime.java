package org.webp2p.sdk.hls;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.jspecify.annotations.Nullable;

/**
 * {@code #EXT-X-PROGRAM-DATE-TIME} (RFC 8216 §4.3.2.6): the wall-clock time of a segment's first
 * sample, what a player measures its delay behind live from.
 */
final class ProgramDateTime {
    static final String TAG = "#EXT-X-PROGRAM-DATE-TIME:";
    /**
     * ISO 8601 with any number of fraction digits and an offset written {@code Z}, {@code +00:00} or,
     * as ffmpeg writes it, {@code +0000}.
     */
    private static final DateTimeFormatter FORM = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private ProgramDateTime() {
    }

    /** @throws java.time.format.DateTimeParseException when it is not such a date */
    static Instant parse(String value) {
        return OffsetDateTime.parse(value, FORM).toInstant();
    }

    /** When the segment after {@code previous} begins, or null when {@code previous} is undated. */
    static @Nullable Instant after(MediaPlaylist.Segment previous) {
        return previous.programDateTime() == null ? null : previous.programDateTime().plusMillis(previous.durationMs());
    }
}
