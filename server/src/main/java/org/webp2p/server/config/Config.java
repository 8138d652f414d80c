package org.webp2p.server.config;

import java.net.InetSocketAddress;
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
        for (ConfigKey<?> key : schema.keys()) {
            raw.put(key.name(), key.defaultValue());
        }
        for (Map<String, String> layer : layers) {
            layer.forEach((k, v) -> raw.put(k.trim(), v));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> parsed = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            Optional<ConfigKey<?>> key = schema.find(name);
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

    /**
     * Values, as text, that move every service to loopback and a free port (the second STUN port
     * too), for a node that runs beside one holding the defaults: tests, benchmarks, simulation.
     */
    public static Map<String, String> loopbackOnFreePorts() {
        Map<String, String> local = new LinkedHashMap<>();
        for (ServiceName service : ServiceName.values()) {
            local.put(service.bind().name(), "127.0.0.1");
            local.put(service.port().name(), "0");
        }
        local.put(StunSettings.ALT_PORT.name(), "0");
        return Collections.unmodifiableMap(local);
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

    /** The value of a key; every key of the schema has one, its default unless set. */
    public <T> T get(ConfigKey<T> key) {
        if (!schema.declares(key)) {
            throw new IllegalArgumentException("no configuration key " + key.name());
        }
        return cast(parsed.get(key.name()));
    }

    /** The value of one member of a key family, such as {@code origin.stream.demo.key}, if set. */
    public <T> Optional<T> optional(PatternKey<T> family, String segment) {
        if (!schema.declares(family)) {
            throw new IllegalArgumentException("no configuration key " + family.name());
        }
        String name = family.nameFor(segment);
        return family.matches(name) ? Optional.ofNullable(cast(parsed.get(name))) : Optional.empty();
    }

    /** Every member of a key family that is set, by the segment its {@code *} stands for. */
    public <T> Map<String, T> members(PatternKey<T> family) {
        if (!schema.declares(family)) {
            throw new IllegalArgumentException("no configuration key " + family.name());
        }
        Map<String, T> set = new TreeMap<>();
        parsed.forEach((name, value) -> {
            if (family.matches(name)) {
                set.put(family.segmentOf(name), cast(value));
            }
        });
        return set;
    }

    /** The address a service binds: {@code <service>.bind} and {@code <service>.port}. */
    public InetSocketAddress endpoint(ServiceName service) {
        return new InetSocketAddress(get(service.bind()), get(service.port()));
    }

    // Safe: a value was parsed by the very key the schema declares under its name (or, for a
    // family, by a member of the same ValueType), and get and optional accept only those keys.
    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
