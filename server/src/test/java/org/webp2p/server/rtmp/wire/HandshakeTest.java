package org.webp2p.server.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final Handshake server = new Handshake(new Random(7), () -> 0x01020304L);

    /** C0 and C1 as ffmpeg 5.1 sends them to publish, captured from the wire (its C1 is the same every time). */
    private static byte[] ffmpegC0c1() throws IOException {
        try (InputStream in = HandshakeTest.class.getResourceAsStream("ffmpeg-5.1-c0c1.bin")) {
            return in.readAllBytes();
        }
    }

    @Test
    void ffmpegsRealC1IsRecognisedAsTheDigestFormAndAnsweredSoThatAVerifyingClientGoesOn() throws Exception {
        byte[] c0c1 = ffmpegC0c1();
        byte[] answer = server.answer(c0c1);

        assertThat(server.form()).isEqualTo(Handshake.Form.DIGEST);
        assertThat(answer).hasSize(1 + 2 * 1536);
        assertThat(answer[0]).isEqualTo((byte) 3);
        byte[] s1 = Arrays.copyOfRange(answer, 1, 1537);
        byte[] s2 = Arrays.copyOfRange(answer, 1537, answer.length);
        assertThat(Arrays.copyOfRange(s1, 0, 4)).as("S1's time is our uptime").containsExactly(1, 2, 3, 4);
        assertThat(s1[4]).as("a version of 3 or more makes ffmpeg check our digest").isGreaterThanOrEqualTo((byte) 3);
        assertThat(HandshakeDigest.serverPacketSigned(s1, HandshakeDigest.Layout.OFFSET_AT_8)).isTrue();
        byte[] clientDigest = HandshakeDigest.findClientDigest(Arrays.copyOfRange(c0c1, 1, c0c1.length)).orElseThrow().digest();
        assertThat(HandshakeDigest.answerSigned(s2, clientDigest)).isTrue();
    }

    @Test
    void aDigestInTheSecondLayoutIsFoundAndAnsweredInThatLayout() throws Exception {
        byte[] c0c1 = new byte[Handshake.C0_C1_LENGTH];
        new Random(3).nextBytes(c0c1);
        c0c1[0] = 3;
        byte[] c1 = Arrays.copyOfRange(c0c1, 1, c0c1.length);
        byte[] digest = HandshakeDigest.signClientPacket(c1, HandshakeDigest.Layout.OFFSET_AT_772);
        System.arraycopy(c1, 0, c0c1, 1, c1.length);

        byte[] answer = server.answer(c0c1);

        assertThat(server.form()).isEqualTo(Handshake.Form.DIGEST);
        assertThat(HandshakeDigest.serverPacketSigned(Arrays.copyOfRange(answer, 1, 1537),
                HandshakeDigest.Layout.OFFSET_AT_772)).isTrue();
        assertThat(HandshakeDigest.answerSigned(Arrays.copyOfRange(answer, 1537, answer.length), digest)).isTrue();
    }

    @Test
    void theClientSideOfTheDigestFormAcceptsTheServersAnswerAndFinishesTheHandshake() throws Exception {
        ClientHandshake client = new ClientHandshake(new Random(11));
        byte[] answer = server.answer(client.c0c1());
        byte[] c2 = client.finish(answer);
        server.confirm(c2);

        assertThat(server.done()).isTrue();
    }

    @Test
    void aClientWithoutADigestGetsThePlainFormWithS2EchoingItsC1() throws Exception {
        byte[] c0c1 = new byte[Handshake.C0_C1_LENGTH];
        new Random(5).nextBytes(c0c1);
        c0c1[0] = 3;
        Arrays.fill(c0c1, 5, 9, (byte) 0); // the plain form's zero field

        byte[] answer = server.answer(c0c1);

        assertThat(server.form()).isEqualTo(Handshake.Form.PLAIN);
        assertThat(Arrays.copyOfRange(answer, 5, 9)).as("S1's zero field").containsExactly(0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(answer, 1537, answer.length)).isEqualTo(Arrays.copyOfRange(c0c1, 1, c0c1.length));
    }

    @Test
    void aClientThatChecksDigestsRefusesAPlainAnswer() throws Exception {
        ClientHandshake client = new ClientHandshake(new Random(11));
        byte[] plain = new byte[1 + 2 * 1536];
        plain[0] = 3;

        assertThatThrownBy(() -> client.finish(plain)).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("S1 carries no valid digest");
    }

    @Test
    void encryptedRtmpIsRefusedSayingToPublishToPlainRtmp() {
        byte[] c0c1 = new byte[Handshake.C0_C1_LENGTH];
        c0c1[0] = 6;

        assertThatThrownBy(() -> server.answer(c0c1)).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("RTMPE").hasMessageContaining("rtmp://")
                .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.BAD_HANDSHAKE);
    }

    @Test
    void anHttpRequestOrNoiseIsRefusedAtItsFirstByte() {
        assertThatThrownBy(() -> Handshake.checkVersion('G', "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RtmpProtocolException.class).hasMessage("not RTMP: the client sent an HTTP or text request (GET ...)");
        assertThatThrownBy(() -> Handshake.checkVersion(0xff, new byte[] {(byte) 0xff, 0}))
                .isInstanceOf(RtmpProtocolException.class).hasMessage("not RTMP: the first byte is 0xff, not version 3");
    }

    @Test
    void stepsOutOfOrderAreAProgrammingError() {
        assertThatThrownBy(() -> server.confirm(new byte[Handshake.C2_LENGTH])).isInstanceOf(IllegalStateException.class);
    }
}
