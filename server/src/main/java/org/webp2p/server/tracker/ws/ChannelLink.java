package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A {@link WsLink} over a Netty channel: replies become text frames, sent from any thread.
 *
 * <p>Messages are gathered in one buffer and written with one system call when the channel's event
 * loop has handled all the sockets that were ready, not one call each: an announce sends eleven
 * messages (its reply, five offers, five answers coming back to it), and on loopback each write also
 * runs the receiving side's TCP in the kernel, which was over half the tracker's CPU. The buffer is
 * touched only on the channel's event loop; other threads hand their messages over to it.
 */
final class ChannelLink implements WsLink {
    /**
     * Past this many gathered bytes the buffer goes to the channel at once, so that the channel's
     * high-water mark, which stops messages to a client that does not read, sees them.
     */
    private static final int MAX_GATHERED = 64 * 1024;
    /** Room for a reply and a few relays, which is what most sockets get between two flushes. */
    private static final int FIRST_CAPACITY = 2048;

    private final Channel channel;
    private final InetAddress address;
    private final WsCounters counters;
    private final Runnable flush = this::flush;
    /** Frames not yet written to the channel; null when none. Event loop only. */
    private ByteBuf gathered;

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
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            gather(reply);
        } else {
            loop.execute(() -> gather(reply));
        }
    }

    private void gather(WsReply reply) {
        // A client that stopped reading would otherwise hold every offer sent its way in memory.
        if (!channel.isWritable()) {
            counters.droppedUnwritable.increment();
            return;
        }
        if (gathered == null) {
            gathered = channel.alloc().buffer(Math.max(FIRST_CAPACITY, WsCodec.sizeHint(reply)));
            // Runs after the loop has read every ready socket, however many messages come meanwhile.
            channel.eventLoop().execute(flush);
        }
        int start = TextFrames.begin(gathered);
        try {
            WsCodec.encode(reply, gathered);
        } catch (RuntimeException e) {
            gathered.writerIndex(start);
            throw new IllegalStateException("cannot write " + reply.getClass().getSimpleName(), e);
        }
        TextFrames.end(gathered, start);
        if (gathered.readableBytes() >= MAX_GATHERED) {
            flush();
        }
    }

    /** Writes what was gathered, if anything; on the event loop, before the channel is closed on purpose. */
    void flush() {
        ByteBuf b = gathered;
        if (b != null) {
            gathered = null;
            channel.writeAndFlush(b, channel.voidPromise());
        }
    }
}
