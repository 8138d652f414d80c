package org.webp2p.server.config;

import java.util.Objects;

/**
 * One configuration key: its name, type, default (as text, exactly as a user would write it) and the
 * bounds that apply to numbers. A name may contain one {@code *} standing for a user-chosen segment,
 * as in {@code origin.stream.*.key}.
 */
public record ConfigKey(String name, ValueType type, String defaultValue, long min, long max, String description) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (min > max) {
            throw new IllegalArgumentException(name + ": min above max");
        }
    }

    public static ConfigKey of(String name, ValueType type, String defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE, description);
    }

    public static ConfigKey integer(String name, long defaultValue, long min, long max, String description) {
        return new ConfigKey(name, ValueType.INTEGER, Long.toString(defaultValue), min, max, description);
    }

    public boolean isPattern() {
        return name.contains("*");
    }

    boolean matches(String key) {
        if (!isPattern()) {
            return name.equals(key);
        }
        int star = name.indexOf('*');
        String prefix = name.substring(0, star);
        String suffix = name.substring(star + 1);
        if (key.length() <= prefix.length() + suffix.length()
                || !key.startsWith(prefix) || !key.endsWith(suffix)) {
            return false;
        }
        String middle = key.substring(prefix.length(), key.length() - suffix.length());
        return !middle.isEmpty() && middle.indexOf('.') < 0;
    }

    /** Checks a raw value against type and bounds; the message completes "KEY ...". */
    Object parse(String raw) {
        Object value = type.parse(raw.trim());
        if (value instanceof Long n && (n < min || n > max)) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return value;
    }
}
