package org.webp2p.server.origin;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 */
final class LiveStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /** Work on a stream that may fail with a reason to send back. */
    private interface Change {
        void apply(LiveStream stream) throws IOException, PlaylistException, StreamBusyException;
    }

    private final Path root;
    private final int windowSize;
    private final Duration endedAfter;
    private final Clock clock;
    private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ingest;

    LiveStreams(Path root, int windowSize, Duration endedAfter, Clock clock) {
        this.root = root;
        this.windowSize = windowSize;
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
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(OriginPath.LIVE_PLAYLIST))).toList()) {
                String name = dir.getFileName().toString();
                try {
                    new OriginPath(OriginPath.Area.LIVE, name, OriginPath.LIVE_PLAYLIST);
                    streams.put(name, LiveStream.load(name, new StreamFiles(dir), windowSize, clock));
                } catch (IOException | PlaylistException | IllegalArgumentException e) {
                    log.warn("origin: skipping stored stream {}: {}", name, e.getMessage());
                }
            }
        }
        // Checking four times per allowed silence ends a stream at most a quarter late.
        long period = Math.max(50, Math.min(1000, endedAfter.toMillis() / 4));
        ingest.scheduleWithFixedDelay(this::endSilentStreams, period, period, TimeUnit.MILLISECONDS);
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
                n -> LiveStream.create(n, new StreamFiles(root.resolve(n)), windowSize, clock))));
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

    Optional<LiveStream> find(String name) {
        return Optional.ofNullable(streams.get(name));
    }

    void addTrafficTo(List<OriginTraffic> out) {
        streams.values().forEach(s -> s.traffic().addTo(s.name(), out));
    }

    List<StreamStats> stats() {
        List<StreamStats> all = new ArrayList<>();
        streams.values().forEach(s -> all.add(s.stats()));
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
