package org.webp2p.sdk.hls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size and SHA-256 the origin publishes for a segment ({@code #EXT-X-WEBP2P-DIGEST} in the
 * playlist, docs/protocol.md): a segment from a peer is used only if it matches, so a peer can
 * withhold data but never poison playback.
 */
public record SegmentDigest(long bytes, String sha256) {
    static final String TAG = "#EXT-X-WEBP2P-DIGEST:";
    private static final Pattern ATTRIBUTES = Pattern.compile("BYTES=(\\d+),SHA256=\"([0-9a-fA-F]{64})\"");

    public SegmentDigest {
        if (bytes < 0 || sha256.length() != 64) {
            throw new IllegalArgumentException("a digest is a size and 32 bytes of SHA-256");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    /** Parses the tag's attribute list, e.g. {@code BYTES=1316,SHA256="9f86..."}. */
    static SegmentDigest parse(String attributes) {
        Matcher m = ATTRIBUTES.matcher(attributes);
        if (!m.matches()) {
            throw new IllegalArgumentException("a digest needs BYTES and a 64-digit SHA256");
        }
        return new SegmentDigest(Long.parseLong(m.group(1)), m.group(2));
    }

    /** The digest of {@code data}: its length and SHA-256. */
    public static SegmentDigest of(byte[] data) {
        return new SegmentDigest(data.length, hash(data));
    }

    /** True if {@code data} is exactly the segment the origin published. */
    public boolean matches(byte[] data) {
        return data.length == bytes && hash(data).equals(sha256);
    }

    private static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
