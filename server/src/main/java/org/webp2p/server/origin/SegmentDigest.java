package org.webp2p.server.origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A segment's size and SHA-256, published in the playlist so a client can check a segment it got
 * from another viewer before playing it: a peer can then withhold data but never poison playback.
 * Written as {@code #EXT-X-WEBP2P-DIGEST:BYTES=<size>,SHA256="<hex>"} before the segment's
 * {@code #EXTINF}; players that do not know the tag ignore it, as RFC 8216 §4.1 requires.
 */
record SegmentDigest(long bytes, String sha256) {
    static final String TAG = "#EXT-X-WEBP2P-DIGEST:";

    SegmentDigest {
        if (bytes < 0 || sha256.length() != 64) {
            throw new IllegalArgumentException("a digest is a size and 32 bytes of SHA-256");
        }
    }

    static SegmentDigest of(byte[] data) {
        try {
            return new SegmentDigest(data.length, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Hashes a file as it streams by, so a large VOD segment never sits in memory whole. */
    static SegmentDigest of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
            return new SegmentDigest(size, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String tagLine() {
        return TAG + "BYTES=" + bytes + ",SHA256=\"" + sha256 + "\"";
    }
}
