package org.webp2p.nat.stun;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Turns {@link StunMessage}s into datagrams and back (RFC 8489 §5, §14; RFC 3489 §11 for classic
 * messages). Stateless and thread-safe.
 */
public final class StunCodec {
    /** Bytes in the fixed header. */
    public static final int HEADER_LENGTH = 20;

    private static final int ATTRIBUTE_HEADER_LENGTH = 4;
    private static final int FINGERPRINT_LENGTH = ATTRIBUTE_HEADER_LENGTH + 4;

    private StunCodec() {
    }

    /** The datagram for {@code message}, with FINGERPRINT computed if the message has one. */
    public static byte[] encode(StunMessage message) {
        byte[] header = message.transactionId().headerBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0);
        out.writeBytes(header);
        for (StunAttribute attribute : message.attributes()) {
            if (attribute instanceof Fingerprint) {
                continue;
            }
            byte[] value = AttributeCodec.encodeValue(attribute, header);
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("attribute value too long: " + attribute);
            }
            writeShort(out, attribute.type());
            writeShort(out, value.length);
            out.writeBytes(value);
            out.writeBytes(new byte[padding(value.length)]);
        }
        int trailer = message.hasFingerprint() ? FINGERPRINT_LENGTH : 0;
        byte[] datagram = new byte[out.size() + trailer];
        System.arraycopy(out.toByteArray(), 0, datagram, 0, out.size());
        int length = datagram.length - HEADER_LENGTH;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("message longer than 65535 bytes after the header");
        }
        putShort(datagram, 0, message.type().encode());
        putShort(datagram, 2, length);
        if (trailer > 0) {
            int at = datagram.length - FINGERPRINT_LENGTH;
            putShort(datagram, at, Fingerprint.TYPE);
            putShort(datagram, at + 2, 4);
            putInt(datagram, at + 4, fingerprint(datagram, at));
        }
        return datagram;
    }

    /** Decodes a whole datagram. */
    public static StunMessage decode(byte[] datagram) throws MalformedStunException {
        return decode(datagram, 0, datagram.length);
    }

    /**
     * Decodes {@code length} bytes at {@code offset}. Unknown attributes become {@link OpaqueAttribute}s;
     * whether they may be ignored is the receiver's decision (RFC 8489 §6.3.1).
     */
    public static StunMessage decode(byte[] buf, int offset, int length) throws MalformedStunException {
        if (length < HEADER_LENGTH) {
            throw new MalformedStunException(DropReason.TRUNCATED, length + " bytes");
        }
        int typeField = getShort(buf, offset);
        int bodyLength = getShort(buf, offset + 2);
        if ((typeField & 0xC000) != 0 || bodyLength % 4 != 0) {
            throw new MalformedStunException(DropReason.NOT_STUN, String.format("type 0x%04x length %d",
                    typeField, bodyLength));
        }
        if (HEADER_LENGTH + bodyLength != length) {
            throw new MalformedStunException(DropReason.LENGTH_MISMATCH,
                    "header says " + bodyLength + ", datagram has " + (length - HEADER_LENGTH));
        }
        byte[] message = new byte[length];
        System.arraycopy(buf, offset, message, 0, length);
        TransactionId id = TransactionId.fromHeader(message, 4);
        byte[] header = id.headerBytes();
        List<StunAttribute> attributes = new ArrayList<>();
        int at = HEADER_LENGTH;
        while (at < length) {
            if (!attributes.isEmpty() && attributes.get(attributes.size() - 1) instanceof Fingerprint) {
                throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, "attribute after FINGERPRINT");
            }
            if (at + ATTRIBUTE_HEADER_LENGTH > length) {
                throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, "truncated attribute header");
            }
            int type = getShort(message, at);
            int valueLength = getShort(message, at + 2);
            int valueAt = at + ATTRIBUTE_HEADER_LENGTH;
            if (valueAt + valueLength > length) {
                throw new MalformedStunException(DropReason.BAD_ATTRIBUTE,
                        String.format("attribute 0x%04x overruns the message", type));
            }
            byte[] value = new byte[valueLength];
            System.arraycopy(message, valueAt, value, 0, valueLength);
            if (type == Fingerprint.TYPE) {
                checkFingerprint(message, at, value);
                attributes.add(new Fingerprint());
            } else if (AttributeCodec.INTERPRETED.contains(type)) {
                attributes.add(decodeInterpreted(type, value, header));
            } else {
                attributes.add(new OpaqueAttribute(type, value));
            }
            at = valueAt + valueLength + padding(valueLength);
        }
        return new StunMessage(StunMessageType.decode(typeField), id, attributes);
    }

    private static StunAttribute decodeInterpreted(int type, byte[] value, byte[] header)
            throws MalformedStunException {
        try {
            return AttributeCodec.decodeValue(type, value, header);
        } catch (IllegalArgumentException e) {
            // A record refusing a decoded value (an over-long reason, say) is bad input, not a bug.
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, e.getMessage());
        }
    }

    private static void checkFingerprint(byte[] message, int at, byte[] value) throws MalformedStunException {
        if (value.length != 4) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, "FINGERPRINT of " + value.length + " bytes");
        }
        int expected = fingerprint(message, at);
        if (getInt(value, 0) != expected) {
            throw new MalformedStunException(DropReason.BAD_FINGERPRINT, "CRC mismatch");
        }
    }

    /**
     * CRC-32 of the bytes before the FINGERPRINT at {@code at}, XOR 0x5354554e. The length field must
     * already count the FINGERPRINT itself, as it does on the wire.
     */
    private static int fingerprint(byte[] message, int at) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, at);
        return (int) crc.getValue() ^ Fingerprint.XOR_VALUE;
    }

    private static int padding(int valueLength) {
        return (4 - valueLength % 4) % 4;
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void putShort(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int i, int v) {
        putShort(b, i, v >>> 16);
        putShort(b, i + 2, v);
    }

    private static int getShort(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    private static int getInt(byte[] b, int i) {
        return getShort(b, i) << 16 | getShort(b, i + 2);
    }
}
