package org.webp2p.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection as nginx's {@code lingering_close} does. A server that closes while the
 * client's request body is still arriving (a 413, a refusal before the body is read) leaves unread
 * bytes in its receive buffer, and the kernel then answers with a reset that can destroy the answer
 * just written before the client reads it. So a close first sends FIN after the answer, then reads
 * and discards whatever still comes for at most {@code linger}, and closes when the client does or
 * the time is up. Sits at the head of the pipeline, where every close passes.
 */
final class LingeringClose extends ChannelDuplexHandler {
    private final long lingerMillis;
    private ScheduledFuture<?> deadline;

    LingeringClose(long lingerMillis) {
        this.lingerMillis = lingerMillis;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (deadline != null || !(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive()
                || duplex.isOutputShutdown() || duplex.isInputShutdown() || ctx.pipeline().get(SslHandler.class) != null) {
            // TLS ends with its own close_notify, which a bare FIN would skip.
            ctx.close(promise);
            return;
        }
        ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
        deadline = ctx.executor().schedule(() -> ctx.close(), lingerMillis, TimeUnit.MILLISECONDS);
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (deadline != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (deadline != null) {
            deadline.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
