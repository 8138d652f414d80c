package org.webp2p.server.rtmp.wire;

import java.util.Objects;

/** A client broke the RTMP protocol; its connection is closed and the {@link Violation} counted. */
public final class RtmpProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Violation violation;

    public RtmpProtocolException(Violation violation, String message) {
        super(message);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public Violation violation() {
        return violation;
    }
}
