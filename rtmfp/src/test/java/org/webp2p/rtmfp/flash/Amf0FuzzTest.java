package org.webp2p.rtmfp.flash;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * AMF0 arrives in the commands of any Flash client that completes a handshake: it reads as values or
 * as {@link MalformedInputException}, values read write back to the same values, and a command is
 * either understood or ignored.
 */
class Amf0FuzzTest {
    @FuzzTest
    void readsValuesOrRefusesTheBytes(byte[] amf0) {
        NetConnectionCommand.fromMessage(new TcMessage(TcMessage.COMMAND_AMF0, 0, Bytes.of(amf0)));
        List<Object> values;
        try {
            values = Amf0.readAll(new WireReader(amf0));
        } catch (MalformedInputException refused) {
            return;
        }
        WireWriter out = new WireWriter();
        values.forEach(v -> Amf0.write(v, out));
        assertThat(Amf0.readAll(new WireReader(out.toByteArray()))).isEqualTo(values);
    }
}
