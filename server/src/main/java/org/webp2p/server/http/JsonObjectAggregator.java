package org.webp2p.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.atomic.LongAdder;

/**
 * Aggregates request bodies up to a limit, answering a larger one with the same JSON error shape as
 * every other refusal (Netty's own 413 has no body) and counting it.
 */
final class JsonObjectAggregator extends HttpObjectAggregator {
    private final int limit;
    private final LongAdder oversized;

    JsonObjectAggregator(int limit, LongAdder oversized) {
        super(limit);
        this.limit = limit;
        this.oversized = oversized;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversizedMessage) {
        oversized.increment();
        // The rest of the body is still on the wire, so the connection cannot be reused: the
        // keep-alive handler closes it after this answer.
        FullHttpResponse refusal = Json.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                "request body is larger than " + limit + " bytes");
        HttpUtil.setKeepAlive(refusal, false);
        ctx.writeAndFlush(refusal);
    }
}
