package org.webp2p.server.config;

import java.util.Objects;

/**
 * A family of keys whose name has one {@code *} standing for a user-chosen segment without dots, as
 * in {@code origin.stream.*.key}. Such keys have no default: {@link Config#optional} reads one.
 *
 * @param <T> the type every key of the family is read as
 */
public final class PatternKey<T> {
    private final String prefix;
    private final String suffix;
    private final ValueType<T> type;
    private final String description;

    private PatternKey(String name, ValueType<T> type, String description) {
        int star = name.indexOf('*');
        if (star < 0 || name.indexOf('*', star + 1) >= 0) {
            throw new IllegalArgumentException(name + ": a pattern key has exactly one *");
        }
        this.prefix = name.substring(0, star);
        this.suffix = name.substring(star + 1);
        this.type = type;
        this.description = Objects.requireNonNull(description, "description");
    }

    static PatternKey<String> string(String name, String description) {
        return new PatternKey<>(name, ValueType.STRING, description);
    }

    static PatternKey<LatencyProfile> latencyProfile(String name, String description) {
        return new PatternKey<>(name, ValueType.LATENCY_PROFILE, description);
    }

    /** The name with its {@code *}. */
    public String name() {
        return prefix + "*" + suffix;
    }

    public String description() {
        return description;
    }

    /** The key for one segment, as in {@code origin.stream.demo.key}. */
    String nameFor(String segment) {
        return prefix + segment + suffix;
    }

    boolean matches(String key) {
        if (key.length() <= prefix.length() + suffix.length()
                || !key.startsWith(prefix) || !key.endsWith(suffix)) {
            return false;
        }
        String middle = key.substring(prefix.length(), key.length() - suffix.length());
        return middle.indexOf('.') < 0;
    }

    /** What the {@code *} stands for in {@code key}, which {@link #matches} this family. */
    String segmentOf(String key) {
        return key.substring(prefix.length(), key.length() - suffix.length());
    }

    /** The one key of this family named {@code key}, which {@link #matches} it. */
    ConfigKey<T> member(String key) {
        return new ConfigKey<>(key, type, "", description);
    }

    @Override
    public String toString() {
        return name();
    }
}
