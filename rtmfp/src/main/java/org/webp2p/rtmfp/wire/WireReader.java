package org.webp2p.rtmfp.wire;

import java.util.Arrays;

/**
 * A bounds-checked cursor over a byte range that reads the RFC 7016 primitive types.
 *
 * <p>Every read that would run past the limit throws {@link MalformedInputException} instead of
 * returning garbage, so a truncated packet can never be half-understood.
 */
public final class WireReader {
    private final byte[] bytes;
    private int position;
    private final int limit;

    /** Reads {@code bytes[offset, offset + length)}. */
    public WireReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IllegalArgumentException("range outside array");
        }
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    /** Reads the whole array. */
    public WireReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    public int position() {
        return position;
    }

    private void require(int count, String what) {
        if (count < 0 || count > limit - position) {
            throw new MalformedInputException("truncated " + what);
        }
    }

    public int readU8() {
        require(1, "byte");
        return bytes[position++] & 0xff;
    }

    public int peekU8() {
        require(1, "byte");
        return bytes[position] & 0xff;
    }

    public int readU16() {
        require(2, "16-bit field");
        int value = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
        position += 2;
        return value;
    }

    public long readU32() {
        require(4, "32-bit field");
        long value = ((long) (bytes[position] & 0xff) << 24) | ((bytes[position + 1] & 0xff) << 16)
                | ((bytes[position + 2] & 0xff) << 8) | (bytes[position + 3] & 0xff);
        position += 4;
        return value;
    }

    /** Reads a Variable Length Unsigned integer (RFC 7016 §2.1.2). */
    public long readVlu() {
        long value = 0;
        for (int i = 0; i < Vlu.MAX_LENGTH; i++) {
            int b = readU8();
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedInputException("VLU longer than " + Vlu.MAX_LENGTH + " bytes");
    }

    /** Reads a VLU that must fit an int (lengths, counts). */
    public int readVluInt() {
        long value = readVlu();
        if (value > Integer.MAX_VALUE) {
            throw new MalformedInputException("VLU too large: " + value);
        }
        return (int) value;
    }

    public byte[] readBytes(int count) {
        require(count, "byte string");
        byte[] out = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return out;
    }

    /** Reads a VLU length followed by that many bytes. */
    public byte[] readVluPrefixedBytes() {
        return readBytes(readVluInt());
    }

    public byte[] readRemaining() {
        return readBytes(remaining());
    }

    /** Returns a reader over the next {@code count} bytes and skips them here. */
    public WireReader slice(int count) {
        require(count, "nested field");
        WireReader nested = new WireReader(bytes, position, count);
        position += count;
        return nested;
    }

    public void skip(int count) {
        require(count, "skipped field");
        position += count;
    }
}
