package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A {@link WsLink} over a Netty channel: replies become text frames, written from any thread. */
final class ChannelLink implements WsLink {
    private final Channel channel;
    private final InetAddress address;
    private final WsCounters counters;

    ChannelLink(Channel channel, WsCounters counters) {
        this.channel = channel;
        this.address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        this.counters = counters;
    }

    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public void send(WsReply reply) {
        // A client that stopped reading would otherwise hold every offer sent its way in memory.
        if (!channel.isWritable()) {
            counters.droppedUnwritable.increment();
            return;
        }
        ByteBuf json = channel.alloc().buffer(256);
        try {
            WsCodec.encode(reply, json);
        } catch (RuntimeException e) {
            json.release();
            throw new IllegalStateException("cannot write " + reply.getClass().getSimpleName(), e);
        }
        channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }
}
