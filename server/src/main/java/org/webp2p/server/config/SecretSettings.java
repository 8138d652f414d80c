package org.webp2p.server.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The settings whose values are secrets, so a file that sets one must be kept from other users. */
public final class SecretSettings {
    private static final Set<String> KEYS = Set.of(ApiSettings.TOKEN_SECRET.name(), AdminSettings.TOKEN.name(),
            StoreSettings.PASSWORD.name(), OriginSettings.PUBLISH_KEY.name());

    private SecretSettings() {
    }

    public static boolean isSecret(String key) {
        return KEYS.contains(key) || OriginSettings.STREAM_KEY.matches(key);
    }

    /** The keys of {@code settings} that set a secret to something, in their order. */
    public static List<String> setIn(Map<String, String> settings) {
        return settings.entrySet().stream().filter(e -> isSecret(e.getKey()) && !e.getValue().isBlank())
                .map(Map.Entry::getKey).toList();
    }
}
