package org.webp2p.server.origin;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Where an upload goes and the key that came with that very request. Every upload is authorised on
 * its own; a key never vouches for another request. Two forms carry it:
 * <ul>
 *   <li>{@code /ingest/<key>/<stream>/<file>}, the form for encoders. ffmpeg's HLS muxer names each
 *   segment relative to the playlist URL's path and drops its query, and sends no
 *   {@code Authorization} unless challenged, so only a key in the path reaches every segment.</li>
 *   <li>{@code /live/<stream>/<file>} with the key in header {@code X-Publish-Key} or query
 *   parameter {@code key}, for clients that send it with every request (ffmpeg's {@code -headers}
 *   does; a {@code ?key=} on ffmpeg's playlist URL reaches the playlist only, so its segments are
 *   refused).</li>
 * </ul>
 *
 * @param key the presented key, or empty when the request carries none
 */
record IngestTarget(OriginPath path, Optional<String> key) {
    static final String PREFIX = "/ingest/";
    static final String KEY_PARAMETER = "key";
    static final String KEY_HEADER = "X-Publish-Key";

    /**
     * The target of an upload request; empty when its path is not one an upload may go to.
     *
     * @throws IllegalArgumentException when the path is malformed (a bad percent-escape)
     */
    static Optional<IngestTarget> of(HttpRequest req) {
        QueryStringDecoder query = new QueryStringDecoder(req.uri());
        String raw = query.rawPath();
        if (raw.startsWith(PREFIX)) {
            // The key is cut out before decoding, so a key with an escaped '/' stays one segment; in a
            // path a '+' is itself, not a space.
            int end = raw.indexOf('/', PREFIX.length());
            if (end < 0) {
                return Optional.empty();
            }
            String key = QueryStringDecoder.decodeComponent(raw.substring(PREFIX.length(), end).replace("+", "%2B"));
            String rest = new QueryStringDecoder(raw.substring(end)).path();
            return live("/live" + rest).map(p -> new IngestTarget(p, nonEmpty(key)));
        }
        List<String> fromQuery = query.parameters().get(KEY_PARAMETER);
        String key = fromQuery != null && !fromQuery.isEmpty() ? fromQuery.get(0) : req.headers().get(KEY_HEADER);
        return live(query.path()).map(p -> new IngestTarget(p, nonEmpty(key)));
    }

    private static Optional<OriginPath> live(String decodedPath) {
        return OriginPath.parse(decodedPath).filter(p -> p.area() == OriginPath.Area.LIVE);
    }

    private static Optional<String> nonEmpty(String key) {
        return key == null || key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
}
