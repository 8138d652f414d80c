package org.webp2p.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kind of configuration value: the one parser that checks its text and the Java type it gives.
 * A parser throws {@link IllegalArgumentException} whose message completes "KEY ...".
 *
 * @param <T> the type a value of this kind is read as
 */
public final class ValueType<T> {
    private static final Pattern DURATION_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE_FORM = Pattern.compile("(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

    public static final ValueType<String> STRING = new ValueType<>(raw -> raw);

    public static final ValueType<Boolean> BOOLEAN = new ValueType<>(raw -> switch (raw.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1" -> Boolean.TRUE;
        case "false", "no", "off", "0" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("must be true or false");
    });

    public static final ValueType<Integer> PORT = new ValueType<>(raw -> {
        long port = wholeNumber(raw);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("must be a port from 0 to 65535 (0 picks a free one)");
        }
        return (int) port;
    });

    /** A literal address or a resolvable host name to bind or reach. */
    public static final ValueType<InetAddress> ADDRESS = new ValueType<>(raw -> {
        if (raw.isBlank()) {
            throw new IllegalArgumentException("must be an address such as 0.0.0.0 or 127.0.0.1");
        }
        try {
            return InetAddress.getByName(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("is not a known address or host name");
        }
    });

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
    public static final ValueType<Duration> DURATION = new ValueType<>(raw -> {
        Matcher m = DURATION_FORM.matcher(raw.trim().toLowerCase(Locale.ROOT));
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
    });

    /** Bytes, with an optional binary unit: {@code 512}, {@code 64KB}, {@code 16MB}, {@code 1GiB}. */
    public static final ValueType<Long> SIZE = new ValueType<>(raw -> {
        Matcher m = SIZE_FORM.matcher(raw.trim().toLowerCase(Locale.ROOT));
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
    });

    private final Function<String, T> parser;

    private ValueType(Function<String, T> parser) {
        this.parser = parser;
    }

    public static final ValueType<LatencyProfile> LATENCY_PROFILE = new ValueType<>(LatencyProfile::parse);

    /** A whole number from {@code min} to {@code max}. */
    public static ValueType<Integer> integer(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " above max " + max);
        }
        return new ValueType<>(raw -> {
            long n = wholeNumber(raw);
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return (int) n;
        });
    }

    /** Parses a raw value; the exception's message completes "KEY ...". */
    public T parse(String raw) {
        return parser.apply(raw);
    }

    private static long wholeNumber(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }
}
