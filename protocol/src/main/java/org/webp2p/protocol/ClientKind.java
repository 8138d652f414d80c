package org.webp2p.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What kind of client a session belongs to: the Java SDK (RTMFP peers) or a web page (WebRTC peers
 * through p2p-media-loader). Sent as {@code "sdk"} or {@code "browser"}; clients that say nothing are
 * SDK clients, which is all there was before browsers joined.
 */
public enum ClientKind {
    SDK, BROWSER;

    @JsonCreator
    public static ClientKind parse(String text) {
        for (ClientKind k : values()) {
            if (k.wire().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("client must be \"sdk\" or \"browser\", got \"" + text + "\"");
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a request names, or {@link #SDK} when it names none. */
    public static ClientKind orSdk(ClientKind kind) {
        return kind == null ? SDK : kind;
    }
}
