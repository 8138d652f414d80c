package org.webp2p.server.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Optional;

/**
 * Refuses an upload on its headers alone (bad path, wrong key, a playlist without a key) before any
 * of its body is buffered,
 * so an unauthorised client cannot make the origin hold {@code origin.max-upload} bytes per request.
 * The refused body is read and dropped to keep the connection usable. One per connection.
 */
final class IngestGate extends ChannelInboundHandlerAdapter {
    static final String KEY_PARAMETER = "key";
    static final String KEY_HEADER = "X-Publish-Key";

    private final PublishKeys keys;
    private final Rejections rejections;
    private boolean discarding;

    IngestGate(PublishKeys keys, Rejections rejections) {
        this.keys = keys;
        this.rejections = rejections;
    }

    static boolean isUpload(HttpMethod method) {
        return method.equals(HttpMethod.PUT) || method.equals(HttpMethod.POST) || method.equals(HttpMethod.DELETE);
    }

    /**
     * The key a request carries, or null. A segment without one is still let through: it is held
     * aside as {@link UnclaimedUploads} until a keyed playlist claims it.
     */
    static String presentedKey(HttpRequest req, QueryStringDecoder query) {
        List<String> fromQuery = query.parameters().get(KEY_PARAMETER);
        String key = fromQuery != null && !fromQuery.isEmpty() ? fromQuery.get(0) : req.headers().get(KEY_HEADER);
        return key == null || key.isEmpty() ? null : key;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req && isUpload(req.method())) {
            Optional<Refusal> refusal = check(req);
            if (refusal.isPresent()) {
                rejections.count(refusal.get().reason());
                FullHttpResponse answer = HttpReplies.error(refusal.get().reason().status, refusal.get().message());
                // A client waiting for 100-continue will not send the body; it cannot reuse the connection.
                HttpReplies.send(ctx, HttpUtil.is100ContinueExpected(req) ? HttpReplies.closing(answer) : answer);
                discarding = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
        } else if (discarding && msg instanceof HttpContent) {
            discarding = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private record Refusal(Rejection reason, String message) {
    }

    private Optional<Refusal> check(HttpRequest req) {
        QueryStringDecoder query;
        Optional<OriginPath> parsed;
        try {
            query = new QueryStringDecoder(req.uri());
            parsed = OriginPath.parse(query.path());
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal(Rejection.BAD_PATH, "malformed path"));
        }
        if (parsed.isEmpty() || parsed.get().area() != OriginPath.Area.LIVE) {
            return Optional.of(new Refusal(Rejection.BAD_PATH, "publish to /live/<stream>/<file>"));
        }
        OriginPath path = parsed.get();
        if (path.scope().equals(DemoStream.NAME)) {
            return Optional.of(new Refusal(Rejection.RESERVED, "the demo stream is built in"));
        }
        String key = presentedKey(req, query);
        if (key == null ? path.isPlaylist() : !keys.allows(path.scope(), key)) {
            return Optional.of(new Refusal(Rejection.FORBIDDEN, "wrong or missing publish key"));
        }
        if (path.isPlaylist() && !path.file().equals(OriginPath.LIVE_PLAYLIST)) {
            return Optional.of(new Refusal(Rejection.NOT_MEDIA,
                    "a live stream's playlist is " + OriginPath.LIVE_PLAYLIST));
        }
        if (!path.isPlaylist() && MediaTypes.ofMedia(path.file()).isEmpty()) {
            return Optional.of(new Refusal(Rejection.NOT_MEDIA, "not a media segment type: " + path.file()));
        }
        return Optional.empty();
    }
}
