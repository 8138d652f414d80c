package org.webp2p.server.origin;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.webp2p.protocol.admin.StreamStats;

/**
 * A request path the origin answers: {@code /live/<stream>/<file>} or {@code /vod/<root>/<path>}.
 * Parsing is where traversal is stopped: every path segment (already percent-decoded) must be a plain
 * name that cannot mean "here" or "up", so no resolved file lies outside its stream or root.
 */
record OriginPath(Area area, String scope, String file) {

    /** The two trees the origin serves. */
    public enum Area { LIVE, VOD }

    /** The playlist name every live stream publishes and serves. */
    public static final String LIVE_PLAYLIST = StreamStats.PLAYLIST_FILE;

    // A leading dot is refused, so "." and ".." and hidden files never match.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    // Stream names become configuration keys (origin.stream.<name>.key), so no dots.
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OriginPath {
        if (!(area == Area.LIVE ? STREAM : NAME).matcher(scope).matches()) {
            throw new IllegalArgumentException("bad stream or root name: " + scope);
        }
        for (String part : file.split("/", -1)) {
            if (!NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("bad file name: " + file);
            }
        }
        if (area == Area.LIVE && file.contains("/")) {
            throw new IllegalArgumentException("a live stream has no subdirectories: " + file);
        }
    }

    /** Parses a decoded request path; empty when it is not one the origin can serve or accept. */
    public static Optional<OriginPath> parse(String decodedPath) {
        if (!decodedPath.startsWith("/")) {
            return Optional.empty();
        }
        List<String> parts = List.of(decodedPath.substring(1).split("/", -1));
        if (parts.size() < 3) {
            return Optional.empty();
        }
        Area area;
        switch (parts.get(0)) {
            case "live" -> area = Area.LIVE;
            case "vod" -> area = Area.VOD;
            default -> {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new OriginPath(area, parts.get(1), String.join("/", parts.subList(2, parts.size()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code name} can name a live stream: its directory and its key in the configuration. */
    public static boolean isStreamName(String name) {
        return STREAM.matcher(name).matches();
    }

    public boolean isPlaylist() {
        return file.endsWith(".m3u8");
    }
}
