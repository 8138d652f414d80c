package org.webp2p.server.origin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Keeps the answers on one connection in request order (HTTP/1.1 pipelining) when some of them are
 * given later. ffmpeg sends its next upload without waiting for the answer to the last one, and
 * uploads are answered from the ingest thread. So anything that arrives behind an unanswered upload
 * waits for that answer.
 */
final class AnswerOrder {
    private static final AttributeKey<CompletableFuture<Void>> LAST = AttributeKey.valueOf("origin.lastAnswer");

    private AnswerOrder() {
    }

    /** Answers {@code req} now, or once the answers before it have gone. */
    static void answer(ChannelHandlerContext ctx, FullHttpRequest req, Consumer<FullHttpRequest> answer) {
        Channel ch = ctx.channel();
        CompletableFuture<Void> last = ch.attr(LAST).get();
        if (last == null || last.isDone()) {
            answer.accept(req);
            return;
        }
        req.retain();
        Runnable later = () -> {
            try {
                answer.accept(req);
            } finally {
                req.release();
            }
        };
        ch.attr(LAST).set(last.handle((ok, failure) -> null).thenRun(() -> ctx.executor().execute(later)));
    }

    /**
     * Answers once {@code work} is done and the answers before have gone; {@code answer} receives
     * the failure, or null.
     */
    static void answerWhenDone(ChannelHandlerContext ctx, CompletableFuture<Void> work, Consumer<Throwable> answer) {
        Channel ch = ctx.channel();
        CompletableFuture<Void> last = ch.attr(LAST).get();
        CompletableFuture<Void> before = last == null ? CompletableFuture.completedFuture(null)
                : last.handle((ok, failure) -> null);
        ch.attr(LAST).set(before.thenCompose(v -> work.handle((ok, failure) -> {
            answer.accept(failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
            return null;
        })));
    }
}
