package org.webp2p.server.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateMessageTest {

    /** One sub-message as §6.1.2 frames it: an FLV tag header, the body, and the back pointer. */
    private static void tag(ByteArrayOutputStream out, int type, long timestamp, byte[] body) {
        out.write(type);
        out.write(body.length >> 16);
        out.write(body.length >> 8);
        out.write(body.length);
        out.write((int) (timestamp >> 16));
        out.write((int) (timestamp >> 8));
        out.write((int) timestamp);
        out.write((int) (timestamp >> 24));
        out.write(0);
        out.write(0);
        out.write(0);
        out.writeBytes(body);
        int back = 11 + body.length;
        out.write(back >> 24);
        out.write(back >> 16);
        out.write(back >> 8);
        out.write(back);
    }

    @Test
    void theMessagesInsidePlayFromTheAggregatesOwnTimestampOnItsStream() throws Exception {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        tag(payload, RtmpMessage.AUDIO, 5000, new byte[] {(byte) 0xaf, 1, 7});
        tag(payload, RtmpMessage.VIDEO, 5040, new byte[] {0x27, 1, 0, 0, 0, 9});

        List<RtmpMessage> inner = AggregateMessage.split(new RtmpMessage(RtmpMessage.AGGREGATE, 100, 1, payload.toByteArray()));

        assertThat(inner).extracting(RtmpMessage::type).containsExactly(RtmpMessage.AUDIO, RtmpMessage.VIDEO);
        assertThat(inner).extracting(RtmpMessage::timestamp).containsExactly(100L, 140L);
        assertThat(inner).extracting(RtmpMessage::streamId).containsOnly(1);
        assertThat(inner.get(1).payload()).containsExactly(0x27, 1, 0, 0, 0, 9);
    }

    @Test
    void aSubMessageRunningPastTheEndOrAHeaderCutShortIsMalformed() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        tag(payload, RtmpMessage.AUDIO, 0, new byte[10]);
        byte[] whole = payload.toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length - 6);

        assertThatThrownBy(() -> AggregateMessage.split(new RtmpMessage(RtmpMessage.AGGREGATE, 0, 1, cut)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("runs past its end");
        assertThatThrownBy(() -> AggregateMessage.split(new RtmpMessage(RtmpMessage.AGGREGATE, 0, 1, new byte[5])))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("cut short");
    }
}
