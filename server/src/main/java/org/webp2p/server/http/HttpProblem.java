package org.webp2p.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the server refuses, with the status, a stable machine code and a reason for humans. */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient HttpResponseStatus status;
    private final String code;

    public HttpProblem(HttpResponseStatus status, String code, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static HttpProblem badRequest(String reason) {
        return new HttpProblem(HttpResponseStatus.BAD_REQUEST, "bad_request", reason);
    }

    public static HttpProblem unauthorized(String reason) {
        return new HttpProblem(HttpResponseStatus.UNAUTHORIZED, "unauthorized", reason);
    }

    public static HttpProblem notFound(String reason) {
        return new HttpProblem(HttpResponseStatus.NOT_FOUND, "not_found", reason);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }
}
