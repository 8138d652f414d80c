package org.webp2p.server.origin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Short answers without a resource: errors with a readable reason, and empty successes. Whether the
 * connection stays open afterwards is up to the pipeline's HttpServerKeepAliveHandler.
 */
final class HttpReplies {
    private HttpReplies() {
    }

    /** A plain-text error. */
    static FullHttpResponse error(HttpResponseStatus status, String reason) {
        String text = status.code() + " " + status.reasonPhrase() + ": " + reason + "\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, CachePolicy.ERROR);
        if (status.equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD, OPTIONS, PUT, POST, DELETE");
        }
        return res;
    }

    /** Marks {@code res} as the last answer on its connection, for when nothing more can be read there. */
    static FullHttpResponse closing(FullHttpResponse res) {
        HttpUtil.setKeepAlive(res, false);
        return res;
    }

    /** 204 for an accepted upload or delete. */
    static FullHttpResponse noContent() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse res) {
        int code = res.status().code();
        // RFC 9110 §8.6: no Content-Length on 204; a 304 carries the length of what a 200 would send.
        if (code != 204 && code != 304) {
            HttpUtil.setContentLength(res, res.content().readableBytes());
        }
        ctx.writeAndFlush(res);
    }
}
