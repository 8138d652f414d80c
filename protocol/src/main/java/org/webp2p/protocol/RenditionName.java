package org.webp2p.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a rendition of a stream is called, read from its variant's URI in the stream's master playlist:
 * the directory its media playlist is in, relative to the master playlist's ({@code 180p} for
 * {@code 180p/index.m3u8}), as the origin lays renditions out. It names the rendition's swarm
 * ({@code STREAM/RENDITION}) for SDK clients, browser beacons and the tracker's browser swarms alike,
 * so all three must read it the same way (the player page does in {@code src/rendition.js}).
 */
public final class RenditionName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~-]+");

    private RenditionName() {
    }

    /**
     * The directory of {@code uri} as written in the master playlist, when it is one plain relative
     * name; empty for a URI with a scheme, in the master playlist's own directory, or nested deeper.
     */
    public static Optional<String> ofVariantUri(String uri) {
        int slash = uri.lastIndexOf('/');
        String dir = slash > 0 && !uri.contains(":") ? uri.substring(0, slash) : "";
        return NAME.matcher(dir).matches() && !dir.equals(".") && !dir.equals("..") ? Optional.of(dir) : Optional.empty();
    }
}
