package org.webp2p.sdk.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real clock on a real event loop: alarms ring on the loop, and their failures reach the owner. */
class EventLoopAlarmClockTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void alarmsRingOnTheLoopAndTheirFailuresReachTheOwnerWithTheAlarmsName() throws Exception {
        CompletableFuture<String> failedAlarm = new CompletableFuture<>();
        EventLoopAlarmClock clock = new EventLoopAlarmClock(loop, System::currentTimeMillis,
                (alarm, e) -> failedAlarm.complete(alarm + ": " + e.getMessage()));
        assertThat(clock.inOwnerThread()).as("the test thread is not the loop").isFalse();

        CompletableFuture<Boolean> rangOnLoop = new CompletableFuture<>();
        long[] setAt = new long[1];
        clock.execute(() -> {
            setAt[0] = clock.nowMs();
            new Alarm(clock, "probe", () -> rangOnLoop.complete(clock.inOwnerThread())).setIn(50);
            new Alarm(clock, "broken", () -> {
                throw new IllegalStateException("a bug");
            }).setIn(10);
        });

        assertThat(rangOnLoop.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(clock.nowMs() - setAt[0]).as("rang after its delay").isGreaterThanOrEqualTo(50);
        assertThat(failedAlarm.get(5, TimeUnit.SECONDS)).isEqualTo("broken: a bug");
    }
}
