package org.webp2p.rtmfp.wire;

import java.util.Arrays;

/** A growable byte sink that writes the RFC 7016 primitive types. */
public final class WireWriter {
    private byte[] buffer;
    private int size;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public int size() {
        return size;
    }

    public WireWriter writeU8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter writeU16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter writeU32(long value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Writes a Variable Length Unsigned integer (RFC 7016 §2.1.2). */
    public WireWriter writeVlu(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("VLU must be non-negative: " + value);
        }
        int length = Vlu.encodedLength(value);
        ensure(length);
        for (int i = length - 1; i >= 0; i--) {
            int group = (int) (value >>> (7 * i)) & 0x7f;
            buffer[size++] = (byte) (i == 0 ? group : group | 0x80);
        }
        return this;
    }

    public WireWriter writeBytes(byte[] bytes) {
        return writeBytes(bytes, 0, bytes.length);
    }

    public WireWriter writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    /** Writes a VLU length followed by the bytes. */
    public WireWriter writeVluPrefixedBytes(byte[] bytes) {
        writeVlu(bytes.length);
        return writeBytes(bytes);
    }

    /** Overwrites a 16-bit field written earlier, for lengths known only afterwards. */
    public void patchU16(int at, int value) {
        buffer[at] = (byte) (value >>> 8);
        buffer[at + 1] = (byte) value;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
