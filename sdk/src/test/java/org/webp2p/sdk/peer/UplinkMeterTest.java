package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UplinkMeterTest {
    private static final int CHUNK = 16 * 1024;

    /** Keeps {@code window} chunks in flight, each acknowledged {@code msPerChunk} after the previous, for {@code ms}. */
    private static long upload(UplinkMeter meter, long startMs, int window, long msPerChunk, long ms) {
        long now = startMs;
        for (int i = 0; i < window; i++) {
            meter.sent(now);
        }
        for (long end = startMs + ms; now < end; ) {
            now += msPerChunk;
            meter.acked(CHUNK, now);
            meter.sent(now);
        }
        for (int i = 0; i < window; i++) {
            now += msPerChunk;
            meter.acked(CHUNK, now);
        }
        return now;
    }

    @Test
    void measuresWhatTheLinkCarriesWhileBusy() {
        UplinkMeter meter = new UplinkMeter();
        assertThat(meter.kbps()).isEqualTo(-1);
        // A chunk every 128 ms is 1 Mbit/s.
        upload(meter, 0, 4, 128, 5_000);
        assertThat(meter.kbps()).isCloseTo(1024, within(50.0));
    }

    @Test
    void idleTimeBetweenUploadsDoesNotLowerTheRate() {
        UplinkMeter meter = new UplinkMeter();
        long now = 0;
        for (int burst = 0; burst < 10; burst++) {
            now = upload(meter, now, 4, 32, 500) + 5_000;
        }
        assertThat(meter.kbps()).isCloseTo(4096, within(200.0));
    }

    @Test
    void lostChunksCountAsTimeWithoutBytes() {
        UplinkMeter meter = new UplinkMeter();
        long now = 0;
        for (int i = 0; i < 20; i++) {
            meter.sent(now);
            now += 100;
            meter.acked(i % 2 == 0 ? CHUNK : 0, now);
        }
        assertThat(meter.kbps()).isCloseTo(CHUNK * 8 / 200.0, within(30.0));
    }
}
