package org.webp2p.server.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The chunk stream of an RTMP connection, from whoever connects to port 1935 after the handshake. The
 * decoder hands over messages or stops with {@link RtmpProtocolException}, and so does the reading of
 * the control messages it passes on; TCP may cut the stream anywhere, so reading it in pieces gives
 * what reading it whole gives. The input's first byte picks the piece size.
 */
class ChunkDecoderFuzzTest {
    /** Small, so that the limits on one message and on unfinished ones are within the fuzzer's reach. */
    private static final int MAX_MESSAGE = 4096;

    @FuzzTest
    void readsTheSameMessagesWholeOrInPiecesOrRefusesTheStream(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        Outcome whole = decode(stream, stream.length);
        Outcome pieces = decode(stream, 1 + Byte.toUnsignedInt(input[0]) % 16);
        assertThat(pieces).isEqualTo(whole);
    }

    /** The messages read, each as a list of its fields, and whether the stream was refused. */
    private record Outcome(List<List<Object>> messages, boolean refused) {
    }

    private static Outcome decode(byte[] stream, int piece) {
        ChunkDecoder decoder = new ChunkDecoder(MAX_MESSAGE);
        List<RtmpMessage> messages = new ArrayList<>();
        ByteBuf in = Unpooled.buffer();
        boolean refused = false;
        try {
            for (int at = 0; at < stream.length; at += piece) {
                in.writeBytes(stream, at, Math.min(piece, stream.length - at));
                decoder.decode(in, messages::add);
                in.discardReadBytes();
            }
            for (RtmpMessage m : messages) {
                if (m.control()) {
                    ControlCodec.decode(m);
                }
            }
        } catch (RtmpProtocolException e) {
            refused = true;
        } finally {
            in.release();
        }
        return new Outcome(messages.stream().<List<Object>>map(m -> List.of(m.type(), m.timestamp(), m.streamId(),
                ByteBuffer.wrap(m.payload()))).toList(), refused);
    }
}
