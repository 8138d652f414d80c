package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsTimestampsTest {
    private static final int VIDEO_PID = 256;
    private static final long LOOP = 720_000; // the demo clip: 8 s at 90 kHz
    private static final long WRAP = 1L << 33;

    private static byte[] clip(String name) throws IOException {
        try (InputStream in = TsTimestampsTest.class.getResourceAsStream("demo/" + name)) {
            return in.readAllBytes();
        }
    }

    /** PTS of the PES packets of one PID, and every PCR base, read independently of the code under test. */
    private static List<Long> timestamps(byte[] ts, int pid, boolean pcr) {
        List<Long> out = new ArrayList<>();
        for (int p = 0; p < ts.length; p += 188) {
            int packetPid = ((ts[p + 1] & 0x1f) << 8) | (ts[p + 2] & 0xff);
            int control = (ts[p + 3] >> 4) & 3;
            int at = p + 4;
            if ((control & 2) != 0) {
                if (pcr && (ts[p + 4] & 0xff) > 0 && (ts[p + 5] & 0x10) != 0) {
                    out.add(((ts[p + 6] & 0xffL) << 25) | ((ts[p + 7] & 0xffL) << 17) | ((ts[p + 8] & 0xffL) << 9)
                            | ((ts[p + 9] & 0xffL) << 1) | ((ts[p + 10] & 0xffL) >> 7));
                }
                at = p + 5 + (ts[p + 4] & 0xff);
            }
            if (!pcr && packetPid == pid && (ts[p + 1] & 0x40) != 0 && ts[at] == 0 && ts[at + 1] == 0 && ts[at + 2] == 1) {
                int b = at + 9;
                out.add(((ts[b] & 0x0eL) << 29) | ((ts[b + 1] & 0xffL) << 22) | ((ts[b + 2] & 0xfeL) << 14)
                        | ((ts[b + 3] & 0xffL) << 7) | ((ts[b + 4] & 0xffL) >> 1));
            }
        }
        return out;
    }

    @Test
    void theNextLoopOfTheDemoClipStartsOneFrameAfterTheLastLoopEnds() throws IOException {
        List<Long> lastLoop = timestamps(clip("demo3.ts"), VIDEO_PID, false);
        List<Long> nextLoop = timestamps(TsTimestamps.shift(clip("demo0.ts"), LOOP), VIDEO_PID, false);

        long frame = 3600; // 25 fps
        assertThat(nextLoop.get(0)).isEqualTo(lastLoop.get(lastLoop.size() - 1) + frame);
    }

    @Test
    void movesEveryPtsAndPcrByTheOffsetAndLeavesTheRestAlone() throws IOException {
        byte[] original = clip("demo1.ts");
        byte[] shifted = TsTimestamps.shift(original, 3 * LOOP);

        assertThat(timestamps(shifted, VIDEO_PID, false)).containsExactlyElementsOf(
                timestamps(original, VIDEO_PID, false).stream().map(t -> t + 3 * LOOP).toList());
        assertThat(timestamps(shifted, 0, true)).containsExactlyElementsOf(
                timestamps(original, 0, true).stream().map(t -> t + 3 * LOOP).toList());
        assertThat(TsTimestamps.shift(shifted, -3 * LOOP)).as("the same bytes back").isEqualTo(original);
    }

    @Test
    void wrapsAt33BitsAsTheFieldsDo() throws IOException {
        byte[] original = clip("demo2.ts");
        long first = timestamps(original, VIDEO_PID, false).get(0);

        byte[] wrapped = TsTimestamps.shift(original, WRAP - first);

        assertThat(timestamps(wrapped, VIDEO_PID, false).get(0)).isZero();
        assertThat(TsTimestamps.shift(original, WRAP)).isEqualTo(original);
    }

    @Test
    void refusesBytesThatAreNotTransportStreamPackets() {
        assertThatThrownBy(() -> TsTimestamps.shift(new byte[100], 1)).hasMessageContaining("188-byte");
        assertThatThrownBy(() -> TsTimestamps.shift(new byte[188], 1)).hasMessageContaining("sync byte");
    }
}
