package org.webp2p.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import java.util.Arrays;

/**
 * Which web pages may call a service from another origin ({@code origin.cors-origins}): the player
 * page is served by the origin on one port and calls the API and pingback on others, and an
 * operator's own site embeds the player from yet another origin. Nothing here carries cookies, so a
 * wildcard exposes no one's credentials.
 */
public final class CorsPolicy {
    /** How long a browser may reuse a preflight answer. */
    private static final long PREFLIGHT_MAX_AGE_SECONDS = 86_400;

    private CorsPolicy() {
    }

    /**
     * A builder for {@code origins} ({@code *} or a comma-separated list) and {@code methods}, with
     * OPTIONS added and preflights cached; the caller adds the headers its requests and answers use.
     */
    public static CorsConfigBuilder builder(String origins, HttpMethod... methods) {
        CorsConfigBuilder builder = origins.strip().equals("*")
                ? CorsConfigBuilder.forAnyOrigin()
                : CorsConfigBuilder.forOrigins(Arrays.stream(origins.split(",")).map(String::strip)
                        .filter(o -> !o.isEmpty()).toArray(String[]::new));
        HttpMethod[] allowed = Arrays.copyOf(methods, methods.length + 1);
        allowed[methods.length] = HttpMethod.OPTIONS;
        return builder.allowedRequestMethods(allowed).maxAge(PREFLIGHT_MAX_AGE_SECONDS);
    }
}
