package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFramesTest {

    private static String text(int length) {
        return "\u00e9".repeat(length / 4) + "x".repeat(length - 2 * (length / 4));
    }

    /** What a client's decoder reads in {@code bytes}, frame by frame. */
    private static List<String> read(ByteBuf bytes) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
        client.writeInbound(bytes);
        List<String> texts = new ArrayList<>();
        for (Object f = client.readInbound(); f != null; f = client.readInbound()) {
            TextWebSocketFrame frame = (TextWebSocketFrame) f;
            assertThat(frame.isFinalFragment()).isTrue();
            texts.add(frame.text());
            frame.release();
        }
        client.finishAndReleaseAll();
        return texts;
    }

    private static void frame(ByteBuf out, String text) {
        int start = TextFrames.begin(out);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        TextFrames.end(out, start);
    }

    @Test
    void everyLengthEncodingReadsBackAsTheSameTextEvenBetweenOtherFrames() {
        // 7-bit, 16-bit and 64-bit lengths (RFC 6455 §5.2) at their edges, each between two other frames.
        for (int length : new int[] {0, 1, 7, 8, 9, 125, 126, 127, 1000, 65535, 65536, 200_000}) {
            ByteBuf out = Unpooled.buffer(16);
            frame(out, "before");
            frame(out, text(length));
            frame(out, "after");
            assertThat(read(out)).as("%d bytes", length).containsExactly("before", text(length), "after");
        }
    }

    @Test
    void headersTakeTheFewestBytesTheirLengthAllows() {
        for (int[] lengthAndHeader : new int[][] {{2, 2}, {125, 2}, {126, 4}, {65535, 4}, {65536, 10}}) {
            ByteBuf out = Unpooled.buffer();
            frame(out, "x".repeat(lengthAndHeader[0]));
            assertThat(out.readableBytes() - lengthAndHeader[0]).as("header of %d bytes", lengthAndHeader[0])
                    .isEqualTo(lengthAndHeader[1]);
            out.release();
        }
    }
}
