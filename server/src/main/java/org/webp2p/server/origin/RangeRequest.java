package org.webp2p.server.origin;

import java.util.regex.Pattern;

/**
 * What a Range header asks of a representation of known length (RFC 7233 §2.1, §4.4). Only a single
 * byte range is honoured; a header the origin does not understand, or one with several ranges, is
 * ignored and the whole representation is sent, as §3.1 allows.
 */
sealed interface RangeRequest {
    /** Range positions are plain decimal digits; anything else makes the header invalid. */
    Pattern DIGITS = Pattern.compile("\\d*");

    /** Send everything with 200. */
    record Whole() implements RangeRequest {
    }

    /** Send bytes {@code first..last} inclusive with 206. */
    record Part(long first, long last) implements RangeRequest {
        public Part {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("bad range " + first + "-" + last);
            }
        }

        long length() {
            return last - first + 1;
        }
    }

    /** No byte of the range exists: 416. */
    record Unsatisfiable() implements RangeRequest {
    }

    static RangeRequest parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=")) {
            return new Whole();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (spec.contains(",") || dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (!DIGITS.matcher(from).matches() || !DIGITS.matcher(to).matches() || (from.isEmpty() && to.isEmpty())) {
            return new Whole();
        }
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix == 0 || length == 0) {
                    return new Unsatisfiable();
                }
                return new Part(Math.max(0, length - suffix), length - 1);
            }
            long first = Long.parseLong(from);
            if (!to.isEmpty() && Long.parseLong(to) < first) {
                return new Whole();
            }
            if (first >= length) {
                return new Unsatisfiable();
            }
            long last = to.isEmpty() ? length - 1 : Math.min(Long.parseLong(to), length - 1);
            return new Part(first, last);
        } catch (NumberFormatException e) {
            // More digits than a long holds.
            return new Whole();
        }
    }
}
