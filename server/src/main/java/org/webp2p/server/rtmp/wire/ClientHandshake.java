package org.webp2p.server.rtmp.wire;

import java.util.Random;

/**
 * The client's side of the digest handshake, as ffmpeg does it: for the self-test's probe and for
 * tests, which check through it that the server's S1 and S2 carry the digests a strict client
 * verifies.
 */
public final class ClientHandshake {
    // The Flash Player version ffmpeg announces; any version of 3 or more says a digest is inside.
    private static final byte[] PLAYER_VERSION = {9, 0, 124, 2};

    private final byte[] c0c1 = new byte[Handshake.C0_C1_LENGTH];
    private final byte[] digest;

    public ClientHandshake(Random random) {
        random.nextBytes(c0c1);
        c0c1[0] = RtmpParams.VERSION;
        for (int i = 0; i < 4; i++) {
            c0c1[1 + i] = 0;
            c0c1[5 + i] = PLAYER_VERSION[i];
        }
        byte[] c1 = c1();
        digest = HandshakeDigest.signClientPacket(c1, HandshakeDigest.Layout.OFFSET_AT_8);
        System.arraycopy(c1, 0, c0c1, 1, c1.length);
    }

    /** C0 and C1, to send first. */
    public byte[] c0c1() {
        return c0c1.clone();
    }

    /**
     * Checks S0, S1 and S2 as a client that verifies the server does, and returns C2.
     *
     * @throws RtmpProtocolException when the answer is not version 3 or a digest does not match
     */
    public byte[] finish(byte[] s0s1s2) throws RtmpProtocolException {
        if (s0s1s2.length != 1 + 2 * RtmpParams.HANDSHAKE_SIZE || s0s1s2[0] != RtmpParams.VERSION) {
            throw new RtmpProtocolException(Violation.BAD_HANDSHAKE, "the server's S0 is not version 3");
        }
        byte[] s1 = new byte[RtmpParams.HANDSHAKE_SIZE];
        byte[] s2 = new byte[RtmpParams.HANDSHAKE_SIZE];
        System.arraycopy(s0s1s2, 1, s1, 0, s1.length);
        System.arraycopy(s0s1s2, 1 + s1.length, s2, 0, s2.length);
        boolean signed = false;
        for (HandshakeDigest.Layout layout : HandshakeDigest.Layout.values()) {
            signed |= HandshakeDigest.serverPacketSigned(s1, layout);
        }
        if (!signed) {
            throw new RtmpProtocolException(Violation.BAD_HANDSHAKE, "the server's S1 carries no valid digest");
        }
        if (!HandshakeDigest.answerSigned(s2, digest)) {
            throw new RtmpProtocolException(Violation.BAD_HANDSHAKE, "the server's S2 is not signed for our digest");
        }
        return s1; // servers do not check C2; an echo of S1 is the plain form's
    }

    private byte[] c1() {
        byte[] c1 = new byte[RtmpParams.HANDSHAKE_SIZE];
        System.arraycopy(c0c1, 1, c1, 0, c1.length);
        return c1;
    }
}
