package org.webp2p.sdk.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts the bytes a connection receives before any decoding, so a response is charged with its
 * headers and framing, not just its body. First in the pipeline, one per connection; read on the
 * connection's event loop only.
 */
final class WireCounter extends ChannelInboundHandlerAdapter {
    // Written on the connection's loop; read when a request is dispatched, perhaps from another thread.
    private volatile long received;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            received += b.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    long received() {
        return received;
    }
}
