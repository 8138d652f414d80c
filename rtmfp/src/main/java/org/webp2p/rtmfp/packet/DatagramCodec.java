package org.webp2p.rtmfp.packet;

import java.util.Arrays;
import java.util.Optional;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.wire.MalformedInputException;

/**
 * Turns packets into datagrams and back (RFC 7016 §2.2): scrambled session ID, then the
 * encrypted packet. Stateless; the caller picks the cipher from the session ID.
 */
public final class DatagramCodec {
    /** Scrambled session ID length. */
    public static final int SESSION_ID_LENGTH = 4;

    private DatagramCodec() {
    }

    /** The datagram for {@code packet} addressed to the far end's {@code sessionId}. */
    public static byte[] encode(long sessionId, Packet packet, PacketCipher cipher) {
        return encrypt(sessionId, PacketCodec.encode(packet), cipher);
    }

    /**
     * As {@link #encode(long, Packet, PacketCipher)}, padded with 0xff filler (RFC 7016 §2.2.4) to
     * at least {@code minimumLength} bytes.
     */
    public static byte[] encode(long sessionId, Packet packet, PacketCipher cipher, int minimumLength) {
        byte[] plain = PacketCodec.encode(packet);
        int length = plain.length;
        int deficit;
        while ((deficit = minimumLength - SESSION_ID_LENGTH - cipher.encryptedLength(length)) > 0) {
            length += deficit;
        }
        byte[] padded = Arrays.copyOf(plain, length);
        Arrays.fill(padded, plain.length, length, (byte) 0xff);
        return encrypt(sessionId, padded, cipher);
    }

    /** The length {@link #encode(long, Packet, PacketCipher)} gives, computed without encrypting. */
    public static int encodedLength(Packet packet, PacketCipher cipher) {
        return SESSION_ID_LENGTH + cipher.encryptedLength(PacketCodec.encodedLength(packet));
    }

    private static byte[] encrypt(long sessionId, byte[] plain, PacketCipher cipher) {
        byte[] encrypted = cipher.encrypt(plain);
        byte[] datagram = new byte[SESSION_ID_LENGTH + encrypted.length];
        System.arraycopy(encrypted, 0, datagram, SESSION_ID_LENGTH, encrypted.length);
        long scrambled = ScrambledSessionId.scramble(sessionId, encrypted, 0);
        datagram[0] = (byte) (scrambled >>> 24);
        datagram[1] = (byte) (scrambled >>> 16);
        datagram[2] = (byte) (scrambled >>> 8);
        datagram[3] = (byte) scrambled;
        return datagram;
    }

    /**
     * Reads the session ID a datagram is addressed to.
     *
     * @return the session ID, or -1 if the datagram is too short to hold an encrypted packet
     */
    public static long sessionIdOf(byte[] datagram) {
        if (datagram.length < SESSION_ID_LENGTH + ScrambledSessionId.MIN_ENCRYPTED_LENGTH) {
            return -1;
        }
        long scrambled = ((long) (datagram[0] & 0xff) << 24) | ((datagram[1] & 0xff) << 16)
                | ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff);
        return ScrambledSessionId.unscramble(scrambled, datagram, SESSION_ID_LENGTH);
    }

    /**
     * Decrypts and parses the packet in {@code datagram}.
     *
     * @return the packet, or empty if decryption or the checksum failed
     * @throws MalformedInputException if the plain packet is malformed
     */
    public static Optional<Packet> decode(byte[] datagram, PacketCipher cipher) {
        return cipher.decrypt(datagram, SESSION_ID_LENGTH, datagram.length - SESSION_ID_LENGTH)
                .map(plain -> PacketCodec.decode(plain, 0, plain.length));
    }
}
