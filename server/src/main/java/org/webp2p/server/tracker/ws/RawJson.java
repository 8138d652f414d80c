package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON object kept as the UTF-8 bytes it came in: an SDP offer or answer, which the tracker relays but
 * never reads. Neither parsing it nor turning it into a String saves unescaping, decoding, encoding and
 * escaping again every byte of the SDP for each peer it goes to, which was most of the tracker's CPU.
 * Immutable: the bytes are copied in and never handed out.
 */
public final class RawJson {
    private final byte[] utf8;

    public RawJson(String json) {
        this(json.getBytes(StandardCharsets.UTF_8));
    }

    private RawJson(byte[] whole) {
        this(whole, 0, whole.length);
    }

    /** The object between {@code from} and {@code to} of a message's bytes. */
    RawJson(byte[] message, int from, int to) {
        if (to - from < 2 || message[from] != '{' || message[to - 1] != '}') {
            throw new IllegalArgumentException("must be a JSON object");
        }
        this.utf8 = Arrays.copyOfRange(message, from, to);
    }

    /** Its length in bytes. */
    int length() {
        return utf8.length;
    }

    void writeTo(ByteBuf out) {
        out.writeBytes(utf8);
    }

    /** The text, decoded: for tests and logs, never on the relay path. */
    public String json() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson r && Arrays.equals(utf8, r.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return json();
    }
}
