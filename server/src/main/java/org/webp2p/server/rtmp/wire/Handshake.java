package org.webp2p.server.rtmp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The server's side of the RTMP handshake (specification §5.2): C0 and C1 in, S0, S1 and S2 out,
 * then C2 in. A client whose C1 carries a Flash Player digest (ffmpeg, OBS through librtmp) gets a
 * signed S1 and an S2 signed for its digest, which such a client may check before it goes on; any
 * other client gets the plain form, S2 echoing its C1. Pure: the bytes come and go through the
 * caller, time and randomness are injected.
 */
public final class Handshake {
    /** C0 and C1 arrive together. */
    public static final int C0_C1_LENGTH = 1 + RtmpParams.HANDSHAKE_SIZE;
    public static final int C2_LENGTH = RtmpParams.HANDSHAKE_SIZE;

    // A server version of 3 or more in S1 tells a digest client to check S1's digest; this is FMS 4.5's.
    private static final byte[] SERVER_VERSION = {4, 5, 0, 1};

    /** Which form the client used, for the metrics. */
    public enum Form { PLAIN, DIGEST }

    private enum State { AWAITING_C0_C1, AWAITING_C2, DONE }

    private final Random random;
    private final LongSupplier uptimeMillis;
    private State state = State.AWAITING_C0_C1;
    private Form form;

    /** @param uptimeMillis the server's epoch, which S1's time field carries (§5.2.3) */
    public Handshake(Random random, LongSupplier uptimeMillis) {
        this.random = random;
        this.uptimeMillis = uptimeMillis;
    }

    /**
     * Reads C0 and C1 and returns S0, S1 and S2.
     *
     * @throws RtmpProtocolException when C0 is not plain RTMP's version
     */
    public byte[] answer(byte[] c0c1) throws RtmpProtocolException {
        require(State.AWAITING_C0_C1);
        if (c0c1.length != C0_C1_LENGTH) {
            throw new IllegalArgumentException("C0 and C1 are " + C0_C1_LENGTH + " bytes, not " + c0c1.length);
        }
        checkVersion(c0c1[0] & 0xff, c0c1);
        byte[] c1 = new byte[RtmpParams.HANDSHAKE_SIZE];
        System.arraycopy(c0c1, 1, c1, 0, c1.length);
        Optional<HandshakeDigest.ClientDigest> digest = HandshakeDigest.findClientDigest(c1);
        form = digest.isPresent() ? Form.DIGEST : Form.PLAIN;

        byte[] s1 = new byte[RtmpParams.HANDSHAKE_SIZE];
        random.nextBytes(s1);
        long now = uptimeMillis.getAsLong();
        for (int i = 0; i < 4; i++) {
            s1[i] = (byte) (now >>> (24 - 8 * i));
            s1[4 + i] = digest.isPresent() ? SERVER_VERSION[i] : 0; // §5.2.3: zero in the plain form
        }
        byte[] s2;
        if (digest.isPresent()) {
            HandshakeDigest.signServerPacket(s1, digest.get().layout());
            s2 = new byte[RtmpParams.HANDSHAKE_SIZE];
            random.nextBytes(s2);
            HandshakeDigest.signAnswer(s2, digest.get().digest());
        } else {
            // librtmp compares S2 with the C1 it sent and complains of any difference, so it is an exact echo.
            s2 = c1;
        }
        byte[] out = new byte[1 + 2 * RtmpParams.HANDSHAKE_SIZE];
        out[0] = RtmpParams.VERSION;
        System.arraycopy(s1, 0, out, 1, s1.length);
        System.arraycopy(s2, 0, out, 1 + s1.length, s2.length);
        state = State.AWAITING_C2;
        return out;
    }

    /**
     * Takes C2. It is not checked: clients fill it differently, and a client that got this far has
     * shown it speaks RTMP; what it sends next is checked message by message.
     */
    public void confirm(byte[] c2) {
        require(State.AWAITING_C2);
        if (c2.length != C2_LENGTH) {
            throw new IllegalArgumentException("C2 is " + C2_LENGTH + " bytes, not " + c2.length);
        }
        state = State.DONE;
    }

    public boolean done() {
        return state == State.DONE;
    }

    /** The form the client used; null before C1. */
    public Form form() {
        return form;
    }

    /** Checks C0 as soon as it is there, so noise is refused before 1536 more bytes are waited for. */
    public static void checkVersion(int c0, byte[] firstBytes) throws RtmpProtocolException {
        if (c0 == RtmpParams.VERSION) {
            return;
        }
        if (c0 == RtmpParams.VERSION_ENCRYPTED) {
            throw new RtmpProtocolException(Violation.BAD_HANDSHAKE,
                    "the client asks for encrypted RTMP (RTMPE), which this server does not offer: publish to rtmp://");
        }
        String start = new String(firstBytes, 0, Math.min(4, firstBytes.length), StandardCharsets.ISO_8859_1).strip();
        throw new RtmpProtocolException(Violation.BAD_HANDSHAKE, start.matches("[A-Z]{3,4}")
                ? "not RTMP: the client sent an HTTP or text request (" + start + " ...)"
                : "not RTMP: the first byte is 0x" + Integer.toHexString(c0) + ", not version 3");
    }

    private void require(State expected) {
        if (state != expected) {
            throw new IllegalStateException("the handshake is at " + state + ", not " + expected);
        }
    }
}
