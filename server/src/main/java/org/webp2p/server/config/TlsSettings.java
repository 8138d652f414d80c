package org.webp2p.server.config;

import java.util.List;

/**
 * The certificate every HTTP service serves unless it has its own ({@link ServiceName#tlsCert()}),
 * and whether plain HTTP is still answered beside it.
 */
public final class TlsSettings {
    public static final ConfigKey<String> CERT = ConfigKey.string("tls.cert", "",
            "PEM certificate chain for every HTTP service (and the tracker's wss); empty serves plain HTTP only.");
    public static final ConfigKey<String> KEY = ConfigKey.string("tls.key", "",
            "PEM private key (PKCS#8, as certbot writes it) of tls.cert.");
    public static final ConfigKey<Boolean> REQUIRE = ConfigKey.bool("tls.require", false,
            "With a certificate, refuse plain HTTP on that port; otherwise a port answers both TLS and plain HTTP.");

    static final List<ConfigKey<?>> KEYS = List.of(CERT, KEY, REQUIRE);

    private TlsSettings() {
    }
}
