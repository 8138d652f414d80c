package org.webp2p.rtmfp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.transport.DatagramTunnel;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.session.RtmfpCore;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;

/** The adapter runs the core's timers only while the core has something to time. */
class RtmfpDatagramHandlerTest {
    private static final InetSocketAddress SILENT_SERVER = new InetSocketAddress("127.0.0.1", 9);
    private final RtmfpParams params = RtmfpParams.defaults().toBuilder().openTimeoutMillis(200).build();
    private final RtmfpDatagramHandler handler = new RtmfpDatagramHandler((sink, thread, clock) ->
            new RtmfpCore(params, LocalIdentity.ephemeral(params.dhGroups(), false, params.dhPrivateKeyBits(),
                    new SecureRandom()), clock, sink, thread, new SecureRandom()),
            DatagramTunnel.DIRECT, params.timerTickMillis());
    private final EmbeddedChannel channel = new EmbeddedChannel(handler);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void anIdleCoreIsNotTicked() {
        assertThat(handler.ticking()).isFalse();
    }

    @Test
    void timersRunWhileAnOpeningWaitsAndStopWhenItGivesUp() {
        CompletableFuture<Session> opening = handler.core().open(EndpointDiscriminator.forServer("rtmfp://silent/app"),
                List.of(SILENT_SERVER), new SessionListener() { });
        assertThat(handler.ticking()).isTrue();
        assertThat(sent()).as("the first IHello").isPositive();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runScheduledPendingTasks();
            return !handler.ticking();
        });

        assertThat(opening).isCompletedExceptionally();
    }

    @Test
    void aDatagramWakesTheTimersUntilTheCoreIsIdleAgain() {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
                new InetSocketAddress("127.0.0.1", 20_000), new InetSocketAddress("127.0.0.1", 1935)));
        assertThat(handler.ticking()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runScheduledPendingTasks();
            return !handler.ticking();
        });
    }

    private int sent() {
        int n = 0;
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ReferenceCountUtil.release(out);
            n++;
        }
        return n;
    }
}
