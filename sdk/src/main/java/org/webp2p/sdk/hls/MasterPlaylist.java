package org.webp2p.sdk.hls;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.RenditionName;

/**
 * An HLS master playlist (RFC 8216 §4.3.4.2): the renditions of one stream, each a media playlist
 * with the peak bitrate it needs, ordered from the lowest bitrate to the highest.
 */
public record MasterPlaylist(List<Variant> variants) {
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");
    private static final Pattern RESOLUTION = Pattern.compile("([0-9]{1,5})x([0-9]{1,5})");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,15}");

    /**
     * One rendition.
     *
     * @param name       what the rendition is called: the directory its playlist is in, relative to the
     *                   master playlist's ({@code 90p} for {@code 90p/index.m3u8}), else {@code v} and its
     *                   place in the master playlist; it names the rendition's swarm
     * @param bandwidth  the peak bitrate in bit/s (BANDWIDTH), which a player must sustain
     * @param height     the picture height, or 0 when the playlist does not say
     */
    public record Variant(String name, URI uri, long bandwidth, long averageBandwidth, int height,
                          @Nullable String codecs) {
        public Variant {
            if (bandwidth <= 0) {
                throw new IllegalArgumentException("a variant's BANDWIDTH must be positive");
            }
        }
    }

    public MasterPlaylist {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a master playlist lists at least one variant");
        }
        variants = variants.stream().sorted(Comparator.comparingLong(Variant::bandwidth)).toList();
    }

    /** True for the text of a master playlist rather than a media playlist: it lists variants. */
    public static boolean isMaster(String text) {
        return text.contains("#EXT-X-STREAM-INF:");
    }

    /**
     * Parses a master playlist fetched from {@code base}.
     *
     * @throws IllegalArgumentException naming what is not valid HLS
     */
    public static MasterPlaylist parse(String text, URI base) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].strip().equals("#EXTM3U")) {
            throw new IllegalArgumentException("not an HLS playlist: first line must be #EXTM3U");
        }
        List<Variant> variants = new ArrayList<>();
        Map<String, String> pending = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                pending = attributes(line.substring("#EXT-X-STREAM-INF:".length()));
            } else if (!line.isEmpty() && !line.startsWith("#") && pending != null) {
                variants.add(variant(pending, line, base, variants.size(), i + 1));
                pending = null;
            }
        }
        return new MasterPlaylist(variants);
    }

    private static Variant variant(Map<String, String> attrs, String uri, URI base, int index, int lineNumber) {
        String bandwidth = attrs.get("BANDWIDTH");
        if (bandwidth == null || !INTEGER.matcher(bandwidth).matches() || Long.parseLong(bandwidth) == 0) {
            throw new IllegalArgumentException("line " + lineNumber + ": a variant needs a positive BANDWIDTH");
        }
        String average = attrs.get("AVERAGE-BANDWIDTH");
        Matcher res = RESOLUTION.matcher(attrs.getOrDefault("RESOLUTION", ""));
        URI resolved;
        try {
            resolved = base.resolve(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": bad variant URI " + uri);
        }
        String name = RenditionName.ofVariantUri(uri).orElse("v" + index);
        return new Variant(name, resolved, Long.parseLong(bandwidth),
                average != null && INTEGER.matcher(average).matches() ? Long.parseLong(average) : 0,
                res.matches() ? Integer.parseInt(res.group(2)) : 0, attrs.get("CODECS"));
    }

    private static Map<String, String> attributes(String list) {
        Map<String, String> attrs = new HashMap<>();
        Matcher m = ATTRIBUTE.matcher(list);
        while (m.find()) {
            String value = m.group(2);
            attrs.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        return attrs;
    }
}
