package org.webp2p.server.origin;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.http.Json;

/**
 * The browser player: {@code /play/{stream}} (the page) and {@code /play/webp2p-player.js} (hls.js,
 * p2p-media-loader and our glue, bundled by npm at build time into these classes). Nothing is
 * fetched from anywhere else, so the page works on a network without the internet.
 *
 * <p>The page is made per request only to tell the script which stream to play and where the API
 * listens; the script learns every other endpoint from the session plan. It changes when the API
 * moves, so it is revalidated every time (cheap: its ETag is a digest). The script is cached for a
 * few minutes at its plain URL, and for good at the versioned URL the page links to.
 */
final class PlayerPages {
    static final String PREFIX = StreamStats.PLAYER_PREFIX;
    static final String SCRIPT = StreamStats.PLAYER_SCRIPT;
    private static final String RESOURCES = "player/";
    private static final String PAGE_CACHE = "no-cache";
    private static final String SCRIPT_CACHE = "public, max-age=300";
    private static final Logger log = LoggerFactory.getLogger(PlayerPages.class);

    private final Servable script;
    private final Servable versionedScript;
    private final String scriptUrl;
    private final String template;
    private final Supplier<OptionalInt> apiPort;
    private final String apiHost;
    private final StreamTraffic traffic = new StreamTraffic();

    /**
     * @param apiPort the API's port while it runs
     * @param apiHost the host clients reach the API by ({@code api.public-host}); empty: the page's own
     */
    private PlayerPages(byte[] bundle, String template, Supplier<OptionalInt> apiPort, String apiHost) {
        this.script = Servable.ofBytes(bundle, "text/javascript; charset=utf-8", Optional.empty(), SCRIPT_CACHE);
        this.versionedScript = Servable.ofBytes(bundle, script.contentType(), Optional.empty(), CachePolicy.SEGMENT);
        this.scriptUrl = PREFIX + SCRIPT + "?v=" + version();
        this.template = template;
        this.apiPort = apiPort;
        this.apiHost = apiHost;
    }

    /**
     * The player as built into these classes, or empty (with a warning) when the build ran without
     * npm: the origin still serves every stream, only {@code /play/} is missing.
     */
    static Optional<PlayerPages> load(Supplier<OptionalInt> apiPort, String apiHost) {
        try {
            return Optional.of(new PlayerPages(resource(SCRIPT), new String(resource("play.html"), StandardCharsets.UTF_8),
                    apiPort, apiHost));
        } catch (IOException e) {
            log.warn("origin: no player page at {}: {}", PREFIX, e.getMessage());
            return Optional.empty();
        }
    }

    StreamTraffic traffic() {
        return traffic;
    }

    /** The page or the script at {@code path}, if it names one. */
    Optional<Servable> resolve(String path, Optional<String> version) {
        String name = path.substring(PREFIX.length());
        if (name.equals(SCRIPT)) {
            return Optional.of(version.filter(v -> v.equals(version())).isPresent() ? versionedScript : script);
        }
        if (!StreamStats.PLAYER_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(Servable.ofBytes(page(name).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                Optional.empty(), PAGE_CACHE));
    }

    private String page(String stream) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("stream", stream);
        OptionalInt port = apiPort.get();
        config.put("apiPort", port.isPresent() ? port.getAsInt() : null);
        config.put("apiHost", apiHost);
        String json;
        try {
            // "</" cannot close the script element it sits in.
            json = Json.MAPPER.writeValueAsString(config).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
        // The stream name matched PLAYER_NAME, so it needs no HTML escaping.
        return template.replace("{{stream}}", stream).replace("{{config}}", json).replace("{{script}}", scriptUrl);
    }

    /** The bundle's digest, without the quotes its ETag has. */
    private String version() {
        return script.etag().substring(1, script.etag().length() - 1);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PlayerPages.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("player resource missing: " + RESOURCES + name
                        + " (the build makes it with npm: see server/src/main/player)");
            }
            return in.readAllBytes();
        }
    }
}
