package org.webp2p.server.config;

import java.util.List;

/** Settings of the STUN service beyond {@link ServiceName#STUN}'s bind and port. */
public final class StunSettings {
    public static final ConfigKey<Integer> ALT_PORT = ConfigKey.port("stun.alt-port", 3479,
            "Second STUN port for RFC 5780 behaviour discovery (CHANGE-REQUEST, OTHER-ADDRESS).");
    public static final ConfigKey<String> ALT_BIND = ConfigKey.string("stun.alt-bind", "",
            "Second STUN address; empty uses stun.bind (port changes only).");

    static final List<ConfigKey<?>> KEYS = List.of(ALT_PORT, ALT_BIND);

    private StunSettings() {
    }
}
