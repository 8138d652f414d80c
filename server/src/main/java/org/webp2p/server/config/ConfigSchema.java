package org.webp2p.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key the product understands, assembled from the typed constants services read, so the two
 * cannot drift. Unknown keys are refused at load so a typo never silently falls back to a default.
 */
public final class ConfigSchema {
    private final Map<String, ConfigKey<?>> exact = new LinkedHashMap<>();
    private final List<PatternKey<?>> patterns = new ArrayList<>();

    private ConfigSchema() {
    }

    /** The product's full schema, in the order the console lists it. */
    public static ConfigSchema standard() {
        ConfigSchema s = new ConfigSchema();
        for (ServiceName service : ServiceName.values()) {
            s.add(service.keys());
        }
        s.add(StunSettings.KEYS);
        s.add(RendezvousSettings.KEYS);
        s.add(RtmpSettings.KEYS);
        s.add(StoreSettings.KEYS);
        s.add(NetSettings.KEYS);
        s.add(HttpSettings.KEYS);
        s.add(TrackerSettings.KEYS);
        s.add(TlsSettings.KEYS);
        s.add(PingbackSettings.KEYS);
        s.add(OriginSettings.KEYS);
        s.patterns.addAll(OriginSettings.PATTERNS);
        s.add(ApiSettings.KEYS);
        s.add(AdminSettings.KEYS);
        s.add(UiSettings.KEYS);
        return s;
    }

    private void add(List<ConfigKey<?>> keys) {
        for (ConfigKey<?> key : keys) {
            if (exact.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("duplicate key " + key.name());
            }
        }
    }

    /** The key a name stands for: an exact key, or the member of a pattern it matches. */
    public Optional<ConfigKey<?>> find(String name) {
        ConfigKey<?> key = exact.get(name);
        if (key != null) {
            return Optional.of(key);
        }
        return patterns.stream().filter(p -> p.matches(name)).findFirst().map(p -> p.member(name));
    }

    /** Whether {@code key} is this schema's own key of that name, not merely one spelt alike. */
    boolean declares(ConfigKey<?> key) {
        return exact.get(key.name()) == key;
    }

    boolean declares(PatternKey<?> pattern) {
        return patterns.contains(pattern);
    }

    /** Exact keys in declaration order (patterns have no default to show). */
    public List<ConfigKey<?>> keys() {
        return List.copyOf(exact.values());
    }

    public List<PatternKey<?>> patterns() {
        return List.copyOf(patterns);
    }
}
