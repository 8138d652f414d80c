package org.webp2p.server.origin;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Why a request was refused; each reason is counted and shown in the service metrics. */
enum Rejection {
    BAD_REQUEST("bad-request", HttpResponseStatus.BAD_REQUEST),
    BAD_PATH("bad-path", HttpResponseStatus.BAD_REQUEST),
    BAD_PLAYLIST("bad-playlist", HttpResponseStatus.BAD_REQUEST),
    NOT_MEDIA("not-media", HttpResponseStatus.BAD_REQUEST),
    FORBIDDEN("forbidden", HttpResponseStatus.FORBIDDEN),
    RESERVED("reserved", HttpResponseStatus.CONFLICT),
    BUSY("busy", HttpResponseStatus.CONFLICT),
    TOO_LARGE("too-large", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    NOT_FOUND("not-found", HttpResponseStatus.NOT_FOUND),
    METHOD("method", HttpResponseStatus.METHOD_NOT_ALLOWED),
    STORAGE("storage", HttpResponseStatus.INTERNAL_SERVER_ERROR);

    final String metric;
    final HttpResponseStatus status;

    Rejection(String metric, HttpResponseStatus status) {
        this.metric = metric;
        this.status = status;
    }
}
