package org.webp2p.rtmfp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.chunk.Ping;
import org.webp2p.rtmfp.chunk.SessionCloseAck;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;

class PacketCodecTest {
    private static Packet decodeHex(String hex) {
        byte[] bytes = Bytes.fromHex(hex).toByteArray();
        return PacketCodec.decode(bytes, 0, bytes.length);
    }

    @Test
    void headerFlagsCarryModeAndBothTimestamps() {
        Packet packet = new Packet(PacketMode.INITIATOR, false, false, 0x1234, 0x0102, List.of(new Ping(Bytes.fromHex("61"))));
        // flags 0x0d = TS | TSE | mode 1
        assertThat(Bytes.of(PacketCodec.encode(packet)).toHex()).isEqualTo("0d12340102010001" + "61");
        assertThat(decodeHex("0d1234010201000161")).isEqualTo(packet);
    }

    @Test
    void timeCriticalFlagsRoundTrip() {
        Packet packet = new Packet(PacketMode.RESPONDER, true, true, -1, -1, List.of(new SessionCloseAck()));
        assertThat(Bytes.of(PacketCodec.encode(packet)).toHex()).isEqualTo("c24c0000");
        assertThat(decodeHex("c24c0000")).isEqualTo(packet);
    }

    @Test
    void stopsAtPaddingOfEitherKind() {
        assertThat(decodeHex("034c0000ffffff").chunks()).containsExactly(new SessionCloseAck());
        assertThat(decodeHex("034c0000000000").chunks()).containsExactly(new SessionCloseAck());
    }

    @Test
    void rejectsModeZero() {
        assertThatThrownBy(() -> decodeHex("004c0000")).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void rejectsChunkLongerThanPacket() {
        assertThatThrownBy(() -> decodeHex("0301000561")).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void scramblesSessionIdWithFirstTwoEncryptedWords() {
        byte[] encrypted = Bytes.fromHex("a0a0a0a0 0f0f0f0f").toByteArray();
        assertThat(ScrambledSessionId.scramble(0x01020304L, encrypted, 0)).isEqualTo(0xaeadacabL);
        assertThat(ScrambledSessionId.unscramble(0xaeadacabL, encrypted, 0)).isEqualTo(0x01020304L);
    }

    @Test
    void encodesStartupDatagramWithDefaultKey() {
        // Plain: flags 0x0b (TS, startup) ts=2, Ping "a"; checksum 0x90fe; 0xff padding to 16 bytes.
        // Ciphertext checked independently with: openssl enc -aes-128-cbc -K <"Adobe Systems 02"> -iv 0 -nopad
        Packet packet = new Packet(PacketMode.STARTUP, false, false, 2, -1, List.of(new Ping(Bytes.fromHex("61"))));
        byte[] datagram = DatagramCodec.encode(0, packet, PacketCipher.defaultCipher());
        assertThat(Bytes.of(datagram).toHex()).isEqualTo("b25072c0" + "686d9238da3de0f81c697d0a219e738d");
        assertThat(DatagramCodec.sessionIdOf(datagram)).isZero();
        assertThat(DatagramCodec.decode(datagram, PacketCipher.defaultCipher())).contains(packet);
    }

    @Test
    void paddedDatagramReachesTheMinimumAndDecodesToThePacket() {
        Packet packet = Packet.startup(List.of(new Ping(Bytes.fromHex("61"))));
        for (int minimum : new int[] {0, 20, 21, 100, 117}) {
            byte[] datagram = DatagramCodec.encode(0, packet, PacketCipher.defaultCipher(), minimum);
            assertThat(datagram.length).isGreaterThanOrEqualTo(minimum).isLessThan(Math.max(minimum, 20) + 16);
            assertThat(DatagramCodec.decode(datagram, PacketCipher.defaultCipher())).contains(packet);
        }
    }

    @Test
    void encodedLengthMatchesTheEncoding() {
        for (int size = 0; size < 40; size++) {
            Packet packet = new Packet(PacketMode.RESPONDER, false, false, size % 2 == 0 ? 7 : -1, -1,
                    List.of(new Ping(Bytes.of(new byte[size]))));
            assertThat(DatagramCodec.encodedLength(packet, PacketCipher.defaultCipher()))
                    .isEqualTo(DatagramCodec.encode(1, packet, PacketCipher.defaultCipher()).length);
        }
    }

    @Test
    void dropsDatagramWithCorruptedCiphertext() {
        Packet packet = Packet.startup(List.of(new Ping(Bytes.fromHex("61"))));
        byte[] datagram = DatagramCodec.encode(7, packet, PacketCipher.defaultCipher());
        datagram[datagram.length - 1] ^= 1;
        assertThat(DatagramCodec.decode(datagram, PacketCipher.defaultCipher())).isEmpty();
    }
}
