package org.webp2p.server.origin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of one live stream. Only names the origin made itself (or that {@link OriginPath}
 * accepted) reach it, and every write goes through a temporary file and an atomic rename, so a
 * reader or a crash never sees half a segment or half a playlist.
 */
final class StreamFiles {
    private final Path dir;

    StreamFiles(Path dir) {
        this.dir = dir;
    }

    /** Writes a whole file and returns its modification time, which validators are made from. */
    Instant write(String name, byte[] data) throws IOException {
        return write(name, ByteBuffer.wrap(data));
    }

    /**
     * Writes the remaining bytes of {@code data} as a whole file. From a direct buffer they reach the
     * file in one system call without a copy, where {@link Files#write} copies a live segment into
     * 8 KiB pieces and writes each.
     */
    Instant write(String name, ByteBuffer data) throws IOException {
        if (!Files.isDirectory(dir)) {
            // Not on every write: on a directory that exists, createDirectories fails a mkdir and
            // throws and catches an exception, twice per live segment.
            Files.createDirectories(dir);
        }
        Path target = path(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (data.hasRemaining()) {
                out.write(data);
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Files.getLastModifiedTime(target).toInstant();
    }

    void delete(String name) throws IOException {
        Files.deleteIfExists(path(name));
    }

    boolean exists(String name) {
        return Files.isRegularFile(path(name));
    }

    byte[] read(String name) throws IOException {
        return Files.readAllBytes(path(name));
    }

    Instant modified(String name) throws IOException {
        return Files.getLastModifiedTime(path(name)).toInstant();
    }

    long size(String name) throws IOException {
        return Files.size(path(name));
    }

    Path path(String name) {
        Path p = dir.resolve(name).normalize();
        if (!p.getParent().equals(dir.normalize())) {
            throw new IllegalArgumentException("not a file of this stream: " + name);
        }
        return p;
    }

    /** File names present, left-over temporary files included. */
    List<String> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
            return names;
        }
    }
}
