package org.webp2p.sdk.http;

import java.nio.charset.StandardCharsets;

/** A whole HTTP response: status, the headers the SDK reads, and the body. */
public record HttpResult(int status, String contentType, String etag, byte[] body) {
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
