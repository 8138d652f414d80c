package org.webp2p.server.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckWindowTest {

    @Test
    void nothingIsAcknowledgedBeforeTheClientAnnouncesAWindow() {
        assertThat(new AckWindow().received(10_000_000)).isEmpty();
    }

    @Test
    void eachFilledWindowIsAcknowledgedOnceWithTheBytesReceivedSoFar() {
        AckWindow acks = new AckWindow();
        acks.window(1000);

        assertThat(acks.received(600)).isEmpty();
        assertThat(acks.received(600)).contains(new ControlMessage.Acknowledgement(1200));
        assertThat(acks.received(500)).isEmpty();
        assertThat(acks.received(500)).contains(new ControlMessage.Acknowledgement(2200));
    }

    @Test
    void theSequenceNumberWrapsAt32Bits() {
        AckWindow acks = new AckWindow();
        acks.window(1L << 31);

        acks.received(3L << 31);
        assertThat(acks.received(1L << 31)).contains(new ControlMessage.Acknowledgement(0));
    }
}
