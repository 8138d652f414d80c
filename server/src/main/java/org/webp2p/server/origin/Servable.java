package org.webp2p.server.origin;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the origin can answer a GET with: bytes held in memory or a file on disk, with the
 * validators and cache policy that go with it. Immutable; built once, served many times.
 */
record Servable(Body body, String contentType, String etag, Optional<Instant> lastModified, String cacheControl) {

    Servable {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(cacheControl, "cacheControl");
        if (!etag.startsWith("\"") || !etag.endsWith("\"") || etag.length() < 3) {
            throw new IllegalArgumentException("a strong ETag is a quoted string: " + etag);
        }
    }

    /** Where the bytes are. */
    sealed interface Body permits InMemory, PooledBytes, OnDisk {
        long length();
    }

    /**
     * Bytes owned by the origin, read-only and outside the heap: a socket write takes them as they
     * are, where heap bytes would be copied to a direct buffer for every request.
     */
    record InMemory(ByteBuffer bytes) implements Body {
        InMemory {
            if (!bytes.isReadOnly() || !bytes.isDirect()) {
                throw new IllegalArgumentException("in-memory bodies are read-only direct buffers");
            }
        }

        static InMemory copyOf(byte[] data) {
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data);
            return new InMemory(direct.flip().asReadOnlyBuffer());
        }

        @Override
        public long length() {
            return bytes.capacity();
        }
    }

    /** A file sent with zero-copy transfer. */
    record OnDisk(Path path, long length) implements Body {
        OnDisk {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The body as UTF-8 text, read from memory or disk. */
    String text() throws IOException {
        if (body instanceof InMemory m) {
            return StandardCharsets.UTF_8.decode(m.bytes().duplicate()).toString();
        }
        if (body instanceof PooledBytes p) {
            Optional<ByteBuf> bytes = p.retainedSlice(0, p.length());
            if (bytes.isEmpty()) {
                return Files.readString(p.file(), StandardCharsets.UTF_8);
            }
            try {
                return bytes.get().toString(StandardCharsets.UTF_8);
            } finally {
                bytes.get().release();
            }
        }
        return Files.readString(((OnDisk) body).path(), StandardCharsets.UTF_8);
    }

    /** Generated or bundled bytes: the validator is a digest of the content. */
    static Servable ofBytes(byte[] bytes, String contentType, Optional<Instant> lastModified, String cacheControl) {
        return new Servable(InMemory.copyOf(bytes), contentType, digestTag(bytes), lastModified, cacheControl);
    }

    /** A file, or its bytes kept in memory: the validator is the file's size and time, as nginx makes it. */
    static Servable ofFile(Body body, Instant modified, String contentType, String cacheControl) {
        String etag = "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(body.length()) + "\"";
        return new Servable(body, contentType, etag, Optional.of(modified), cacheControl);
    }

    static Servable ofText(String text, String contentType, Instant modified, String cacheControl) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8), contentType, Optional.of(modified), cacheControl);
    }

    private static String digestTag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
