package org.webp2p.server.origin;

import java.util.Objects;

/**
 * The origin's answers to players for one stream (or VOD root), of one status and one cache result,
 * since it started.
 *
 * @param cache where the answer came from: {@value #MEMORY} (the in-memory live window, demo or player),
 *              {@value #DISK} (a file), {@value #REVALIDATED} (a 304: the client's or CDN's copy is still
 *              good, no body sent) or {@value #NONE} (no body to send, a 416)
 * @param bytes body bytes sent
 */
public record OriginTraffic(String stream, int status, String cache, long requests, long bytes) {
    public static final String MEMORY = "memory";
    public static final String DISK = "disk";
    public static final String REVALIDATED = "revalidated";
    public static final String NONE = "none";

    public OriginTraffic {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(cache, "cache");
    }
}
