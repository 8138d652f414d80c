package org.webp2p.server.origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webp2p.protocol.admin.StreamStats;

/**
 * A built-in stream, {@code /live/demo/index.m3u8} or {@code /live/demo-hd/index.m3u8}: a bundled
 * H.264/AAC clip (made by {@code server/src/demo/make-demo-clip.sh}) looped live by
 * {@link DemoTimeline}, so every install has something real to play without an encoder. {@code demo}
 * is light (8 s at about 200 kbit/s, 320x180); {@code demo-hd} has a real stream's bitrate (32 s at
 * about 1.5 Mbit/s, 1280x720), for measuring a swarm under realistic load. Each listed segment is the
 * clip's segment with its timestamps moved to its loop ({@link TsTimestamps}), made when first listed
 * and kept while a player may still ask for it; its name carries its own media sequence number, so
 * no two loops share a URI.
 *
 * <p>{@code demo} also has two renditions, listed in {@code /live/demo/master.m3u8}: {@code 180p},
 * its own clip again at {@code /live/demo/180p/}, and {@code 90p}, the same clip made at 160x90
 * (resource folder {@code demo-90p}). Both clips have the same segment durations, so their timelines
 * list the same sequence numbers at every instant.
 */
final class DemoStream {
    static final String NAME = "demo";
    static final String HD = "demo-hd";
    /** Every built-in stream, each looping the clip in the resource folder of its name. */
    static final List<String> NAMES = List.of(NAME, HD);
    private static final String OWN_RENDITION = "180p";
    private static final String LOW_RENDITION = "90p";

    private record Made(Servable servable, SegmentDigest digest) {
    }

    private final String name;
    private final String resources;
    private final StreamProfiles profiles;
    private final DemoTimeline timeline;
    private final List<byte[]> clip = new ArrayList<>();
    private final Map<Long, Made> made;
    private final Clock clock;
    private final StreamTraffic traffic;
    // The other renditions by name, with this stream's own; empty for a stream without renditions.
    private final Map<String, DemoStream> renditions = new LinkedHashMap<>();
    private final MediaFormat format;

    /** The built-in stream {@code name}, one of {@link #NAMES}. */
    DemoStream(String name, StreamProfiles profiles, Clock clock) throws IOException, PlaylistException {
        this(name, name, profiles, clock, new StreamTraffic());
        if (name.equals(NAME)) {
            renditions.put(OWN_RENDITION, this);
            renditions.put(LOW_RENDITION, new DemoStream(name, "demo-90p", profiles, clock, traffic));
        }
    }

