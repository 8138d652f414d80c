package org.webp2p.sdk.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Why the proxy did not hand a player what it asked for; each is counted. */
public enum ProxyFailure {
    /** The request could not be decoded as HTTP. */
    MALFORMED(HttpResponseStatus.BAD_REQUEST),
    /** Anything but GET. */
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED),
    /** A path that is neither the playlist, a segment nor the init segment. */
    UNKNOWN_PATH(HttpResponseStatus.NOT_FOUND),
    /** A segment or init segment the playlist does not (or no longer) list. */
    NOT_LISTED(HttpResponseStatus.NOT_FOUND),
    /** The origin failed or refused, after peers had had their chance. */
    ORIGIN_FAILED(HttpResponseStatus.BAD_GATEWAY),
    /** Nothing delivered within the proxy's patience. */
    TIMED_OUT(HttpResponseStatus.GATEWAY_TIMEOUT);

    final HttpResponseStatus status;

    ProxyFailure(HttpResponseStatus status) {
        this.status = status;
    }
}
