package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void bytesAndBitRatesScaleByThousandsWithThreeSignificantDigits() {
        assertThat(Format.bytes(950)).isEqualTo("950 B");
        assertThat(Format.bytes(5_000)).isEqualTo("5.00 kB");
        assertThat(Format.bytes(60_210_000)).isEqualTo("60.2 MB");
        assertThat(Format.bytes(1_200_000_000)).isEqualTo("1.20 GB");
        assertThat(Format.bitsPerSecond(96_000)).isEqualTo("96.0 kb/s");
        assertThat(Format.bitsPerSecond(800_000)).isEqualTo("800 kb/s");
        assertThat(Format.bytes(-3)).as("never negative on screen").isEqualTo("0 B");
    }

    @Test
    void ratiosAndMillisecondsReadAsOperatorsExpect() {
        assertThat(Format.percent(0.625)).isEqualTo("62.5 %");
        assertThat(Format.millis(1500)).isEqualTo("1500 ms");
        assertThat(Format.millis(-1)).as("no startup measured").isEqualTo("-");
    }

    @Test
    void latenciesReadInSecondsWithOneDecimal() {
        assertThat(Format.seconds(10_022)).isEqualTo("10.0 s");
        assertThat(Format.seconds(4_960)).isEqualTo("5.0 s");
        assertThat(Format.seconds(-1)).as("none told").isEqualTo("-");
        assertThat(Format.percentileSeconds(8_240, 10_022)).isEqualTo("8.2 / 10.0 s");
        assertThat(Format.percentileSeconds(-1, -1)).isEqualTo("-");
    }
}
