package org.webp2p.server.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.webp2p.server.rtmp.session.CloseReason;
import org.webp2p.server.rtmp.session.RtmpMetrics;
import org.webp2p.server.rtmp.wire.Handshake;
import org.webp2p.server.rtmp.wire.RtmpProtocolException;

/**
 * The first handler of a connection: answers the handshake through {@link Handshake}, then takes
 * itself out of the pipeline, passing on whatever came after C2. A client that has not finished it
 * within the timeout gets {@link CloseReason#HANDSHAKE_TIMEOUT} sent down the pipeline, for the
 * session handler to close with.
 */
final class HandshakeHandler extends ByteToMessageDecoder {
    private final Handshake handshake;
    private final Duration timeout;
    private final RtmpMetrics metrics;
    private ScheduledFuture<?> deadline;
    private boolean answered;
    private boolean failed;

    HandshakeHandler(Handshake handshake, Duration timeout, RtmpMetrics metrics) {
        this.handshake = handshake;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            ctx.fireUserEventTriggered(CloseReason.HANDSHAKE_TIMEOUT);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes()); // the connection is closing; what else comes is not read
            return;
        }
        if (!answered) {
            if (!in.isReadable()) {
                return;
            }
            byte[] first = new byte[Math.min(4, in.readableBytes())];
            in.getBytes(in.readerIndex(), first);
            try {
                Handshake.checkVersion(first[0] & 0xff, first);
            } catch (RtmpProtocolException e) {
                failed = true;
                throw e;
            }
            if (in.readableBytes() < Handshake.C0_C1_LENGTH) {
                return;
            }
            byte[] c0c1 = new byte[Handshake.C0_C1_LENGTH];
            in.readBytes(c0c1);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.answer(c0c1)));
            answered = true;
        }
        if (in.readableBytes() < Handshake.C2_LENGTH) {
            return;
        }
        byte[] c2 = new byte[Handshake.C2_LENGTH];
        in.readBytes(c2);
        handshake.confirm(c2);
        metrics.handshake(handshake.form());
        ctx.pipeline().remove(this);
    }
}
