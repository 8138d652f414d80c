package org.webp2p.rtmfp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.webp2p.rtmfp.wire.MalformedInputException;

/**
 * A decrypted packet is whatever the far end chose to encrypt, so its parser sees hostile bytes: it
 * answers with a packet or {@link MalformedInputException}, never anything else, and a packet it
 * answers with reads back the same once written.
 */
class PacketCodecFuzzTest {
    @FuzzTest
    void readsAPacketOrRefusesTheBytes(byte[] plain) {
        Packet packet;
        try {
            packet = PacketCodec.decode(plain, 0, plain.length);
        } catch (MalformedInputException refused) {
            return;
        }
        byte[] written = PacketCodec.encode(packet);
        assertThat(PacketCodec.decode(written, 0, written.length)).isEqualTo(packet);
    }
}
