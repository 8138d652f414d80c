package org.webp2p.server.tracker.ws;

import java.util.Objects;

/**
 * A JSON value kept as the text it came in: an SDP offer or answer, which the tracker relays but never
 * reads. Not parsing it saves unescaping and escaping again every line break of the SDP, which was
 * most of the tracker's CPU.
 */
public record RawJson(String json) {
    public RawJson {
        Objects.requireNonNull(json, "json");
        if (!json.startsWith("{") || !json.endsWith("}")) {
            throw new IllegalArgumentException("must be a JSON object");
        }
    }
}
