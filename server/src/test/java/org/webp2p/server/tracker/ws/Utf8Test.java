package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {
    /** Well-formed sequences at the edges of the Unicode Standard's table 3-7. */
    private static final List<String> WELL_FORMED = List.of("", "41", "7f", "c280", "c3a9", "dfbf", "e0a080", "e282ac",
            "ed9fbf", "ee8080", "efbfbf", "f0908080", "f48fbfbf", "f3bfbfbf");
    /** Overlong forms, surrogates, past U+10FFFF, bytes that never start a sequence, cut and broken sequences. */
    private static final List<String> ILL_FORMED = List.of("c080", "c1bf", "e08080", "e09fbf", "eda080", "edbfbf",
            "f08fbfbf", "f4908080", "f5808080", "ff", "80", "bf", "c3", "e282", "f09080", "c341", "e241ac", "e28241");

    private static boolean valid(String hex, int asciiBefore, int asciiAfter) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes("{".repeat(asciiBefore).getBytes()).writeBytes(HexFormat.of().parseHex(hex))
                .writeBytes("}".repeat(asciiAfter).getBytes());
        try {
            return Utf8.valid(b, 0, b.writerIndex());
        } finally {
            b.release();
        }
    }

    @Test
    void acceptsEveryWellFormedSequenceWhereverItSits() {
        for (String hex : WELL_FORMED) {
            for (int before = 0; before <= 17; before++) {
                assertThat(valid(hex, before, before % 9)).as("%s after %d ASCII bytes", hex, before).isTrue();
            }
        }
    }

    @Test
    void refusesEveryIllFormedSequenceWhereverItSits() {
        for (String hex : ILL_FORMED) {
            for (int before = 0; before <= 17; before++) {
                // At the very end (a cut sequence really cut) and with ASCII after it.
                assertThat(valid(hex, before, 0)).as("%s after %d ASCII bytes, at the end", hex, before).isFalse();
                assertThat(valid(hex, before, 1 + before % 9)).as("%s after %d ASCII bytes", hex, before).isFalse();
            }
        }
    }

    @Test
    void looksOnlyBetweenTheBoundsItIsGiven() {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex("ff41424344454647484950ff"));
        assertThat(Utf8.valid(b, 1, 11)).isTrue();
        assertThat(Utf8.valid(b, 1, 12)).isFalse();
        assertThat(Utf8.valid(b, 0, 11)).isFalse();
    }
}
