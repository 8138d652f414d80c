package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
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
        ByteBuf frame = TextFrames.open(channel.alloc(), WsCodec.sizeHint(reply));
        try {
            WsCodec.encode(reply, frame);
        } catch (RuntimeException e) {
            frame.release();
            throw new IllegalStateException("cannot write " + reply.getClass().getSimpleName(), e);
        }
        channel.writeAndFlush(TextFrames.close(frame), channel.voidPromise());
    }
}
