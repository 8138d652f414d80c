package org.webp2p.server.origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webp2p.protocol.admin.StreamStats;

/**
 * The built-in stream {@code /live/demo/index.m3u8}: a bundled 8-second H.264/AAC clip (made by
 * {@code server/src/demo/make-demo-clip.sh}) looped live by {@link DemoTimeline}, so every install
 * has something real to play without an encoder. Each listed segment is the clip's segment with its
 * timestamps moved to its loop ({@link TsTimestamps}), made when first listed and kept while a
 * player may still ask for it.
 */
final class DemoStream {
    static final String NAME = "demo";
    private static final String RESOURCES = "demo/";

    private record Made(Servable servable, SegmentDigest digest) {
    }

    private final DemoTimeline timeline;
    private final List<byte[]> clip = new ArrayList<>();
    private final Map<Long, Made> made;
    private final Clock clock;
    private final StreamTraffic traffic = new StreamTraffic();

    DemoStream(int window, Clock clock) throws IOException, PlaylistException {
        this.clock = clock;
        MediaPlaylist playlist = PlaylistCodec.parse(new String(resource("demo.m3u8"), StandardCharsets.UTF_8));
        for (MediaSegment s : playlist.segments()) {
            if (!MediaTypes.of(s.uri()).equals("video/mp2t")) {
                throw new PlaylistException("the demo clip must be MPEG-TS to be looped: " + s.uri());
            }
            clip.add(resource(s.uri()));
        }
        this.timeline = new DemoTimeline(playlist.segments(), window);
        // Everything listed plus everything that left the list less than a window ago.
        int kept = 2 * window + 1;
        this.made = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Made> eldest) {
                return size() > kept;
            }
        };
    }

    StreamTraffic traffic() {
        return traffic;
    }

    Optional<Servable> resolve(String file) {
        Instant now = clock.instant();
        if (!file.equals(OriginPath.LIVE_PLAYLIST)) {
            return timeline.placement(file, now).map(p -> segment(p).servable());
        }
        MediaPlaylist playlist = timeline.at(now);
        String text = PlaylistCodec.write(playlist, uri -> timeline.placement(uri, now).map(p -> segment(p).digest()));
        return Optional.of(Servable.ofText(text, MediaTypes.PLAYLIST, now, CachePolicy.livePlaylist(playlist.targetDuration())));
    }

    private synchronized Made segment(DemoTimeline.Placement p) {
        return made.computeIfAbsent(p.sequence(), k -> {
            byte[] bytes = TsTimestamps.shift(clip.get(p.clipIndex()), p.loop() * timeline.loopTicks());
            return new Made(Servable.ofBytes(bytes, "video/mp2t", Optional.empty(), CachePolicy.SEGMENT),
                    SegmentDigest.of(bytes));
        });
    }

    StreamStats stats() {
        return new StreamStats(NAME, StreamStats.Kind.DEMO, Optional.empty(), 0, 0, Optional.empty(),
                traffic.requests(), traffic.bytesOut(), traffic.notModifiedCount());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoStream.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("demo clip resource missing: " + RESOURCES + name);
            }
            return in.readAllBytes();
        }
    }
}
