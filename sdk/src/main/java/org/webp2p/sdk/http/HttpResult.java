package org.webp2p.sdk.http;

import java.nio.charset.StandardCharsets;

/** A whole HTTP response: status, the headers the SDK reads, and the body. */
public record HttpResult(int status, String contentType, String etag, byte[] body) {
    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** True for a 2xx status. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
