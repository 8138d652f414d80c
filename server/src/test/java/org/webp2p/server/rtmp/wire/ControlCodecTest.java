package org.webp2p.server.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlCodecTest {

    @Test
    void everyControlMessageRoundTrips() throws Exception {
        List<ControlMessage> all = List.of(new ControlMessage.SetChunkSize(4096), new ControlMessage.Abort(5),
                new ControlMessage.Acknowledgement(0xffff_fffeL), new ControlMessage.WindowAckSize(2_500_000),
                new ControlMessage.SetPeerBandwidth(2_500_000, ControlMessage.SetPeerBandwidth.DYNAMIC),
                new ControlMessage.UserControl(ControlMessage.UserControl.STREAM_BEGIN, 1));
        for (ControlMessage m : all) {
            RtmpMessage encoded = ControlCodec.encode(m);
            assertThat(encoded.streamId()).isZero();
            assertThat(encoded.control()).isTrue();
            assertThat(ControlCodec.decode(encoded)).isEqualTo(m);
        }
    }

    @Test
    void fieldsAreBigEndianAsTheSpecificationDrawsThem() {
        assertThat(ControlCodec.encode(new ControlMessage.SetPeerBandwidth(2_500_000, 2)).payload())
                .containsExactly(0x00, 0x26, 0x25, 0xa0, 0x02);
        assertThat(ControlCodec.encode(new ControlMessage.UserControl(ControlMessage.UserControl.STREAM_BEGIN, 1)).payload())
                .containsExactly(0, 0, 0, 0, 0, 1);
    }

    @Test
    void setBufferLengthKeepsItsStreamAndIgnoresItsSecondValue() throws Exception {
        RtmpMessage m = new RtmpMessage(RtmpMessage.USER_CONTROL, 0, 0, new byte[] {0, 3, 0, 0, 0, 1, 0, 0, 0x0b, (byte) 0xb8});

        assertThat(ControlCodec.decode(m)).isEqualTo(new ControlMessage.UserControl(3, 1));
    }

    @Test
    void shortPayloadsAreMalformed() {
        for (int type : new int[] {1, 2, 3, 4, 5, 6}) {
            RtmpMessage m = new RtmpMessage(type, 0, 0, new byte[3]);
            assertThatThrownBy(() -> ControlCodec.decode(m)).isInstanceOf(RtmpProtocolException.class)
                    .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.MALFORMED_MESSAGE);
        }
    }

    @Test
    void setPeerBandwidthWithAnUnknownLimitTypeIsMalformed() {
        RtmpMessage m = new RtmpMessage(RtmpMessage.SET_PEER_BANDWIDTH, 0, 0, new byte[] {0, 0, 1, 0, 9});

        assertThatThrownBy(() -> ControlCodec.decode(m)).hasMessageContaining("limit type 9");
    }
}