    private DemoStream(String name, String resources, StreamProfiles profiles, Clock clock, StreamTraffic traffic)
            throws IOException, PlaylistException {
        int window = profiles.window(name);
        this.name = name;
        this.profiles = profiles;
        this.resources = resources;
        this.clock = clock;
        this.traffic = traffic;
        MediaPlaylist playlist = PlaylistCodec.parse(new String(resource(resources + ".m3u8"), StandardCharsets.UTF_8));
        for (MediaSegment s : playlist.segments()) {
            if (!MediaTypes.of(s.uri()).equals(MediaTypes.MPEG_TS)) {
                throw new PlaylistException("the demo clip must be MPEG-TS to be looped: " + s.uri());
            }
            clip.add(resource(s.uri()));
        }
        this.timeline = new DemoTimeline(playlist.segments(), window);
        this.format = TsProbe.probe(clip.get(0));
        // Everything listed plus everything that left the list less than a window ago.
        int kept = 2 * window + 1;
        this.made = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Made> eldest) {
                return size() > kept;
            }
        };
    }

    /** Every built-in stream by name, in the order of {@link #NAMES}. */
    static Map<String, DemoStream> all(StreamProfiles profiles, Clock clock) throws IOException, PlaylistException {
        Map<String, DemoStream> all = new LinkedHashMap<>();
        for (String n : NAMES) {
            all.put(n, new DemoStream(n, profiles, clock));
        }
        return Collections.unmodifiableMap(all);
    }

    /** True for the name of a built-in stream, which nobody may publish over. */
    static boolean builtIn(String stream) {
        return NAMES.contains(stream);
    }

    StreamTraffic traffic() {
        return traffic;
    }

    Optional<Servable> resolve(String file) {
        int slash = file.indexOf('/');
        if (slash >= 0) {
            DemoStream rendition = renditions.get(file.substring(0, slash));
            return rendition == null ? Optional.empty() : rendition.resolveOwn(file.substring(slash + 1));
        }
        if (file.equals(OriginPath.MASTER_PLAYLIST) && !renditions.isEmpty()) {
            return Optional.of(master());
        }
        return resolveOwn(file);
    }

    private Servable master() {
        List<MasterPlaylist.Variant> variants = new ArrayList<>();
        renditions.forEach((rendition, stream) -> variants.add(stream.variant(rendition + "/" + OriginPath.LIVE_PLAYLIST)));
        MediaPlaylist own = timeline.at(clock.instant());
        return Servable.ofText(MasterPlaylistCodec.write(new MasterPlaylist(variants)), MediaTypes.PLAYLIST, clock.instant(),
                CachePolicy.livePlaylist(own.targetDuration()));
    }

    /** This clip as a variant: bandwidths measured over the clip's segments, codecs and size from its first. */
    private MasterPlaylist.Variant variant(String uri) {
        long peak = 0;
        List<MediaSegment> segments = timeline.clip();
        for (int i = 0; i < clip.size(); i++) {
            peak = Math.max(peak, clip.get(i).length * 8L * 1000 / Math.max(1, segments.get(i).duration().toMillis()));
        }
        return new MasterPlaylist.Variant(uri, peak, averageBitrate(), format);
    }

    /** Bits per second over one loop of the clip, what its segments carry on average. */
    private long averageBitrate() {
        long bytes = 0;
        long millis = 0;
        List<MediaSegment> segments = timeline.clip();
        for (int i = 0; i < clip.size(); i++) {
            bytes += clip.get(i).length;
            millis += Math.max(1, segments.get(i).duration().toMillis());
        }
        return bytes * 8 * 1000 / millis;
    }

    private Optional<Servable> resolveOwn(String file) {
        Instant now = clock.instant();
        if (!file.equals(OriginPath.LIVE_PLAYLIST)) {
            return timeline.placement(file, now).map(p -> segment(p).servable());
        }
        MediaPlaylist playlist = timeline.at(now);
        playlist = playlist.withHoldBack(profiles.holdBack(name, playlist.targetDuration()));
        String text = PlaylistCodec.write(playlist, uri -> timeline.placement(uri, now).map(p -> segment(p).digest()));
        return Optional.of(Servable.ofText(text, MediaTypes.PLAYLIST, now, CachePolicy.livePlaylist(playlist.targetDuration())));
    }

    private synchronized Made segment(DemoTimeline.Placement p) {
        return made.computeIfAbsent(p.sequence(), k -> {
            byte[] bytes = TsTimestamps.shift(clip.get(p.clipIndex()), p.loop() * timeline.loopTicks());
            return new Made(Servable.ofBytes(bytes, MediaTypes.MPEG_TS, Optional.empty(), CachePolicy.SEGMENT),
                    SegmentDigest.of(bytes));
        });
    }

    /**
     * As a published stream's: the clip's bitrate, the segments listed now and how long ago the newest
     * of them was complete, as if an encoder had just delivered it.
     */
    StreamStats stats() {
        Instant now = clock.instant();
        List<MediaSegment> listed = timeline.at(now).segments();
        Optional<Duration> lastSegmentAge = listed.isEmpty() ? Optional.empty() : listed.get(listed.size() - 1)
                .programDateTime().map(start -> Duration.between(start.plus(listed.get(listed.size() - 1).duration()), now));
        return new StreamStats(name, StreamStats.Kind.DEMO, Optional.empty(), averageBitrate(), listed.size(), lastSegmentAge,
                traffic.requests(), traffic.bytesOut(), traffic.notModifiedCount(), List.copyOf(renditions.keySet()));
    }

    private byte[] resource(String file) throws IOException {
        String path = resources + "/" + file;
        try (InputStream in = DemoStream.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("demo clip resource missing: " + path);
            }
            return in.readAllBytes();
        }
    }
}
