package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.net.IdleTimeout;

/**
 * One tracker WebSocket, after Netty's {@link WebSocketServerProtocolHandler} has upgraded it: text
 * frames in, {@link WsSwarms} decides, replies out. Refusals are answered and the socket stays; only
 * text that is not UTF-8 or not JSON, binary frames and oversized messages close it, each with a close
 * status and the reason.
 */
public final class WsTrackerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(WsTrackerHandler.class);
    /** RFC 6455 §5.5: a control frame's payload is at most 125 bytes, two of them the status. */
    private static final int MAX_CLOSE_REASON = 123;

    private final WsSwarms swarms;
    private final WsCounters counters;
    private final Duration idle;
    private final int maxMessage;
    private ChannelLink link;
    private WsClient client;

    /**
     * @param idle       silence after which an upgraded socket is closed; peers re-announce well before
     * @param maxMessage the largest message the decoder and aggregator let through, for the reason text
     */
    public WsTrackerHandler(WsSwarms swarms, WsCounters counters, Duration idle, int maxMessage) {
        this.swarms = swarms;
        this.counters = counters;
        this.idle = idle;
        this.maxMessage = maxMessage;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        // A connection's idle limit (net.idle-timeout) is shorter than an announce interval.
        IdleTimeout.set(ctx.pipeline(), idle);
        link = new ChannelLink(ctx.channel(), counters);
        try {
            client = swarms.connect(link);
        } catch (WsRefusal r) {
            reply(ctx, r.failure());
            close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, r.getMessage());
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (client == null) {
            return; // refused at connect and closing
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            counters.refused(WsCounters.Refused.MALFORMED);
            close(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "the tracker takes JSON text frames only");
            return;
        }
        ByteBuf content = text.content();
        if (!Utf8.valid(content, content.readerIndex(), content.writerIndex())) {
            counters.refused(WsCounters.Refused.MALFORMED);
            close(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "bytes are not UTF-8");
            return;
        }
        WsRequest request;
        try {
            request = WsCodec.decode(ByteBufUtil.getBytes(content));
        } catch (MalformedMessageException e) {
            counters.refused(WsCounters.Refused.MALFORMED);
            close(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, e.getMessage());
            return;
        } catch (WsRefusal r) {
            counters.refused(WsCounters.Refused.INVALID);
            reply(ctx, r.failure());
            return;
        }
        try {
            if (request instanceof WsRequest.Announce a) {
                swarms.announce(client, a);
            } else if (request instanceof WsRequest.Answer a) {
                swarms.answer(client, a);
            } else {
                swarms.scrape(client, (WsRequest.Scrape) request);
            }
        } catch (WsRefusal r) {
            reply(ctx, r.failure());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (client != null) {
            swarms.disconnect(client);
            client = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException c
                && c.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)) {
            counters.refused(WsCounters.Refused.FRAME_SIZE);
            String reason = "message larger than " + maxMessage + " bytes";
            reply(ctx, new WsReply.Failure(null, null, reason));
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, reason);
        } else if (cause instanceof CorruptedWebSocketFrameException c) {
            counters.refused(WsCounters.Refused.MALFORMED);
            close(ctx, c.closeStatus(), String.valueOf(c.getMessage()));
        } else {
            log.debug("tracker: WebSocket {} closed after error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    /** Behind the messages already gathered for this socket, if it got as far as the upgrade. */
    private void reply(ChannelHandlerContext ctx, WsReply.Failure failure) {
        if (link != null) {
            link.send(failure);
        } else {
            ctx.writeAndFlush(new TextWebSocketFrame(WsCodec.encode(failure)));
        }
    }

    private void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        if (link != null) {
            link.flush();
        }
        ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), truncate(reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static String truncate(String reason) {
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_CLOSE_REASON) {
            return reason;
        }
        int end = MAX_CLOSE_REASON;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // never cut a character in two
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
