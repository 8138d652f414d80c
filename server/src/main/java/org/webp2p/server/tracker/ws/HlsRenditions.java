package org.webp2p.server.tracker.ws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.RenditionName;

/**
 * The renditions hls.js 1.7 reports for an entry playlist, read the way its {@code M3U8Parser} and
 * {@code PlaylistLoader} read them, with the fields p2p-media-loader-hlsjs 2.3.1 names swarms by
 * ({@code SegmentManager.processMainManifest}): each variant is a {@code main} stream, each audio
 * rendition a {@code secondary} one.
 */
final class HlsRenditions {
    /**
     * One stream of a player's playlist and what names its swarm.
     *
     * @param name a variant's rendition name ({@link RenditionName}); null for an audio rendition, a bare
     *             media playlist, or a variant whose URI names none
     */
    record Rendition(String type, StreamProps props, @Nullable String name) {
    }

    private static final Pattern IS_MEDIA_PLAYLIST = Pattern.compile("^#EXT(?:INF|-X-TARGETDURATION):",
            Pattern.MULTILINE);
    /** hls.js's own pattern: the URI is the first line after the tag that is neither empty nor a comment. */
    private static final Pattern STREAM_INF = Pattern.compile(
            "#EXT-X-STREAM-INF:([^\\r\\n]*)(?:[\\r\\n](?:#[^\\r\\n]*)?)*([^\\r\\n]+)");
    private static final Pattern MEDIA = Pattern.compile("#EXT-X-MEDIA:(.*)");
    private static final Pattern ATTRIBUTE = Pattern.compile("(.+?)=(\".*?\"|.*?)(?:,|$)");
    private static final Pattern RESOLUTION = Pattern.compile("^(\\d+)x(\\d+)$");
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*([+-]?\\d+)");
    /** Sample entry codes hls.js files under video and audio ({@code utils/codecs.ts}). */
    private static final Set<String> VIDEO = Set.of("avc1", "avc2", "avc3", "avc4", "avcp", "av01", "dav1", "drac",
            "dva1", "dvav", "dvh1", "dvhe", "encv", "hev1", "hvc1", "mjp2", "mp4v", "mvc1", "mvc2", "mvc3", "mvc4",
            "resv", "rv60", "s263", "svc1", "svc2", "vc-1", "vp08", "vp09");
    private static final Set<String> AUDIO = Set.of("a3ds", "ac-3", "ac-4", "alac", "alaw", "dra1", "dts+", "dts-",
            "dtsc", "dtse", "dtsh", "ec-3", "enca", "fLaC", "flac", "FLAC", "g719", "g726", "m4ae", "mha1", "mha2",
            "mhm1", "mhm2", "mlpa", "mp4a", "raw ", "Opus", "opus", "samr", "sawb", "sawp", "sevc", "sqcp", "ssmv",
            "twos", "ulaw");

    private HlsRenditions() {
    }

    static List<Rendition> of(String playlist) {
        if (IS_MEDIA_PLAYLIST.matcher(playlist).find()) {
            return List.of(new Rendition("main", StreamProps.BARE_MEDIA_PLAYLIST, null));
        }
        List<Rendition> out = new ArrayList<>();
        List<Map<String, String>> levels = new ArrayList<>();
        Matcher m = STREAM_INF.matcher(playlist);
        while (m.find()) {
            Map<String, String> attrs = attributes(m.group(1));
            levels.add(attrs);
            out.add(new Rendition("main", variant(attrs), RenditionName.ofVariantUri(m.group(2).strip()).orElse(null)));
        }
        List<Rendition> audio = audio(playlist, levels);
        out.addAll(audio);
        return out;
    }

