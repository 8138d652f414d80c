package org.webp2p.server.origin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.webp2p.protocol.admin.StreamStats;

/**
 * The built-in stream {@code /live/demo/index.m3u8}: a bundled 8-second H.264/AAC clip (made by
 * {@code server/src/demo/make-demo-clip.sh}) looped live by {@link DemoTimeline}, so every install
 * has something real to play without an encoder.
 */
final class DemoStream {
    static final String NAME = "demo";
    private static final String RESOURCES = "demo/";

    private final DemoTimeline timeline;
    private final Map<String, Servable> segments = new HashMap<>();
    private final Map<String, SegmentDigest> digests = new HashMap<>();
    private final Clock clock;
    private final StreamTraffic traffic = new StreamTraffic();

    DemoStream(int window, Clock clock) throws IOException, PlaylistException {
        this.clock = clock;
        MediaPlaylist clip = PlaylistCodec.parse(new String(resource("demo.m3u8"), StandardCharsets.UTF_8));
        for (MediaSegment s : clip.segments()) {
            byte[] data = resource(s.uri());
            segments.put(s.uri(), Servable.ofBytes(data, MediaTypes.of(s.uri()), Optional.empty(), CachePolicy.SEGMENT));
            digests.put(s.uri(), SegmentDigest.of(data));
        }
        this.timeline = new DemoTimeline(clip.segments(), window);
    }

    StreamTraffic traffic() {
        return traffic;
    }

    Optional<Servable> resolve(String file) {
        if (!file.equals(OriginPath.LIVE_PLAYLIST)) {
            return Optional.ofNullable(segments.get(file));
        }
        Instant now = clock.instant();
        MediaPlaylist playlist = timeline.at(now);
        String text = PlaylistCodec.write(playlist, uri -> Optional.ofNullable(digests.get(uri)));
        return Optional.of(Servable.ofText(text, MediaTypes.PLAYLIST, now, CachePolicy.livePlaylist(playlist.targetDuration())));
    }

    StreamStats stats() {
        return new StreamStats(NAME, StreamStats.Kind.DEMO, 0, 0, Optional.empty(),
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
