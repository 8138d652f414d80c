package org.webp2p.server.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.webp2p.server.rtmp.session.RtmpMetrics;
import org.webp2p.server.rtmp.wire.AckWindow;
import org.webp2p.server.rtmp.wire.ChunkDecoder;
import org.webp2p.server.rtmp.wire.ChunkEncoder;
import org.webp2p.server.rtmp.wire.ControlCodec;
import org.webp2p.server.rtmp.wire.ControlMessage;
import org.webp2p.server.rtmp.wire.RtmpMessage;
import org.webp2p.server.rtmp.wire.RtmpParams;
import org.webp2p.server.rtmp.wire.RtmpProtocolException;

/**
 * The chunk stream of one connection: bytes to {@link RtmpMessage}s through {@link ChunkDecoder},
 * our messages to chunks through {@link ChunkEncoder}, and the chunk layer's flow control, which
 * counts what came and acknowledges each window the client announced.
 */
final class ChunkCodecHandler extends ByteToMessageCodec<RtmpMessage> {
    private final ChunkDecoder decoder;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final AckWindow acks = new AckWindow();
    private final RtmpMetrics metrics;
    // Reused: decode runs once or twice per read, about a hundred times a second per publisher.
    private final List<RtmpMessage> messages = new ArrayList<>();
    private final Consumer<RtmpMessage> collect = messages::add;
    private boolean failed;

    ChunkCodecHandler(int maxMessageLength, RtmpMetrics metrics) {
        super(RtmpMessage.class);
        this.decoder = new ChunkDecoder(maxMessageLength);
        this.metrics = metrics;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes()); // the connection is closing; what else comes is not read
            return;
        }
        int before = in.readableBytes();
        try {
            decoder.decode(in, collect);
            for (RtmpMessage message : messages) {
                if (message.type() == RtmpMessage.WINDOW_ACK_SIZE) {
                    acks.window(((ControlMessage.WindowAckSize) ControlCodec.decode(message)).size());
                } else {
                    out.add(message);
                }
            }
        } catch (RtmpProtocolException e) {
            failed = true;
            throw e;
        } finally {
            messages.clear();
        }
        int consumed = before - in.readableBytes();
        metrics.bytesIn(consumed);
        // Written from the tail, so the acknowledgement goes through this handler's own encoder.
        acks.received(consumed).ifPresent(ack -> ctx.channel().writeAndFlush(ControlCodec.encode(ack)));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage message, ByteBuf out) {
        int chunkStream = message.control() ? RtmpParams.CONTROL_CHUNK_STREAM
                : message.streamId() == 0 ? RtmpParams.COMMAND_CHUNK_STREAM : RtmpParams.STREAM_CHUNK_STREAM;
        encoder.encode(chunkStream, message, out);
    }
}