    private static StreamProps variant(Map<String, String> attrs) {
        String bitrate = jsNumber(bandwidth(attrs));
        if (bitrate.equals("0")) {
            // No bandwidth: p2p-media-loader names the variant by nothing else either.
            return StreamProps.BARE_MEDIA_PLAYLIST;
        }
        Matcher res = RESOLUTION.matcher(attrs.getOrDefault("RESOLUTION", ""));
        boolean sized = res.matches();
        return new StreamProps(bitrate, codecsOf(attrs.get("CODECS"), VIDEO),
                sized ? Integer.valueOf(res.group(1)) : null, sized ? Integer.valueOf(res.group(2)) : null,
                null, null, null, attrs.get("FRAME-RATE"), attrs.get("VIDEO-RANGE"));
    }

    /** {@code decimalInteger('BANDWIDTH') || decimalInteger('AVERAGE-BANDWIDTH')}; null is NaN. */
    private static Long bandwidth(Map<String, String> attrs) {
        Long peak = parseInt(attrs.get("BANDWIDTH"));
        return peak != null && peak != 0 ? peak : parseInt(attrs.get("AVERAGE-BANDWIDTH"));
    }

    private static String jsNumber(Long n) {
        return n == null ? "NaN" : n.toString();
    }

    private static Long parseInt(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LEADING_INT.matcher(text);
        return m.find() && m.group(1).length() < 16 ? Long.valueOf(m.group(1)) : null;
    }

    /** The codecs of one kind in a CODECS list, as hls.js's {@code setCodecs} keeps them. */
    private static String codecsOf(String codecs, Set<String> kind) {
        if (codecs == null) {
            return null;
        }
        List<String> found = new ArrayList<>();
        for (String c : codecs.split("[ ,]+")) {
            if (!c.isEmpty() && c.length() >= 4 && kind.contains(c.substring(0, 4))) {
                found.add(c.split("/", -1)[0]);
            }
        }
        return found.isEmpty() ? null : String.join(",", found);
    }

    private static List<Rendition> audio(String playlist, List<Map<String, String>> levels) {
        List<Rendition> out = new ArrayList<>();
        boolean embedded = false;
        Matcher m = MEDIA.matcher(playlist);
        while (m.find()) {
            Map<String, String> attrs = attributes(m.group(1));
            if (!"AUDIO".equals(attrs.get("TYPE"))) {
                continue;
            }
            embedded |= !attrs.containsKey("URI") || attrs.get("URI").isEmpty();
            String lang = attrs.get("LANGUAGE");
            String name = firstNonEmpty(attrs.get("NAME"), lang);
            out.add(new Rendition("secondary", new StreamProps("0", groupAudioCodec(levels, attrs.get("GROUP-ID")),
                    null, null, lang, attrs.get("CHANNELS"), name, null, null), null));
        }
        // hls.js adds a "main" track when every rendition has its own URI but the variants carry audio too.
        if (!out.isEmpty() && !embedded && !levels.isEmpty() && codecsOf(levels.get(0).get("CODECS"), AUDIO) != null
                && !levels.get(0).containsKey("AUDIO")) {
            out.add(0, new Rendition("secondary", new StreamProps("0", null, null, null, null, null, "main", null, null),
                    null));
        }
        return out;
    }

    /** JavaScript's {@code a || b || ''}. */
    private static String firstNonEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b == null ? "" : b;
    }

    /** The audio codec of the first variant in the rendition's group, or else of the first variant. */
    private static String groupAudioCodec(List<Map<String, String>> levels, String groupId) {
        if (levels.isEmpty()) {
            return null;
        }
        Map<String, String> level = levels.stream().filter(l -> groupId != null && groupId.equals(l.get("AUDIO")))
                .findFirst().orElse(levels.get(0));
        return codecsOf(level.get("CODECS"), AUDIO);
    }

    private static Map<String, String> attributes(String list) {
        Map<String, String> attrs = new HashMap<>();
        Matcher m = ATTRIBUTE.matcher(list);
        while (m.find()) {
            String value = m.group(2);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            attrs.put(m.group(1).strip(), value);
        }
        return attrs;
    }
}
