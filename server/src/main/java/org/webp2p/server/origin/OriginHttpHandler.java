package org.webp2p.server.origin;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request to playback or ingest and turns the outcome into an answer. Uploads reach it only
 * after {@link IngestGate} has checked path and key.
 */
@ChannelHandler.Sharable
final class OriginHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(OriginHttpHandler.class);

    private final LiveStreams live;
    private final Map<String, DemoStream> demos;
    private final VodRoots vod;
    private final Optional<PlayerPages> player;
    private final Rejections rejections;

    OriginHttpHandler(LiveStreams live, Map<String, DemoStream> demos, VodRoots vod, Optional<PlayerPages> player,
                      Rejections rejections) {
        this.live = live;
        this.demos = demos;
        this.vod = vod;
        this.player = player;
        this.rejections = rejections;
    }

    private record Found(Servable servable, StreamTraffic traffic) {
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (IngestGate.isUpload(req.method())) {
            handle(ctx, req);
        } else {
            AnswerOrder.answer(ctx, req, r -> handle(ctx, r));
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            // The decoder reads nothing more on this connection after a malformed request.
            rejections.count(Rejection.BAD_REQUEST);
            HttpReplies.send(ctx, HttpReplies.closing(HttpReplies.error(Rejection.BAD_REQUEST.status,
                    "malformed request")));
            return;
        }
        HttpMethod method = req.method();
        if (IngestGate.isUpload(method)) {
            // The gate let it through, so its target is sound and its key right.
            ingest(ctx, req, IngestTarget.of(req).orElseThrow().path());
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(req.uri());
        Optional<OriginPath> path;
        try {
            path = OriginPath.parse(query.path());
        } catch (IllegalArgumentException e) {
            path = Optional.empty();
        }
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            reject(ctx, Rejection.METHOD, method + " is not supported");
            return;
        }
        if (query.path().startsWith(PlayerPages.PREFIX)) {
            play(ctx, req, query);
            return;
        }
        if (path.isEmpty()) {
            reject(ctx, Rejection.BAD_PATH, "paths are /live/<stream>/<file>, /vod/<root>/<path> and /play/<stream>");
            return;
        }
        Optional<Found> found = find(path.get());
        if (found.isEmpty()) {
            reject(ctx, Rejection.NOT_FOUND, "no " + path.get().file() + " in " + path.get().scope());
            return;
        }
        ResourceResponder.respond(ctx, req, found.get().servable(), found.get().traffic());
    }

    private void play(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder query) {
        List<String> version = query.parameters().getOrDefault("v", List.of());
        Optional<Servable> page = player.flatMap(p -> p.resolve(query.path(), version.stream().findFirst()));
        if (page.isEmpty()) {
            reject(ctx, Rejection.NOT_FOUND, player.isEmpty() ? "this build has no player page (it is made with npm)"
                    : "the player is at /play/<stream>, its script at /play/" + PlayerPages.SCRIPT);
            return;
        }
        ResourceResponder.respond(ctx, req, page.get(), player.get().traffic());
    }

    private Optional<Found> find(OriginPath path) {
        if (path.area() == OriginPath.Area.VOD) {
            return vod.resolve(path.scope(), path.file())
                    .flatMap(s -> vod.traffic(path.scope()).map(t -> new Found(s, t)));
        }
        DemoStream demo = demos.get(path.scope());
        if (demo != null) {
            return demo.resolve(path.file()).map(s -> new Found(s, demo.traffic()));
        }
        if (path.file().equals(OriginPath.MASTER_PLAYLIST)) {
            return live.master(path.scope()).map(s -> new Found(s, live.masterTraffic(path.scope())));
        }
        return live.find(path.liveStream()).flatMap(stream -> stream.view()
                .flatMap(v -> v.resolve(path.leaf()))
                .map(s -> new Found(s, stream.traffic())));
    }

    private void ingest(ChannelHandlerContext ctx, FullHttpRequest req, OriginPath path) {
        byte[] body = ByteBufUtil.getBytes(req.content());
        String stream = path.liveStream();
        String file = path.leaf();
        CompletableFuture<Void> done;
        if (req.method().equals(HttpMethod.DELETE)) {
            done = live.delete(stream, file);
        } else if (path.file().equals(OriginPath.MASTER_PLAYLIST)) {
            // The origin writes its own master playlist from what the renditions carry.
            done = checkedMaster(new String(body, StandardCharsets.UTF_8));
        } else if (path.isPlaylist()) {
            done = live.acceptPlaylist(stream, new String(body, StandardCharsets.UTF_8));
        } else {
            done = live.stage(stream, file, body);
        }
        AnswerOrder.answerWhenDone(ctx, done, failure -> {
            if (failure == null) {
                HttpReplies.send(ctx, HttpReplies.noContent());
            } else if (failure instanceof PlaylistException) {
                reject(ctx, Rejection.BAD_PLAYLIST, failure.getMessage());
            } else if (failure instanceof StreamBusyException) {
                reject(ctx, Rejection.BUSY, failure.getMessage() + " (over RTMP)");
            } else {
                log.warn("origin: cannot store {} of stream {}: {}", file, stream, failure.toString());
                reject(ctx, Rejection.STORAGE, "cannot store " + file);
            }
        });
    }

    private static CompletableFuture<Void> checkedMaster(String text) {
        try {
            PlaylistCodec.checkMaster(text);
            return CompletableFuture.completedFuture(null);
        } catch (PlaylistException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void reject(ChannelHandlerContext ctx, Rejection reason, String message) {
        rejections.count(reason);
        HttpReplies.send(ctx, HttpReplies.error(reason.status, message));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the peer or a protocol error on one connection concerns only that connection.
        log.debug("origin: closing connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
