package org.webp2p.server.origin;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.StreamStats;

/**
 * Every published stream, with the one thread that changes them. Ingest runs there rather than on
 * the event loops because it writes to disk; serialising it also means no stream needs a lock.
 *
 * <p>A rendition is a stream of its own, named {@code <stream>/<rendition>} and kept in that
 * subdirectory, with its own live window and digests; the stream's master playlist lists every
 * rendition it has.
 */
final class LiveStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /** Work on a stream that may fail with a reason to send back. */
    private interface Change {
        void apply(LiveStream stream) throws IOException, PlaylistException, StreamBusyException;
    }

    private final Path root;
    private final StreamProfiles profiles;
    private final Duration endedAfter;
    private final Clock clock;
    private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();
    // Requests for the master playlists, by the stream whose renditions they list.
    private final Map<String, StreamTraffic> masterTraffic = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ingest;

    LiveStreams(Path root, StreamProfiles profiles, Duration endedAfter, Clock clock) {
        this.root = root;
        this.profiles = profiles;
        this.endedAfter = endedAfter;
        this.clock = clock;
        this.ingest = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "origin-ingest");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the streams kept on disk and starts watching for encoders that went silent. */
    void start() throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                load(name, dir);
                try (Stream<Path> subdirs = Files.list(dir)) {
                    for (Path sub : subdirs.filter(Files::isDirectory).toList()) {
                        load(name + "/" + sub.getFileName(), sub);
                    }
                }
            }
        }
        // Checking four times per allowed silence ends a stream at most a quarter late.
        long period = Math.max(50, Math.min(1000, endedAfter.toMillis() / 4));
        ingest.scheduleWithFixedDelay(this::endSilentStreams, period, period, TimeUnit.MILLISECONDS);
    }

    private void load(String name, Path dir) {
        if (!Files.isRegularFile(dir.resolve(OriginPath.LIVE_PLAYLIST))) {
            return;
        }
        try {
            if (!OriginPath.isLiveStreamName(name)) {
                throw new IllegalArgumentException("not a stream or rendition name");
            }
            streams.put(name, LiveStream.load(name, new StreamFiles(dir), profiles, clock));
        } catch (IOException | PlaylistException | IllegalArgumentException e) {
            log.warn("origin: skipping stored stream {}: {}", name, e.getMessage());
        }
    }

    /** Keeps a segment uploaded with a valid key until a playlist lists it. */
    CompletableFuture<Void> stage(String stream, String file, byte[] data) {
        return onStream(stream, s -> s.stage(file, data));
    }

    CompletableFuture<Void> delete(String stream, String file) {
        return onStream(stream, s -> s.unstage(file));
    }

    /** Applies an encoder's playlist, sent with a valid key. */
    CompletableFuture<Void> acceptPlaylist(String stream, String text) {
        return onStream(stream, s -> s.acceptPlaylist(text));
    }

    /** Gives {@code stream} to a publisher that hands over whole segments; see {@link LiveStream#claim}. */
    CompletableFuture<Void> claim(String stream, InetAddress from) {
        return onStream(stream, s -> s.claim(from, endedAfter));
    }

    CompletableFuture<Void> append(String stream, byte[] segment, Duration duration) {
        return onIngestThread(() -> {
            LiveStream s = streams.get(stream);
            if (s == null) {
                throw LiveStream.notBegun(stream);
            }
            s.append(segment, duration);
        });
    }

    CompletableFuture<Void> release(String stream) {
        return onIngestThread(() -> {
            LiveStream s = streams.get(stream);
            if (s != null) {
                s.release();
            }
        });
    }

    private CompletableFuture<Void> onStream(String name, Change change) {
        return onIngestThread(() -> change.apply(streams.computeIfAbsent(name,
                n -> LiveStream.create(n, new StreamFiles(root.resolve(n)), profiles, clock))));
    }

    private interface Work {
        void run() throws IOException, PlaylistException, StreamBusyException;
    }

    private CompletableFuture<Void> onIngestThread(Work work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            ingest.execute(() -> {
                try {
                    work.run();
                    done.complete(null);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // The origin stopped between a publisher's look at it and this call.
            done.completeExceptionally(new IllegalStateException("the origin is stopped"));
        }
        return done;
    }

    /** How long the segments the node cuts for {@code stream} should be; empty leaves it to the ingest. */
    Optional<Duration> segmentTarget(String stream) {
        return profiles.segmentTarget(stream);
    }

    Optional<LiveStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    /**
     * The master playlist of {@code stream} as a player gets it now: every rendition with segments,
     * measured from them. Empty for a stream without renditions, whose own playlist stays its entry.
     */
    Optional<Servable> master(String stream) {
        List<MasterPlaylist.Variant> variants = new ArrayList<>();
        long target = 1;
        boolean allEnded = true;
        for (Map.Entry<String, LiveStream.View> r : renditions(stream).entrySet()) {
            LiveStream.View v = r.getValue();
            variants.add(new MasterPlaylist.Variant(r.getKey() + "/" + OriginPath.LIVE_PLAYLIST, v.peakBitrate(),
                    v.ingestBitrate(), v.format()));
            target = Math.max(target, v.targetDuration());
            allEnded &= v.ended();
        }
        if (variants.isEmpty()) {
            return Optional.empty();
        }
        String cache = allEnded ? CachePolicy.ENDED_PLAYLIST : CachePolicy.livePlaylist(target);
        return Optional.of(Servable.ofText(MasterPlaylistCodec.write(new MasterPlaylist(variants)), MediaTypes.PLAYLIST,
                clock.instant(), cache));
    }

    /** The renditions of {@code stream} its master playlist lists now, by name. */
    private Map<String, LiveStream.View> renditions(String stream) {
        String prefix = stream + "/";
        Map<String, LiveStream.View> out = new LinkedHashMap<>();
        for (LiveStream s : streams.values()) {
            if (s.name().startsWith(prefix)) {
                listed(s).ifPresent(v -> out.put(s.name().substring(prefix.length()), v));
            }
        }
        return out;
    }

    /** What a master playlist lists of a rendition: its view while it has segments. */
    private static Optional<LiveStream.View> listed(LiveStream rendition) {
        return rendition.view().filter(v -> v.ingestBitrate() > 0);
    }

    /** Where requests for the master playlist of {@code stream} are counted. */
    StreamTraffic masterTraffic(String stream) {
        return masterTraffic.computeIfAbsent(stream, n -> new StreamTraffic());
    }

    void addTrafficTo(List<OriginTraffic> out) {
        streams.values().forEach(s -> s.traffic().addTo(s.name(), out));
        masterTraffic.forEach((name, traffic) -> traffic.addTo(name, out));
    }

    List<StreamStats> stats() {
        List<StreamStats> all = new ArrayList<>();
        // By stream, its renditions in a master playlist: one pass, however many streams there are.
        Map<String, List<String>> renditions = new HashMap<>();
        for (LiveStream s : streams.values()) {
            int slash = s.name().indexOf('/');
            if (slash > 0 && listed(s).isPresent()) {
                renditions.computeIfAbsent(s.name().substring(0, slash), k -> new ArrayList<>())
                        .add(s.name().substring(slash + 1));
            }
        }
        streams.values().forEach(s -> all.add(s.stats(renditions.getOrDefault(s.name(), List.of()))));
        all.sort(Comparator.comparing(StreamStats::name));
        return all;
    }

    private void endSilentStreams() {
        for (LiveStream s : streams.values()) {
            try {
                if (s.endIfIdle(endedAfter)) {
                    log.info("origin: stream {} ended, no upload for {}", s.name(), endedAfter);
                }
            } catch (IOException | RuntimeException e) {
                // An exception escaping would cancel the periodic check for every stream.
                log.warn("origin: cannot end stream {}: {}", s.name(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        ingest.shutdownNow();
        try {
            if (ingest.awaitTermination(5, TimeUnit.SECONDS)) {
                // Nothing changes the streams any more, so this thread may.
                streams.values().forEach(LiveStream::close);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
