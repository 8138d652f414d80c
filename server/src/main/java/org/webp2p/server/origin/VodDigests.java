package org.webp2p.server.origin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digests of VOD segment files, computed on one background thread and kept while a file keeps its
 * size and modification time. Hashing a film's segments on the request path would keep its first
 * viewer waiting, so a playlist is served with the digests known so far and the rest are queued.
 */
final class VodDigests implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VodDigests.class);
    private static final int MAX_QUEUED = 100_000;
    private static final int MAX_WALK_DEPTH = 8;

    private record Known(long size, long modifiedMillis, SegmentDigest digest) {
    }

    private final Map<Path, Known> known = new ConcurrentHashMap<>();
    private final Set<Path> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor hasher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
                Thread t = new Thread(r, "webp2p-vod-digests");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });

    /** The digest of {@code file} as it is now ({@code attrs}), or empty while it is being computed. */
    Optional<SegmentDigest> get(Path file, BasicFileAttributes attrs) {
        Known k = known.get(file);
        if (k != null && k.size() == attrs.size() && k.modifiedMillis() == attrs.lastModifiedTime().toMillis()) {
            return Optional.of(k.digest());
        }
        queue(file);
        return Optional.empty();
    }

    /** Hashes, in the background, every media segment under the roots, so first viewers find digests. */
    void warm(Iterable<Path> roots) {
        submit(() -> {
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root, MAX_WALK_DEPTH)) {
                    files.filter(f -> MediaTypes.ofMedia(f.getFileName().toString()).isPresent()
                            && Files.isRegularFile(f)).forEach(this::queue);
                } catch (IOException | RuntimeException e) {
                    log.warn("VOD root {} not fully scanned for digests: {}", root, e.toString());
                }
            }
        });
    }

    private void queue(Path file) {
        if (queued.add(file) && !submit(() -> hash(file))) {
            queued.remove(file);
        }
    }

    private boolean submit(Runnable task) {
        try {
            hasher.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false; // asked again at the next playlist request
        }
    }

    private void hash(Path file) {
        try {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
            SegmentDigest digest = SegmentDigest.of(file);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            // A file rewritten while it was read gives no trustworthy digest; the next request retries.
            if (before.lastModifiedTime().equals(after.lastModifiedTime()) && after.size() == digest.bytes()) {
                known.put(file, new Known(after.size(), after.lastModifiedTime().toMillis(), digest));
            }
        } catch (IOException e) {
            log.debug("no digest for {}: {}", file, e.toString());
        } finally {
            queued.remove(file);
        }
    }

    @Override
    public void close() {
        hasher.shutdownNow();
    }
}
