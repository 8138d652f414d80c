package org.webp2p.server.stun;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.nat.responder.ResponderOutcome;
import org.webp2p.nat.responder.SocketRole;
import org.webp2p.nat.responder.StunResponder;

/**
 * Thin adapter from one bound socket to the {@link StunResponder}: hands it each datagram with the
 * socket's role and sends the reply from whichever socket the responder picked.
 */
final class StunDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(StunDatagramHandler.class);

    /**
     * What a socket needs once every socket is bound: the responder (which must know all the resolved
     * ports) and the channels it may answer from.
     */
    record Serving(StunResponder responder, Map<SocketRole, Channel> sockets) {
    }

    private final SocketRole role;
    private final Supplier<Serving> serving;
    private final StunMetrics metrics;

    StunDatagramHandler(SocketRole role, Supplier<Serving> serving, StunMetrics metrics) {
        this.role = role;
        this.serving = serving;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        Serving now = serving.get();
        if (now == null) {
            // Between binding the first socket and the last one; the client will retransmit.
            metrics.recordError();
            return;
        }
        byte[] datagram = ByteBufUtil.getBytes(packet.content());
        ResponderOutcome outcome = now.responder().respond(datagram, role, packet.sender());
        metrics.record(outcome, packet.sender().getAddress());
        if (outcome instanceof ResponderOutcome.Reply reply) {
            Channel from = now.sockets().get(reply.from());
            from.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply.datagram()), reply.to()))
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            metrics.recordError();
                        }
                    });
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // UDP has no connection to lose: count, log, keep the socket serving.
        metrics.recordError();
        log.debug("STUN socket {} error", role, cause);
    }
}
