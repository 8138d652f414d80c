package org.webp2p.server.tracker.ws;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * p2p-media-loader 2.3.1's names for a stream's swarm, rewritten from its core: {@code
 * generateStreamShortId} and {@code getStreamSwarmId} ({@code src/utils/stream.ts}) and {@code
 * getStreamHash} ({@code src/utils/peer.ts}). Other releases name swarms differently and never meet
 * these (2.2 hashed with MD5 under the same {@code v2} prefix).
 */
final class PmlSwarmIds {
    private static final String PROTOCOL_VERSION = "v2";
    /** What JavaScript's {@code parseInt(x, 10).toString() === x} accepts. */
    private static final Pattern CANONICAL_INT = Pattern.compile("0|-?[1-9][0-9]{0,14}");

    private PmlSwarmIds() {
    }

    /** The identity string a rendition is hashed by, such as {@code 0--------} for a bare media playlist. */
    static String identity(StreamProps p) {
        return String.join("-", p.bitrate() == null ? "0" : p.bitrate(), codecs(p.codecs()),
                p.width() == null ? "" : p.width().toString(), p.height() == null ? "" : p.height().toString(),
                language(p.language()), channels(p.channels()), name(p.name()), frameRate(p.frameRate()),
                p.videoRange() == null || p.videoRange().isEmpty() ? "" : p.videoRange().toUpperCase(Locale.ROOT).strip());
    }

    /** {@code generateStreamShortId}: Base64 of the SHA-1 of the identity string. */
    static String shortId(StreamProps p) {
        return Base64.getEncoder().encodeToString(sha1(identity(p)));
    }

    /** {@code getStreamSwarmId}: {@code v2-{swarmId}-{main|secondary}-{shortId}}. */
    static String streamSwarmId(String swarmId, String type, String shortId) {
        return PROTOCOL_VERSION + "-" + swarmId + "-" + type + "-" + shortId;
    }

    /** {@code getStreamHash}: Base64 of the first 15 bytes of the SHA-1, 20 ASCII characters. */
    static String infoHash(String streamSwarmId) {
        return Base64.getEncoder().encodeToString(Arrays.copyOf(sha1(streamSwarmId), 15));
    }

    private static String codecs(String codecs) {
        if (codecs == null || codecs.isEmpty()) {
            return "";
        }
        List<String> out = Arrays.stream(codecs.split(",", -1)).map(c -> {
            String lower = c.strip().toLowerCase(Locale.ROOT);
            String[] parts = lower.split("\\.", -1);
            // Decimal RFC 4281 avc1 codecs become hex: avc1.66.30 is avc1.42001e.
            if (parts.length == 3 && (parts[0].equals("avc1") || parts[0].equals("avc"))
                    && CANONICAL_INT.matcher(parts[1]).matches() && CANONICAL_INT.matcher(parts[2]).matches()) {
                return parts[0] + "." + hex2(Long.parseLong(parts[1])) + "00" + hex2(Long.parseLong(parts[2]));
            }
            return lower;
        }).sorted().toList();
        return String.join(",", out);
    }

    private static String hex2(long n) {
        String hex = Long.toString(n, 16);
        return hex.length() < 2 ? "0" + hex : hex;
    }

    private static String language(String language) {
        if (language == null || language.isEmpty() || language.equals("und")) {
            return "";
        }
        return language.substring(0, Math.min(2, language.length())).toLowerCase(Locale.ROOT);
    }

    private static String channels(String channels) {
        return channels == null || channels.isEmpty() ? "" : channels.split("/", -1)[0];
    }

    private static String name(String name) {
        return name == null || name.isEmpty() ? "" : name.toLowerCase(Locale.ROOT).strip();
    }

    /** {@code Number(frameRate).toString()}: {@code 30.000} is {@code 30}; not a number is empty. */
    private static String frameRate(String frameRate) {
        if (frameRate == null || frameRate.isEmpty()) {
            return "";
        }
        try {
            BigDecimal n = new BigDecimal(frameRate.strip());
            return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
