package org.webp2p.server.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One configuration key and the type it is read as: its name, kind of value, default (as text,
 * exactly as a user would write it) and description. Services read keys through the constants in
 * this package ({@link OriginSettings#LIVE_WINDOW}, {@link ServiceName#port()}, ...), so a misspelt
 * key or a wrong type does not compile; the schema is assembled from the same constants.
 *
 * @param <T> the type {@link Config#get} returns for this key
 */
public final class ConfigKey<T> {
    private final String name;
    private final ValueType<T> type;
    private final String defaultValue;
    private final String description;

    ConfigKey(String name, ValueType<T> type, String defaultValue, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.description = Objects.requireNonNull(description, "description");
    }

    static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.STRING, defaultValue, description);
    }

    static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.BOOLEAN, Boolean.toString(defaultValue), description);
    }

    /** A whole number from {@code min} to {@code max}. */
    static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey<>(name, ValueType.integer(min, max), Integer.toString(defaultValue), description);
    }

    static ConfigKey<Integer> port(String name, int defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.PORT, Integer.toString(defaultValue), description);
    }

    static ConfigKey<InetAddress> address(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.ADDRESS, defaultValue, description);
    }

    static ConfigKey<LatencyProfile> latencyProfile(String name, LatencyProfile defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.LATENCY_PROFILE, defaultValue.id(), description);
    }

    /** A duration whose default is written as a user would write it: {@code 15s}, {@code 7d}. */
    static ConfigKey<Duration> duration(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.DURATION, defaultValue, description);
    }

    /** A size in bytes whose default is written as a user would write it: {@code 64MB}. */
    static ConfigKey<Long> size(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.SIZE, defaultValue, description);
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Checks a raw value against type and bounds; the message completes "KEY ...". */
    T parse(String raw) {
        return type.parse(raw.trim());
    }

    @Override
    public String toString() {
        return name;
    }
}
