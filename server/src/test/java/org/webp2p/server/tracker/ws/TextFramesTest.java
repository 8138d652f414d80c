package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextFramesTest {

    /** What a client reads of {@code length} bytes of text framed here, after the server's encoder. */
    private static String roundTrip(int length) {
        String text = "\u00e9".repeat(length / 4) + "x".repeat(length - 2 * (length / 4));
        ByteBuf b = TextFrames.open(ByteBufAllocator.DEFAULT, 16);
        b.writeCharSequence(text, StandardCharsets.UTF_8);
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        server.writeOutbound(TextFrames.close(b));
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
        for (Object bytes = server.readOutbound(); bytes != null; bytes = server.readOutbound()) {
            client.writeInbound(bytes);
        }
        TextWebSocketFrame frame = client.readInbound();
        assertThat((Object) client.readInbound()).as("one frame").isNull();
        try {
            assertThat(frame.isFinalFragment()).isTrue();
            return frame.text();
        } finally {
            frame.release();
            server.finishAndReleaseAll();
            client.finishAndReleaseAll();
        }
    }

    @Test
    void everyLengthEncodingReadsBackAsTheSameText() {
        // 7-bit lengths, 16-bit lengths (RFC 6455 §5.2) at their edges, and past them through Netty's encoder.
        for (int length : new int[] {0, 1, 125, 126, 127, 1000, 65535, 65536, 200_000}) {
            String expected = "\u00e9".repeat(length / 4) + "x".repeat(length - 2 * (length / 4));
            assertThat(roundTrip(length)).as("%d bytes", length).isEqualTo(expected);
        }
    }

    @Test
    void aFrameUnder64KiBIsTheBufferItWasWrittenIn() {
        ByteBuf b = TextFrames.open(ByteBufAllocator.DEFAULT, 16);
        b.writeCharSequence("{}", StandardCharsets.UTF_8);
        Object frame = TextFrames.close(b);
        assertThat(frame).isSameAs(b);
        assertThat(b.readableBytes()).as("2 header bytes, 2 payload").isEqualTo(4);
        b.release();
    }
}
