package org.webp2p.server.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated, immutable configuration: every schema key has a value (its default unless set), and
 * every value set has been checked. Reading a key never fails for a key in the schema.
 */
public final class Config {
    private final ConfigSchema schema;
    private final Map<String, String> raw;
    private final Map<String, Object> parsed;

    private Config(ConfigSchema schema, Map<String, String> raw, Map<String, Object> parsed) {
        this.schema = schema;
        this.raw = Collections.unmodifiableMap(raw);
        this.parsed = Collections.unmodifiableMap(parsed);
    }

    /** Defaults overlaid, in order, by each layer of user values; refuses unknown keys and bad values. */
    @SafeVarargs
    public static Config of(ConfigSchema schema, Map<String, String>... layers) throws ConfigException {
        Map<String, String> raw = new TreeMap<>();
        for (ConfigKey key : schema.keys()) {
            raw.put(key.name(), key.defaultValue());
        }
        for (Map<String, String> layer : layers) {
            layer.forEach((k, v) -> raw.put(k.trim(), v));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> parsed = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            Optional<ConfigKey> key = schema.find(name);
            if (key.isEmpty()) {
                problems.add(name + ": unknown key");
                return;
            }
            try {
                parsed.put(name, key.get().parse(value));
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage() + " (got \"" + value + "\")");
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(schema, raw, parsed);
    }

    public static Config defaults() {
        try {
            return of(ConfigSchema.standard());
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in defaults are invalid: " + e.getMessage(), e);
        }
    }

    /** This configuration with more values set, validated again. */
    public Config with(Map<String, String> overrides) throws ConfigException {
        return of(schema, raw, overrides);
    }

    public ConfigSchema schema() {
        return schema;
    }

    /** Every key with its textual value, sorted by key. */
    public Map<String, String> asMap() {
        return raw;
    }

    public boolean isSet(String key) {
        return raw.containsKey(key);
    }

    public String string(String key) {
        return (String) value(key);
    }

    public boolean bool(String key) {
        return (Boolean) value(key);
    }

    public long integer(String key) {
        return (Long) value(key);
    }

    public int port(String key) {
        return (Integer) value(key);
    }

    public InetAddress address(String key) {
        return (InetAddress) value(key);
    }

    public Duration duration(String key) {
        return (Duration) value(key);
    }

    public long size(String key) {
        return (Long) value(key);
    }

    /** A value for a pattern key such as {@code origin.stream.demo.key}, if set. */
    public Optional<String> optional(String key) {
        return Optional.ofNullable(raw.get(key));
    }

    /** The address a service binds: {@code <service>.bind} and {@code <service>.port}. */
    public InetSocketAddress endpoint(String service) {
        return new InetSocketAddress(address(service + ".bind"), port(service + ".port"));
    }

    private Object value(String key) {
        Object v = parsed.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no configuration key " + key);
        }
        return v;
    }
}
