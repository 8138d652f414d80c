package org.webp2p.server.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * Refuses an upload on its headers alone (bad path, wrong or missing key) before any of its body is
 * buffered, so a client without the key cannot make the origin hold a single byte of it. Every
 * upload must carry the key itself ({@link IngestTarget}). The refused body is read and dropped to
 * keep the connection usable. One per connection.
 */
final class IngestGate extends ChannelInboundHandlerAdapter {
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
        Optional<IngestTarget> parsed;
        try {
            parsed = IngestTarget.of(req);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal(Rejection.BAD_PATH, "malformed path"));
        }
        if (parsed.isEmpty()) {
            return Optional.of(new Refusal(Rejection.BAD_PATH, "publish to /ingest/<key>/<stream>/<file>"));
        }
        OriginPath path = parsed.get().path();
        if (DemoStream.builtIn(path.scope())) {
            return Optional.of(new Refusal(Rejection.RESERVED, "the " + path.scope() + " stream is built in"));
        }
        Optional<String> key = parsed.get().key();
        if (key.isEmpty()) {
            return Optional.of(new Refusal(Rejection.FORBIDDEN, "every upload needs the publish key: publish to "
                    + "/ingest/<key>/" + path.scope() + "/" + OriginPath.LIVE_PLAYLIST
                    + " (ffmpeg leaves a ?key= off its segments)"));
        }
        if (!keys.allows(path.scope(), key.get())) {
            return Optional.of(new Refusal(Rejection.FORBIDDEN, "wrong publish key for stream " + path.scope()));
        }
        boolean master = path.file().equals(OriginPath.MASTER_PLAYLIST);
        if (path.isPlaylist() && !master && !path.leaf().equals(OriginPath.LIVE_PLAYLIST)) {
            return Optional.of(new Refusal(Rejection.NOT_MEDIA, "a live stream's playlist is " + OriginPath.LIVE_PLAYLIST
                    + ", a rendition's <rendition>/" + OriginPath.LIVE_PLAYLIST + " and the list of renditions "
                    + OriginPath.MASTER_PLAYLIST));
        }
        if (!path.isPlaylist() && MediaTypes.ofMedia(path.file()).isEmpty()) {
            return Optional.of(new Refusal(Rejection.NOT_MEDIA, "not a media segment type: " + path.file()));
        }
        return Optional.empty();
    }
}
