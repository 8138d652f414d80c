package org.webp2p.nat.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Encodes and decodes attribute values (type and length are framed by {@link StunCodec}). */
final class AttributeCodec {
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;

    /** The types decoded into their own records; everything else stays opaque. */
    static final Set<Integer> INTERPRETED = Set.of(MappedAddress.TYPE, XorMappedAddress.TYPE, ResponseOrigin.TYPE,
            OtherAddress.TYPE, ChangedAddress.TYPE, SourceAddress.TYPE, ChangeRequest.TYPE, ResponsePort.TYPE,
            Padding.TYPE, Software.TYPE, Fingerprint.TYPE, ErrorCode.TYPE, UnknownAttributes.TYPE);

    private AttributeCodec() {
    }

    /** The value bytes; {@code header} is the 16 bytes after the length field, the XOR key. */
    static byte[] encodeValue(StunAttribute attribute, byte[] header) {
        // Java 17 has no pattern matching for switch, hence the instanceof chain over the sealed types.
        if (attribute instanceof XorMappedAddress a) {
            return encodeAddress(a.address(), header);
        } else if (attribute instanceof AddressAttribute a) {
            return encodeAddress(a.address(), null);
        } else if (attribute instanceof ChangeRequest c) {
            return new byte[] {0, 0, 0, (byte) ((c.changeIp() ? 4 : 0) | (c.changePort() ? 2 : 0))};
        } else if (attribute instanceof ResponsePort p) {
            return new byte[] {(byte) (p.port() >>> 8), (byte) p.port(), 0, 0};
        } else if (attribute instanceof Padding p) {
            return new byte[p.length()];
        } else if (attribute instanceof Software s) {
            return s.description().getBytes(StandardCharsets.UTF_8);
        } else if (attribute instanceof ErrorCode e) {
            return encodeErrorCode(e);
        } else if (attribute instanceof UnknownAttributes u) {
            return encodeUnknownAttributes(u);
        } else if (attribute instanceof OpaqueAttribute o) {
            return o.value();
        }
        throw new IllegalArgumentException("FINGERPRINT is computed over the whole message, not encoded alone");
    }

    /**
     * Decodes an interpreted type (see {@link #INTERPRETED}); FINGERPRINT is checked by the caller.
     * A record's constructor may still refuse the value with {@link IllegalArgumentException}.
     */
    static StunAttribute decodeValue(int type, byte[] v, byte[] header) throws MalformedStunException {
        return switch (type) {
            case MappedAddress.TYPE -> new MappedAddress(decodeAddress(v, null));
            case XorMappedAddress.TYPE -> new XorMappedAddress(decodeAddress(v, header));
            case ResponseOrigin.TYPE -> new ResponseOrigin(decodeAddress(v, null));
            case OtherAddress.TYPE -> new OtherAddress(decodeAddress(v, null));
            case ChangedAddress.TYPE -> new ChangedAddress(decodeAddress(v, null));
            case SourceAddress.TYPE -> new SourceAddress(decodeAddress(v, null));
            case ChangeRequest.TYPE -> {
                requireLength(v, 4, "CHANGE-REQUEST");
                yield new ChangeRequest((v[3] & 4) != 0, (v[3] & 2) != 0);
            }
            case ResponsePort.TYPE -> {
                requireLength(v, 4, "RESPONSE-PORT");
                yield new ResponsePort((v[0] & 0xFF) << 8 | v[1] & 0xFF);
            }
            case Padding.TYPE -> new Padding(v.length);
            case Software.TYPE -> decodeSoftware(v);
            case ErrorCode.TYPE -> decodeErrorCode(v);
            case UnknownAttributes.TYPE -> decodeUnknownAttributes(v);
            default -> throw new IllegalArgumentException("not an interpreted type: " + type);
        };
    }

    private static byte[] encodeAddress(InetSocketAddress address, byte[] xorKey) {
        byte[] ip = address.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        v[2] = (byte) (address.getPort() >>> 8);
        v[3] = (byte) address.getPort();
        System.arraycopy(ip, 0, v, 4, ip.length);
        if (xorKey != null) {
            xor(v, xorKey);
        }
        return v;
    }

    private static InetSocketAddress decodeAddress(byte[] v, byte[] xorKey) throws MalformedStunException {
        if (v.length < 4) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, "address attribute too short");
        }
        int family = v[1] & 0xFF;
        int expected = family == FAMILY_IPV4 ? 8 : family == FAMILY_IPV6 ? 20 : -1;
        if (expected < 0 || v.length != expected) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE,
                    "address family " + family + " with " + v.length + " bytes");
        }
        byte[] plain = v.clone();
        if (xorKey != null) {
            xor(plain, xorKey);
        }
        int port = (plain[2] & 0xFF) << 8 | plain[3] & 0xFF;
        byte[] ip = new byte[plain.length - 4];
        System.arraycopy(plain, 4, ip, 0, ip.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }

    /**
     * XORs the port with the cookie's top 16 bits and the address with the cookie, then the
     * transaction ID (RFC 8489 §14.2); for a classic message the key is its 128-bit ID.
     */
    private static void xor(byte[] v, byte[] key) {
        v[2] ^= key[0];
        v[3] ^= key[1];
        for (int i = 4; i < v.length; i++) {
            v[i] ^= key[i - 4];
        }
    }

    private static byte[] encodeErrorCode(ErrorCode e) {
        byte[] reason = e.reason().getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[4 + reason.length];
        v[2] = (byte) (e.code() / 100);
        v[3] = (byte) (e.code() % 100);
        System.arraycopy(reason, 0, v, 4, reason.length);
        return v;
    }

    private static ErrorCode decodeErrorCode(byte[] v) throws MalformedStunException {
        if (v.length < 4) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, "ERROR-CODE too short");
        }
        int errorClass = v[2] & 0x07;
        int number = v[3] & 0xFF;
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, "ERROR-CODE " + errorClass + "/" + number);
        }
        return new ErrorCode(errorClass * 100 + number, utf8(v, 4, "ERROR-CODE reason"));
    }

    private static byte[] encodeUnknownAttributes(UnknownAttributes u) {
        byte[] v = new byte[u.types().size() * 2];
        for (int i = 0; i < u.types().size(); i++) {
            v[2 * i] = (byte) (u.types().get(i) >>> 8);
            v[2 * i + 1] = (byte) (int) u.types().get(i);
        }
        return v;
    }

    private static UnknownAttributes decodeUnknownAttributes(byte[] v) throws MalformedStunException {
        if (v.length % 2 != 0) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, "UNKNOWN-ATTRIBUTES of odd length");
        }
        List<Integer> types = new ArrayList<>(v.length / 2);
        for (int i = 0; i < v.length; i += 2) {
            types.add((v[i] & 0xFF) << 8 | v[i + 1] & 0xFF);
        }
        return new UnknownAttributes(types);
    }

    private static Software decodeSoftware(byte[] v) throws MalformedStunException {
        return new Software(utf8(v, 0, "SOFTWARE"));
    }

    private static String utf8(byte[] v, int offset, String what) throws MalformedStunException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(v, offset, v.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, what + " is not UTF-8");
        }
    }

    private static void requireLength(byte[] v, int length, String what) throws MalformedStunException {
        if (v.length != length) {
            throw new MalformedStunException(DropReason.BAD_ATTRIBUTE, what + " of " + v.length + " bytes");
        }
    }
}
