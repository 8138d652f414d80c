package org.webp2p.rtmfp.wire;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One element of an RFC 7016 §2.1.3 option list: a VLU length covering a VLU type and a value.
 * A zero length is a marker, which ends option lists that are followed by other data.
 */
public record WireOption(long type, byte[] value) {
    public WireOption {
        if (type < 0) {
            throw new IllegalArgumentException("option type must be non-negative");
        }
        value = Objects.requireNonNull(value).clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Reads the value as a VLU, as the group-number options of RFC 7425 §4.3 do. */
    public long leadingVlu() {
        return new WireReader(value).readVlu();
    }

    public void writeTo(WireWriter out) {
        out.writeVlu(Vlu.encodedLength(type) + (long) value.length);
        out.writeVlu(type);
        out.writeBytes(value);
    }

    /**
     * Reads one option, or returns null for a marker.
     *
     * @throws MalformedInputException if the option overruns its container
     */
    public static @Nullable WireOption readFrom(WireReader in) {
        int length = in.readVluInt();
        if (length == 0) {
            return null;
        }
        WireReader body = in.slice(length);
        long type = body.readVlu();
        return new WireOption(type, body.readRemaining());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireOption other && other.type == type && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(type) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "WireOption[type=0x" + Long.toHexString(type) + ", length=" + value.length + "]";
    }
}
