package org.webp2p.server.config;

import java.util.List;

/** Settings every HTTP service shares. */
public final class HttpSettings {
    public static final ConfigKey<Long> MAX_BODY = ConfigKey.size("http.max-body", "64MB",
            "Largest request body any HTTP service accepts (larger ones get 413).");

    static final List<ConfigKey<?>> KEYS = List.of(MAX_BODY);

    private HttpSettings() {
    }
}
