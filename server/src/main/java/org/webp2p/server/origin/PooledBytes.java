package org.webp2p.server.origin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live segment's bytes in a pooled direct buffer, which the live window holds until it
 * {@link #letGo lets the segment go} and every response being written holds through a
 * {@link #retainedSlice retained slice} (Netty releases a message once it is written or its channel
 * closes). The memory goes back to the pool when the last of them is done. A fresh direct buffer per
 * segment cost the ingest path more than muxing it: the JVM zeroes it and the kernel faults its pages
 * in, every two seconds per stream.
 *
 * <p>Readers on the event loops race the ingest thread's {@link #letGo}: a reader first claims the
 * bytes with a compare-and-set that never revives a count that reached zero, because a pooled buffer
 * released once may already be another segment's.
 */
final class PooledBytes implements Servable.Body {
    private static final ByteBufAllocator POOL = PooledByteBufAllocator.DEFAULT;

    private final ByteBuf buf;
    private final Path file;
    // The window's claim plus readers cutting a slice just now; the buffer is freed when it reaches 0.
    private final AtomicInteger claims = new AtomicInteger(1);
    private final AtomicBoolean letGo = new AtomicBoolean();

    private PooledBytes(ByteBuf buf, Path file) {
        this.buf = buf;
        this.file = file;
    }

    /** {@code data}, whose copy on disk is {@code file}. */
    static PooledBytes copyOf(byte[] data, Path file) {
        ByteBuf buf = POOL.directBuffer(data.length, data.length);
        buf.writeBytes(data);
        return new PooledBytes(buf, file);
    }

    /**
     * Where the same bytes are on disk: a response that finds them let go reads them there, which
     * works after the stream ended and fails once the segment has left the window.
     */
    Path file() {
        return file;
    }

    @Override
    public long length() {
        return buf.writerIndex();
    }

    /**
     * {@code count} bytes from {@code first}, which the caller owns and must release (writing them
     * does); empty once the window has let the segment go and the last response is done.
     */
    Optional<ByteBuf> retainedSlice(long first, long count) {
        if (!claim()) {
            return Optional.empty();
        }
        try {
            return Optional.of(buf.retainedSlice((int) first, (int) count));
        } finally {
            unclaim();
        }
    }

    /** The window's claim, given up once; responses still being written keep the bytes until done. */
    void letGo() {
        if (letGo.compareAndSet(false, true)) {
            unclaim();
        }
    }

    /** The bytes, to write them to a file; only while the window holds them. */
    ByteBuffer view() {
        return buf.nioBuffer(0, buf.writerIndex()).asReadOnlyBuffer();
    }

    /** The buffer's reference count, for tests: 0 once the memory is back in the pool. */
    int refCnt() {
        return buf.refCnt();
    }

    private boolean claim() {
        for (int n = claims.get(); n > 0; n = claims.get()) {
            if (claims.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    private void unclaim() {
        if (claims.decrementAndGet() == 0) {
            buf.release();
        }
    }
}
