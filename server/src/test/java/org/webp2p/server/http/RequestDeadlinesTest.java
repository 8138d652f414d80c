package org.webp2p.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadlines alone in an embedded channel whose clock the test moves: what starts and stops them
 * as requests arrive and answers leave. Header timeout 10 s; body timeout 10 s and 1,000 bytes/s.
 */
class RequestDeadlinesTest {
    private final LongAdder headerTimeouts = new LongAdder();
    private final LongAdder bodyTimeouts = new LongAdder();
    private final EmbeddedChannel ch = new EmbeddedChannel(new RequestDeadlines(TimeUnit.SECONDS.toNanos(10),
            TimeUnit.SECONDS.toNanos(10), 1000, headerTimeouts, bodyTimeouts));

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
    }

    private void after(int seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runPendingTasks();
    }

    private static DefaultFullHttpRequest get() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
    }

    private void answer(HttpResponseStatus status) {
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
        ch.releaseOutbound();
    }

    @Test
    void aConnectionWithoutARequestIsClosedAtTheHeaderTimeout() {
        after(9);
        assertThat(ch.isOpen()).isTrue();

        after(1);

        assertThat(ch.isOpen()).isFalse();
        assertThat(headerTimeouts.sum()).isEqualTo(1);
    }

    @Test
    void noDeadlineRunsWhileARequestIsAnsweredAndTheNextStartsWhenEveryAnswerIsOut() {
        ch.writeInbound(get(), get());
        after(30);
        answer(HttpResponseStatus.OK);
        after(30);
        assertThat(ch.isOpen()).as("the second pipelined request is still being answered").isTrue();

        answer(HttpResponseStatus.OK);
        after(9);
        assertThat(ch.isOpen()).isTrue();
        after(1);

        assertThat(ch.isOpen()).isFalse();
        assertThat(headerTimeouts.sum()).isEqualTo(1);
        ch.releaseInbound();
    }

    @Test
    void aBodyKeepingTheMinimumRateIsNeverCutAndOneFallingBehindIs() {
        ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/x"));
        for (int i = 0; i < 60; i++) {
            ch.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[1000])));
            after(1);
        }
        assertThat(ch.isOpen()).as("a minute of 1,000 bytes a second").isTrue();

        after(10);

        assertThat(ch.isOpen()).isFalse();
        assertThat(bodyTimeouts.sum()).isEqualTo(1);
        ch.releaseInbound();
    }

    @Test
    void aContinueIsNotTheAnswerAndARefusalBeforeTheBodyLeavesTheBodyDeadlineRunning() {
        ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/x"));
        answer(HttpResponseStatus.CONTINUE);
        answer(HttpResponseStatus.FORBIDDEN);
        after(9);
        ch.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[10])));
        after(9);
        assertThat(ch.isOpen()).as("the body came; the header timeout runs again from its end").isTrue();

        after(1);

        assertThat(ch.isOpen()).isFalse();
        assertThat(headerTimeouts.sum()).isEqualTo(1);
        assertThat(bodyTimeouts.sum()).isZero();
        ch.releaseInbound();
    }

    @Test
    void aSwitchToAnotherProtocolEndsTheWatch() {
        ch.writeInbound(get());
        answer(HttpResponseStatus.SWITCHING_PROTOCOLS);

        after(3600);

        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.pipeline().get(RequestDeadlines.class)).isNull();
        ch.releaseInbound();
    }
}
