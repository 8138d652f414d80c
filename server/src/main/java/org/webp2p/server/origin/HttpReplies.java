package org.webp2p.server.origin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Short answers without a resource: errors with a readable reason, and empty successes. */
final class HttpReplies {
    private HttpReplies() {
    }

    /** A plain-text error; the connection stays open only if the client asked for it and may reuse it. */
    static void error(ChannelHandlerContext ctx, HttpResponseStatus status, String reason, boolean keepAlive) {
        String text = status.code() + " " + status.reasonPhrase() + ": " + reason + "\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, CachePolicy.ERROR);
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD, OPTIONS, PUT, POST, DELETE");
        }
        send(ctx, res, keepAlive);
    }

    /** 204 for an accepted upload or delete. */
    static void noContent(ChannelHandlerContext ctx, boolean keepAlive) {
        send(ctx, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT), keepAlive);
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive) {
        int code = res.status().code();
        // RFC 9110 §8.6: no Content-Length on 204; on 304 it would describe the unsent body.
        if (code != 204 && code != 304) {
            HttpUtil.setContentLength(res, res.content().readableBytes());
        }
        HttpUtil.setKeepAlive(res, keepAlive);
        ChannelFuture f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
