package org.webp2p.server.rtmp.wire;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 digests of the handshake Flash Player 9 introduced and every encoder still sends
 * (the 2012 specification describes only the plain form). A 1536-byte packet hides a 32-byte digest
 * at an offset it names itself, in one of two layouts; the digest covers the other 1504 bytes and is
 * keyed with the open part of the sender's key. The answer to a digest is signed with a key derived
 * from it, which proves the server read the client's packet.
 */
final class HandshakeDigest {
    static final int LENGTH = 32;

    // The 32 bytes both published keys end with; the open parts before them name the sender.
    private static final byte[] KEY_TAIL = HexFormat.of().parseHex(
            "f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");
    private static final byte[] PLAYER_OPEN = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_OPEN = "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_FULL = concat(SERVER_OPEN, KEY_TAIL);

    /** Where a packet says its digest is: four bytes whose sum, modulo 728, is the offset past them. */
    enum Layout {
        // The layout of plain RTMP clients (ffmpeg, librtmp and so OBS): the offset bytes follow time and version.
        OFFSET_AT_8(8),
        // The layout of RTMPE clients and of some servers: the offset bytes halfway through.
        OFFSET_AT_772(772);

        private final int offsetBytes;

        Layout(int offsetBytes) {
            this.offsetBytes = offsetBytes;
        }

        int digestAt(byte[] packet) {
            int sum = 0;
            for (int i = 0; i < 4; i++) {
                sum += packet[offsetBytes + i] & 0xff;
            }
            return offsetBytes + 4 + sum % 728;
        }
    }

    /** The client's digest as it found it: where it sits and the 32 bytes. */
    record ClientDigest(Layout layout, byte[] digest) {
    }

    private HandshakeDigest() {
    }

    /** The layout in which {@code c1} carries a valid Flash Player digest, if it carries one. */
    static Optional<ClientDigest> findClientDigest(byte[] c1) {
        for (Layout layout : Layout.values()) {
            int at = layout.digestAt(c1);
            byte[] expected = digest(c1, at, PLAYER_OPEN);
            if (MessageDigest.isEqual(expected, slice(c1, at))) {
                return Optional.of(new ClientDigest(layout, expected));
            }
        }
        return Optional.empty();
    }

    /** Writes the server's digest into {@code s1} where {@code layout} puts it. */
    static void signServerPacket(byte[] s1, Layout layout) {
        int at = layout.digestAt(s1);
        System.arraycopy(digest(s1, at, SERVER_OPEN), 0, s1, at, LENGTH);
    }

    /** Writes into the last 32 bytes of {@code s2} its signature under a key derived from the client's digest. */
    static void signAnswer(byte[] s2, byte[] clientDigest) {
        byte[] key = hmac(SERVER_FULL, clientDigest, 0, clientDigest.length);
        byte[] signature = hmac(key, s2, 0, s2.length - LENGTH);
        System.arraycopy(signature, 0, s2, s2.length - LENGTH, LENGTH);
    }

    /** What a client checks: the digest of {@code s1} at its layout, keyed as a server keys it. */
    static boolean serverPacketSigned(byte[] s1, Layout layout) {
        int at = layout.digestAt(s1);
        return MessageDigest.isEqual(digest(s1, at, SERVER_OPEN), slice(s1, at));
    }

    /** What a client checks: the signature at the end of {@code s2} for its own digest. */
    static boolean answerSigned(byte[] s2, byte[] clientDigest) {
        byte[] copy = s2.clone();
        signAnswer(copy, clientDigest);
        return MessageDigest.isEqual(copy, s2);
    }

    /** Writes a client's digest into {@code c1}, as Flash Player does; for probes and tests. */
    static byte[] signClientPacket(byte[] c1, Layout layout) {
        int at = layout.digestAt(c1);
        byte[] digest = digest(c1, at, PLAYER_OPEN);
        System.arraycopy(digest, 0, c1, at, LENGTH);
        return digest;
    }

    private static byte[] digest(byte[] packet, int at, byte[] key) {
        Mac mac = mac(key);
        mac.update(packet, 0, at);
        mac.update(packet, at + LENGTH, packet.length - at - LENGTH);
        return mac.doFinal();
    }

    private static byte[] hmac(byte[] key, byte[] data, int offset, int length) {
        Mac mac = mac(key);
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] slice(byte[] packet, int at) {
        byte[] out = new byte[LENGTH];
        System.arraycopy(packet, at, out, 0, LENGTH);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
