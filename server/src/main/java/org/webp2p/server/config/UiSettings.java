package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Settings of the console. */
public final class UiSettings {
    public static final ConfigKey<Duration> POLL_INTERVAL = ConfigKey.duration("ui.poll-interval", "1s",
            "How often the console refreshes.");

    static final List<ConfigKey<?>> KEYS = List.of(POLL_INTERVAL);

    private UiSettings() {
    }
}
