package org.webp2p.server.rtmfp;

import java.util.Locale;
import java.util.Objects;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.flash.NetConnectionCommand;

/**
 * What the rendezvous reads from a Flash {@code connect}.
 *
 * <p>The stream is the command object's {@code stream} property, or else the part of {@code app}
 * after its first slash ({@code webp2p/news} names {@code news}). The token is the first extra
 * argument when it is a string, or else the command object's {@code token} property. The NAT type
 * is the optional {@code natType} property, a {@link NatType} name in any case.
 *
 * @param stream empty when the connect names none
 * @param token  empty when the connect carries none
 */
record ConnectRequest(String stream, String token, NatType natType) {
    ConnectRequest {
        Objects.requireNonNull(stream);
        Objects.requireNonNull(token);
        Objects.requireNonNull(natType);
    }

    static ConnectRequest of(NetConnectionCommand connect) {
        return new ConnectRequest(stream(connect), token(connect), natType(connect));
    }

    private static String stream(NetConnectionCommand connect) {
        if (connect.property("stream").orElse(null) instanceof String stream && !stream.isBlank()) {
            return stream;
        }
        if (connect.property("app").orElse(null) instanceof String app) {
            int slash = app.indexOf('/');
            return slash < 0 ? "" : app.substring(slash + 1);
        }
        return "";
    }

    private static String token(NetConnectionCommand connect) {
        if (!connect.arguments().isEmpty() && connect.arguments().get(0) instanceof String token) {
            return token;
        }
        return connect.property("token").orElse(null) instanceof String token ? token : "";
    }

    private static NatType natType(NetConnectionCommand connect) {
        if (connect.property("natType").orElse(null) instanceof String text) {
            try {
                return NatType.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                return NatType.UNKNOWN;
            }
        }
        return NatType.UNKNOWN;
    }
}
