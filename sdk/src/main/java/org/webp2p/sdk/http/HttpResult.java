package org.webp2p.sdk.http;

import java.nio.charset.StandardCharsets;

/**
 * A whole HTTP response: status, the headers the SDK reads, and the body.
 *
 * @param wireBytes what the response took on the connection: status line, headers, framing and body,
 *                  the bytes an origin or CDN sends and bills for
 */
public record HttpResult(int status, String contentType, String etag, byte[] body, long wireBytes) {
    public HttpResult {
        if (wireBytes < body.length) {
            throw new IllegalArgumentException("a response takes at least its body on the wire");
        }
    }

    /** A response known by its body alone, as if it took nothing more on the wire. */
    public HttpResult(int status, String contentType, String etag, byte[] body) {
        this(status, contentType, etag, body, body.length);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** True for a 2xx status. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
