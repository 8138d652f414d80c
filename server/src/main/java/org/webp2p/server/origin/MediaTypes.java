package org.webp2p.server.origin;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Content types of the files an HLS origin serves, by extension. */
final class MediaTypes {
    static final String PLAYLIST = "application/vnd.apple.mpegurl";
    static final String MPEG_TS = "video/mp2t";

    private static final Map<String, String> MEDIA = Map.of(
            "ts", MPEG_TS,
            "m4s", "video/iso.segment",
            "mp4", "video/mp4",
            "m4v", "video/mp4",
            "m4a", "audio/mp4",
            "aac", "audio/aac",
            "vtt", "text/vtt");

    private MediaTypes() {
    }

    /** The type of a media segment or init segment; empty for anything that is not media. */
    static Optional<String> ofMedia(String fileName) {
        return Optional.ofNullable(MEDIA.get(extension(fileName)));
    }

    /** The type to serve any file with. */
    static String of(String fileName) {
        if (extension(fileName).equals("m3u8")) {
            return PLAYLIST;
        }
        return ofMedia(fileName).orElse("application/octet-stream");
    }

    /** The extension with its dot, as the origin's own file names reuse it. */
    static String dottedExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
