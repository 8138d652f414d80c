package org.webp2p.server.rtmp.media;

import java.util.Arrays;

/**
 * A growing byte array that is read in place: PES payloads are cut into TS packets straight from it,
 * and a segment is copied out once, when it is handed over. Unlike {@link java.io.ByteArrayOutputStream}
 * it takes no lock: a segment is written one TS packet at a time, tens of thousands of writes a second
 * per publisher, all on the connection's event loop.
 */
final class MediaBytes {
    private byte[] buf;
    private int size;

    MediaBytes(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, size, length);
        size += length;
    }

    /** The backing array; bytes from 0 to {@link #size()} are the content. */
    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (more > buf.length - size) {
            buf = Arrays.copyOf(buf, Math.max(size + more, 2 * buf.length));
        }
    }
}
