package org.webp2p.server.origin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
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
        requireEventLoop(ctx);
        Channel ch = ctx.channel();
        CompletableFuture<Void> last = ch.attr(LAST).get();
        if (last == null || last.isDone()) {
            answer.accept(req);
            return;
        }
        req.retain();
        ch.attr(LAST).set(onEventLoop(ctx, last, v -> {
            try {
                answer.accept(req);
            } finally {
                req.release();
            }
        }));
    }

    /**
     * Answers once {@code work} is done and the answers before have gone; {@code answer} receives
     * the failure, or null.
     */
    static void answerWhenDone(ChannelHandlerContext ctx, CompletableFuture<Void> work, Consumer<Throwable> answer) {
        requireEventLoop(ctx);
        Channel ch = ctx.channel();
        CompletableFuture<Void> last = ch.attr(LAST).get();
        CompletableFuture<Throwable> outcome = work.handle((ok, failure) ->
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
        CompletableFuture<Throwable> ready = last == null ? outcome
                : last.thenCombine(outcome, (v, failure) -> failure);
        ch.attr(LAST).set(onEventLoop(ctx, ready, answer));
    }

    /**
     * The last answer is read and replaced without a lock, so only the connection's event loop may
     * do it; the work an upload waits for runs elsewhere and comes back through {@link #onEventLoop}.
     */
    private static void requireEventLoop(ChannelHandlerContext ctx) {
        if (!ctx.executor().inEventLoop()) {
            throw new IllegalStateException("answers are ordered on the connection's event loop, not "
                    + Thread.currentThread().getName());
        }
    }

    /**
     * Runs {@code answer} on the channel's event loop once {@code ready} completes (it never fails);
     * the result completes only after the answer has run, so the next one cannot overtake it.
     */
    private static <T> CompletableFuture<Void> onEventLoop(ChannelHandlerContext ctx, CompletableFuture<T> ready,
                                                           Consumer<T> answer) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        ready.thenAccept(value -> {
            Runnable run = () -> {
                try {
                    answer.accept(value);
                } finally {
                    answered.complete(null);
                }
            };
            try {
                ctx.executor().execute(run);
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down: writes fail quietly, but held requests are released.
                run.run();
            }
        });
        return answered;
    }
}
