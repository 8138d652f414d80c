package org.webp2p.server.config;

import java.util.List;

/** Settings of the admin endpoint beyond {@link ServiceName#ADMIN}'s bind and port. */
public final class AdminSettings {
    public static final ConfigKey<String> TOKEN = ConfigKey.string("admin.token", "",
            "Bearer token the admin endpoint asks for; empty makes one in DATA_DIR/admin-token at first start.");

    static final List<ConfigKey<?>> KEYS = List.of(TOKEN);

    private AdminSettings() {
    }
}
