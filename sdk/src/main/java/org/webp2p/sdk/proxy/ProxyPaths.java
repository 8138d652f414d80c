package org.webp2p.sdk.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The proxy's URL space: one playlist, segments by sequence number, and the init segment. */
final class ProxyPaths {
    static final String PLAYLIST = "/index.m3u8";
    private static final Pattern SEGMENT = Pattern.compile("/seg/(\\d{1,18})\\.[A-Za-z0-9]{1,8}");
    private static final Pattern INIT = Pattern.compile("/init\\.[A-Za-z0-9]{1,8}");

    private ProxyPaths() {
    }

    /** Where the rewritten playlist points a segment, relative to the playlist itself. */
    static String segment(long sequence, URI origin) {
        return "seg/" + sequence + "." + extension(origin, "ts");
    }

    static String init(URI origin) {
        return "init." + extension(origin, "mp4");
    }

    /** The sequence a segment path names, or empty if the path is not a segment's. */
    static OptionalLong sequenceOf(String path) {
        Matcher m = SEGMENT.matcher(path);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    static boolean isInit(String path) {
        return INIT.matcher(path).matches();
    }

    /** The extension the origin used (players and ffprobe sniff by it), or {@code fallback}. */
    static String extension(URI uri, String fallback) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        String ext = dot > slash ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return ext.matches("[a-z0-9]{1,8}") ? ext : fallback;
    }

    static String contentType(String path) {
        return switch (extension(URI.create(path), "")) {
            case "m3u8" -> "application/vnd.apple.mpegurl";
            case "ts" -> "video/mp2t";
            case "m4s" -> "video/iso.segment";
            case "mp4", "m4v" -> "video/mp4";
            case "m4a" -> "audio/mp4";
            case "aac" -> "audio/aac";
            default -> "application/octet-stream";
        };
    }
}
