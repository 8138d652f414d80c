package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Settings every HTTP service shares: how much a request may carry and how slowly it may come. */
public final class HttpSettings {
    public static final ConfigKey<Long> MAX_BODY = ConfigKey.size("http.max-body", "64KB",
            "Largest request body the JSON services (API, tracker, admin) accept; larger ones get 413.");
    public static final ConfigKey<Duration> HEADER_TIMEOUT = ConfigKey.duration("http.header-timeout", "20s",
            "Time a request's line and headers have to arrive, from the connection's start or the previous"
                    + " answer; also how long an idle keep-alive connection waits for its next request.");
    public static final ConfigKey<Duration> BODY_TIMEOUT = ConfigKey.duration("http.body-timeout", "20s",
            "Time a request body has to arrive, extended by a second for every http.min-body-rate bytes received.");
    public static final ConfigKey<Long> MIN_BODY_RATE = ConfigKey.size("http.min-body-rate", "1KB",
            "Bytes per second a request body must average after http.body-timeout (a slow upload that keeps"
                    + " this pace is never cut).");

    static final List<ConfigKey<?>> KEYS = List.of(MAX_BODY, HEADER_TIMEOUT, BODY_TIMEOUT, MIN_BODY_RATE);

    private HttpSettings() {
    }
}
