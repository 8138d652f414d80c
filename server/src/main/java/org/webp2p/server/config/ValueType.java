package org.webp2p.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of configuration value, each with the one parser that checks it. */
public enum ValueType {
    STRING {
        @Override
        Object parse(String raw) {
            return raw;
        }
    },
    BOOLEAN {
        @Override
        Object parse(String raw) {
            return switch (raw.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> Boolean.TRUE;
                case "false", "no", "off", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }
    },
    INTEGER {
        @Override
        Object parse(String raw) {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
        }
    },
    PORT {
        @Override
        Object parse(String raw) {
            long port = (Long) INTEGER.parse(raw);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("must be a port from 0 to 65535 (0 picks a free one)");
            }
            return (int) port;
        }
    },
    /** A literal address or a resolvable host name to bind or reach. */
    ADDRESS {
        @Override
        Object parse(String raw) {
            if (raw.isBlank()) {
                throw new IllegalArgumentException("must be an address such as 0.0.0.0 or 127.0.0.1");
            }
            try {
                return InetAddress.getByName(raw);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("is not a known address or host name");
            }
        }
    },
    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
    DURATION {
        private final Pattern form = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

        @Override
        Object parse(String raw) {
            Matcher m = form.matcher(raw.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 5m, 1h or 7d");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    },
    /** Bytes, with an optional binary unit: {@code 512}, {@code 64KB}, {@code 16MB}, {@code 1GiB}. */
    SIZE {
        private final Pattern form = Pattern.compile("(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

        @Override
        Object parse(String raw) {
            Matcher m = form.matcher(raw.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("must be a size such as 65536, 64KB or 16MB");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2);
            return switch (unit.charAt(0)) {
                case 'k' -> n << 10;
                case 'm' -> n << 20;
                case 'g' -> n << 30;
                default -> n;
            };
        }
    };

    /** A duration written as configuration accepts it ({@code 90s}, {@code 1h}); for command options. */
    public static Duration duration(String raw) {
        return (Duration) DURATION.parse(raw);
    }

    /** Parses a raw value, throwing {@link IllegalArgumentException} whose message completes "KEY ...". */
    abstract Object parse(String raw);
}
