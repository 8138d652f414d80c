package org.webp2p.server.config;

import java.util.List;

/** Settings of the admin endpoint beyond {@link ServiceName#ADMIN}'s bind and port. */
public final class AdminSettings {
    public static final ConfigKey<String> TOKEN = ConfigKey.string("admin.token", "",
            "Bearer token the admin endpoint asks for; empty makes one in DATA_DIR/admin-token at first start.");
    public static final ConfigKey<Boolean> METRICS_TOKEN_REQUIRED = ConfigKey.bool("admin.metrics-token-required", true,
            "Whether GET /metrics (Prometheus) needs the admin token like every other admin route; false serves it "
                    + "to anyone who reaches admin.bind, for a Prometheus on a private network without credentials.");
    public static final ConfigKey<Integer> METRICS_MAX_STREAMS = ConfigKey.integer("admin.metrics-max-streams", 100, 1,
            10_000, "Most stream label values GET /metrics uses (the origin's streams, demo first); traffic of the "
                    + "others is summed under stream=\"_other\", so a node with many streams cannot flood Prometheus.");

    static final List<ConfigKey<?>> KEYS = List.of(TOKEN, METRICS_TOKEN_REQUIRED, METRICS_MAX_STREAMS);

    private AdminSettings() {
    }
}
