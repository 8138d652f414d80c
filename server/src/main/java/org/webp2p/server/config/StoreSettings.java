package org.webp2p.server.config;

import java.util.List;

/** Where the node keeps its database. */
public final class StoreSettings {
    public static final ConfigKey<String> URL = ConfigKey.string("store.url", "",
            "JDBC URL of the store; empty means embedded H2 in the data directory.");
    public static final ConfigKey<String> USER = ConfigKey.string("store.user", "sa", "Store user name.");
    public static final ConfigKey<String> PASSWORD = ConfigKey.string("store.password", "", "Store password.");

    static final List<ConfigKey<?>> KEYS = List.of(URL, USER, PASSWORD);

    private StoreSettings() {
    }
}
