package org.webp2p.server.rtmp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.net.ReceiveBatching;
import org.webp2p.server.rtmp.session.CloseReason;
import org.webp2p.server.rtmp.session.PublishSession;
import org.webp2p.server.rtmp.session.RtmpMetrics;
import org.webp2p.server.rtmp.wire.RtmpMessage;
import org.webp2p.server.rtmp.wire.RtmpProtocolException;

/**
 * The last handler of a connection: hands messages to its {@link PublishSession} and turns every way
 * a connection can end (the socket closing, a protocol violation, a timeout, our own fault, the
 * service stopping) into one {@link PublishSession#close} with its reason.
 */
final class RtmpSessionHandler extends ChannelInboundHandlerAdapter implements PublishSession.Connection {
    private static final Logger log = LoggerFactory.getLogger(RtmpSessionHandler.class);
    static final Duration LINGER = Duration.ofSeconds(2);

    /** Makes the session of a new connection. */
    @FunctionalInterface
    interface SessionFactory {
        PublishSession create(InetSocketAddress peer, Executor loop, PublishSession.Connection connection);
    }

    private final SessionFactory factory;
    private final Set<RtmpSessionHandler> open;
    private final RtmpMetrics metrics;
    private ChannelHandlerContext ctx;
    private PublishSession session;
    private boolean ending;
    private boolean streaming;

    /** @param open the service's open connections, which this one joins until it is closed */
    RtmpSessionHandler(SessionFactory factory, Set<RtmpSessionHandler> open, RtmpMetrics metrics) {
        this.factory = factory;
        this.open = open;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        session = factory.create((InetSocketAddress) ctx.channel().remoteAddress(), ctx.executor(), this);
        open.add(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            RtmpMessage message = (RtmpMessage) msg;
            if (!streaming && (message.type() == RtmpMessage.AUDIO || message.type() == RtmpMessage.VIDEO)) {
                // Media flows only after publish: from here on a publisher waits for nothing of ours.
                streaming = true;
                ReceiveBatching.start(ctx.pipeline());
            }
            session.onMessage(message);
        } catch (RtmpProtocolException e) {
            violated(e);
        } catch (RuntimeException e) {
            fault(e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable t = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof RtmpProtocolException e) {
            violated(e);
        } else {
            fault(t);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            end(CloseReason.IDLE_TIMEOUT);
        } else if (evt instanceof CloseReason reason) {
            end(reason);
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(CloseReason.CLIENT_CLOSED);
        open.remove(this);
    }

    @Override
    public void send(RtmpMessage message) {
        ctx.channel().writeAndFlush(message);
    }

    /**
     * Closes our side once what was written has gone, then the whole connection when the client closes
     * its side or {@link #LINGER} later. An encoder busy sending media reads our error status only
     * between two writes; closing at once would reset the connection and throw the status away unread.
     */
    @Override
    public void close() {
        Channel ch = ctx.channel();
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (written.isSuccess() && ch instanceof SocketChannel socket && socket.isActive()) {
                socket.shutdownOutput();
                ctx.executor().schedule(() -> ch.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                ch.close();
            }
        });
    }

    /** Ends the session as the service stops; completes when its stream has ended at the origin. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            ctx.executor().execute(() -> end(CloseReason.SERVICE_STOPPING).whenComplete((ok, error) -> done.complete(null)));
        } catch (RejectedExecutionException e) {
            done.complete(null); // the event loops are gone, and the connection with them
        }
        return done;
    }

    private void violated(RtmpProtocolException e) {
        if (!ending) {
            metrics.violation(e.violation());
            log.debug("rtmp: closing {}: {}", ctx.channel().remoteAddress(), e.getMessage());
        }
        end(CloseReason.PROTOCOL_VIOLATION);
    }

    private void fault(Throwable t) {
        if (!ending) {
            log.warn("rtmp: closing {} after a fault", ctx.channel().remoteAddress(), t);
        }
        end(CloseReason.INTERNAL_ERROR);
    }

    private CompletableFuture<Void> end(CloseReason reason) {
        ending = true;
        return session.close(reason);
    }
}
