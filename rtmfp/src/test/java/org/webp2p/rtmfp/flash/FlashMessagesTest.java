package org.webp2p.rtmfp.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

class FlashMessagesTest {
    private static String amf(Object value) {
        WireWriter out = new WireWriter();
        Amf0.write(value, out);
        return Bytes.of(out.toByteArray()).toHex();
    }

    private static Object parse(String hex) {
        return Amf0.read(new WireReader(Bytes.fromHex(hex).toByteArray()));
    }

    @Test
    void encodesAmf0ScalarsAsTheSpecificationLaysThemOut() {
        assertThat(amf(1.0)).isEqualTo("003ff0000000000000");
        assertThat(amf(true)).isEqualTo("0101");
        assertThat(amf("connect")).isEqualTo("020007636f6e6e656374");
        assertThat(amf(null)).isEqualTo("05");
        assertThat(amf(Amf0Undefined.INSTANCE)).isEqualTo("06");
    }

    @Test
    void encodesObjectsWithEmptyKeyAndEndMarker() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("a", true);
        assertThat(amf(object)).isEqualTo("03" + "0001" + "61" + "0101" + "0000" + "09");
        assertThat(parse("030001610101000009")).isEqualTo(object);
    }

    @Test
    void readsEcmaArraysStrictArraysDatesAndLongStrings() {
        assertThat(parse("08 00000001 0001 62 05 0000 09")).isEqualTo(Collections.singletonMap("b", null));
        assertThat(parse("0a 00000002 0101 0100")).isEqualTo(List.of(true, false));
        assertThat(parse("0b 0000000000000000 0000")).isEqualTo(Instant.EPOCH);
        assertThat(parse("0c 00000002 6869")).isEqualTo("hi");
    }

    @Test
    void refusesHostileAmf0() {
        assertThatThrownBy(() -> parse("0a 7fffffff")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> parse("0d")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> parse("0a00000001".repeat(40) + "05")).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void tcMessageHasTypeTimestampAndPayload() {
        TcMessage message = new TcMessage(TcMessage.COMMAND_AMF0, 0x01020304L, Bytes.fromHex("05"));
        assertThat(Bytes.of(message.encode()).toHex()).isEqualTo("140102030405");
        assertThat(TcMessage.decode(message.encode())).isEqualTo(message);
    }

    @Test
    void tcMetadataCarriesSignatureFlagsAndStreamId() {
        assertThat(TcMetadata.netConnection().encode().toHex()).isEqualTo("54430400");
        assertThat(new TcMetadata(128, true).encode().toHex()).isEqualTo("5443058100");
        assertThat(TcMetadata.decode(Bytes.fromHex("5443058100"))).contains(new TcMetadata(128, true));
        assertThat(TcMetadata.decode(Bytes.fromHex("54430001"))).isEmpty();
        assertThat(TcMetadata.decode(Bytes.fromHex("5443048180"))).isEmpty();
    }

    @Test
    void connectCommandStartsWithNameAndTransactionOne() {
        NetConnectionCommand connect = NetConnectionCommand.connect("live", "rtmfp://host/live", "WIN 32,0,0,465");
        byte[] encoded = connect.toMessage().encode();
        // type 0x14, timestamp 0, then "connect" and 1.0
        assertThat(Bytes.of(Arrays.copyOf(encoded, 24)).toHex()).isEqualTo("1400000000" + "020007636f6e6e656374" + "003ff0000000000000");
        NetConnectionCommand decoded = NetConnectionCommand.fromMessage(TcMessage.decode(encoded)).orElseThrow();
        assertThat(decoded).isEqualTo(connect);
        assertThat(decoded.property("app")).contains("live");
        assertThat(decoded.property("tcUrl")).contains("rtmfp://host/live");
    }

    @Test
    void resultAndErrorCarryNetConnectionStatusCodes() {
        NetConnectionCommand ok = NetConnectionCommand.connectSuccess(1, "welcome");
        NetConnectionCommand refused = NetConnectionCommand.connectRejected(1, "no");
        assertThat(NetConnectionCommand.fromMessage(ok.toMessage()).flatMap(NetConnectionCommand::statusCode))
                .contains("NetConnection.Connect.Success");
        NetConnectionCommand decodedError = NetConnectionCommand.fromMessage(refused.toMessage()).orElseThrow();
        assertThat(decodedError.name()).isEqualTo("_error");
        assertThat(decodedError.commandObject()).isNull();
        assertThat(decodedError.statusCode()).contains("NetConnection.Connect.Rejected");
    }

    @Test
    void readsCommandsWrappedInAmf3Messages() {
        byte[] amf0 = NetConnectionCommand.connectSuccess(2, "x").toMessage().payload().toByteArray();
        byte[] wrapped = new byte[amf0.length + 1];
        System.arraycopy(amf0, 0, wrapped, 1, amf0.length);
        TcMessage amf3 = new TcMessage(TcMessage.COMMAND_AMF3, 0, Bytes.of(wrapped));
        assertThat(NetConnectionCommand.fromMessage(amf3).map(NetConnectionCommand::transactionId)).contains(2.0);
        assertThat(NetConnectionCommand.fromMessage(new TcMessage(9, 0, Bytes.fromHex("00")))).isEmpty();
    }
}
