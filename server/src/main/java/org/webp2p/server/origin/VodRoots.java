package org.webp2p.server.origin;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.webp2p.protocol.admin.StreamStats;

/**
 * Directories served as they are under {@code /vod/<directory name>/}. A path is resolved and then
 * checked against the root's real path, so neither {@code ..} nor a symbolic link leads outside.
 * Media playlists are served with the digests of their segments added ({@link DigestAnnotator}), so
 * viewers can share VOD segments as safely as live ones.
 */
final class VodRoots implements AutoCloseable {
    /** Larger playlists are served untouched rather than read into memory on each request. */
    private static final long MAX_ANNOTATED_PLAYLIST = 4 << 20;

    private record Root(Path dir, StreamTraffic traffic) {
    }

    private static final long DIRECTORY_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_CHECKED_DIRECTORIES = 10_000;

    private final Map<String, Root> roots;
    private final Map<Path, Long> insideRoot = new ConcurrentHashMap<>();
    private final VodDigests digests = new VodDigests();

    private VodRoots(Map<String, Root> roots) {
        this.roots = roots;
    }

    /** Starts hashing every segment under the roots in the background. */
    void warmDigests() {
        digests.warm(roots.values().stream().map(Root::dir).toList());
    }

    @Override
    public void close() {
        digests.close();
    }

    /** Parses {@code origin.vod-roots}: comma-separated directories that must exist. */
    static VodRoots parse(String setting) throws IOException {
        Map<String, Root> roots = new LinkedHashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Path dir = Path.of(entry.strip());
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("origin.vod-roots: " + dir + " is not a directory");
            }
            Path real = dir.toRealPath();
            String name = real.getFileName().toString();
            if (roots.putIfAbsent(name, new Root(real, new StreamTraffic())) != null) {
                throw new IllegalArgumentException("origin.vod-roots: two directories are named " + name);
            }
        }
        return new VodRoots(roots);
    }

    Optional<StreamTraffic> traffic(String root) {
        return Optional.ofNullable(roots.get(root)).map(Root::traffic);
    }

    /** The file at {@code relative} under the named root, if it is a regular file inside it. */
    Optional<Servable> resolve(String root, String relative) {
        Root r = roots.get(root);
        if (r == null) {
            return Optional.empty();
        }
        try {
            // OriginPath let no "." or ".." through, so only a symbolic link can lead outside.
            Path file = r.dir().resolve(relative);
            BasicFileAttributes attrs =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                file = file.toRealPath();
                if (!file.startsWith(r.dir())) {
                    return Optional.empty();
                }
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } else if (!directoryInside(file.getParent(), r.dir())) {
                return Optional.empty();
            }
            if (!attrs.isRegularFile()) {
                return Optional.empty();
            }
            String name = file.getFileName().toString();
            if (name.endsWith(".m3u8") && attrs.size() <= MAX_ANNOTATED_PLAYLIST) {
                Path dir = file.getParent();
                DigestAnnotator.Annotated a = DigestAnnotator.annotate(Files.readString(file),
                        uri -> segmentDigest(r.dir(), dir, uri));
                return Optional.of(Servable.ofText(a.text(), MediaTypes.PLAYLIST, attrs.lastModifiedTime().toInstant(),
                        a.complete() ? CachePolicy.VOD_PLAYLIST : CachePolicy.VOD_PLAYLIST_INCOMPLETE));
            }
            String cache = name.endsWith(".m3u8") ? CachePolicy.VOD_PLAYLIST : CachePolicy.SEGMENT;
            return Optional.of(Servable.ofFile(new Servable.OnDisk(file, attrs.size()),
                    attrs.lastModifiedTime().toInstant(), MediaTypes.of(name), cache));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The digest of the segment a playlist in {@code dir} names by a relative URI, once computed. */
    private Optional<SegmentDigest> segmentDigest(Path root, Path dir, String uri) {
        if (uri.contains(":") || uri.startsWith("/")) {
            return Optional.empty(); // absolute: served from elsewhere, nothing to vouch for
        }
        int cut = uri.indexOf('?');
        String path = URLDecoder.decode(cut < 0 ? uri : uri.substring(0, cut), StandardCharsets.UTF_8);
        try {
            Path file = dir.resolve(path).normalize();
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                file = file.toRealPath();
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            }
            if (!file.startsWith(root) || !attrs.isRegularFile()) {
                return Optional.empty();
            }
            return digests.get(file, attrs);
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a directory's real path lies inside the root. Resolving it costs a system call per path
     * element, so a positive answer is remembered for a few seconds.
     */
    private boolean directoryInside(Path dir, Path root) throws IOException {
        if (dir.equals(root)) {
            return true;
        }
        long now = System.nanoTime();
        Long checkedAt = insideRoot.get(dir);
        if (checkedAt != null && now - checkedAt < DIRECTORY_CHECK_NANOS) {
            return true;
        }
        if (!dir.toRealPath().startsWith(root)) {
            return false;
        }
        if (insideRoot.size() >= MAX_CHECKED_DIRECTORIES) {
            insideRoot.clear();
        }
        insideRoot.put(dir, now);
        return true;
    }

    void addTrafficTo(List<OriginTraffic> out) {
        roots.forEach((name, r) -> r.traffic().addTo(name, out));
    }

    List<StreamStats> stats() {
        List<StreamStats> all = new ArrayList<>();
        roots.forEach((name, r) -> all.add(new StreamStats(name, StreamStats.Kind.VOD, Optional.empty(), 0, 0,
                Optional.empty(), r.traffic().requests(), r.traffic().bytesOut(), r.traffic().notModifiedCount())));
        return all;
    }
}
