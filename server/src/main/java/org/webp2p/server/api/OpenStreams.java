package org.webp2p.server.api;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.webp2p.server.config.ApiSettings;
import org.webp2p.server.config.Config;

/**
 * Streams anyone may play without a token ({@code api.open-streams}; {@code api.open} opens all).
 * The built-in demo is open by default, so a fresh node's player page plays at once while every
 * stream an operator publishes still needs a token.
 */
public final class OpenStreams {
    private final boolean all;
    private final Set<String> names;

    /** @param all every stream is open ({@code api.open}) */
    public OpenStreams(boolean all, Set<String> names) {
        this.all = all;
        this.names = Set.copyOf(names);
    }

    public static OpenStreams from(Config c) {
        return new OpenStreams(c.get(ApiSettings.OPEN), Arrays.stream(c.get(ApiSettings.OPEN_STREAMS).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    /** Whether {@code stream} may be played without a token; a token given anyway is still checked. */
    public boolean contains(String stream) {
        return all || names.contains(stream);
    }
}
