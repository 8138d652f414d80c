package org.webp2p.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.net.ServerTls;

/**
 * Dispatches aggregated requests to a {@link Router} and turns every failure into a JSON error, so
 * no input can escape as an exception or leave a client waiting. Whether the connection stays open
 * is {@link io.netty.handler.codec.http.HttpServerKeepAliveHandler}'s decision; this handler only
 * marks an answer {@code Connection: close} when nothing more can be read after its request.
 */
@ChannelHandler.Sharable
final class RoutingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(RoutingHandler.class);

    private final String service;
    private final Router router;
    final LongAdder requests = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();

    RoutingHandler(String service, Router router) {
        this.service = service;
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        requests.increment();
        FullHttpResponse response = respond(ctx, request);
        int code = response.status().code();
        if (code >= 500) {
            serverErrors.increment();
        } else if (code >= 400) {
            clientErrors.increment();
        }
        if (request.decoderResult().isFailure()) {
            // The decoder reads nothing more on this connection after a malformed request.
            HttpUtil.setKeepAlive(response, false);
        }
        if (request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse head = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                    Unpooled.EMPTY_BUFFER, response.headers(), response.trailingHeaders());
            response.release();
            response = head;
        }
        ctx.writeAndFlush(response);
    }

    private FullHttpResponse respond(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return Json.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage());
        }
        try {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            router.admit(request, uri.path());
            Router.Match match = router.find(request.method(), uri.path());
            return match.handler().handle(new HttpRequestHandler.Request(request, uri, match.params(),
                    (InetSocketAddress) ctx.channel().remoteAddress(), ServerTls.isSecure(ctx.channel())));
        } catch (HttpProblem p) {
            return Json.error(p.status(), p.code(), p.reason());
        } catch (IllegalArgumentException e) {
            // Malformed percent-encoding and the like in the URI.
            return Json.error(HttpResponseStatus.BAD_REQUEST, "bad_request", String.valueOf(e.getMessage()));
        } catch (Exception e) {
            log.error("{}: {} {} failed", service, request.method(), request.uri(), e);
            return Json.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                    "the " + service + " service failed on this request; see its log");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: connection {} closed after error", service, ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

}
