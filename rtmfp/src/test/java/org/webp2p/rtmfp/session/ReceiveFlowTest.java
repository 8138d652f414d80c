package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.DataAckRanges;
import org.webp2p.rtmfp.chunk.Fragment;
import org.webp2p.rtmfp.chunk.SequenceRange;
import org.webp2p.rtmfp.chunk.UserData;
import org.webp2p.rtmfp.wire.Bytes;

class ReceiveFlowTest {
    private final List<String> delivered = new ArrayList<>();
    private final ReceiveFlow flow = new ReceiveFlow(null, 5, Bytes.fromHex("01"), null, RtmfpParams.defaults());

    ReceiveFlowTest() {
        flow.setMessageListener((f, message) -> delivered.add(new String(message)));
    }

    private static UserData fragment(long sequence, long forward, Fragment fragment, String data) {
        return new UserData(5, sequence, sequence - forward, fragment, false, false, List.of(), Bytes.of(data.getBytes()));
    }

    @Test
    void reassemblesFragmentsArrivingOutOfOrder() {
        flow.onUserData(fragment(3, 0, Fragment.END, "c"), 0);
        flow.onUserData(fragment(1, 0, Fragment.BEGIN, "a"), 0);
        assertThat(delivered).isEmpty();
        flow.onUserData(fragment(2, 0, Fragment.MIDDLE, "b"), 0);
        assertThat(delivered).containsExactly("abc");
    }

    @Test
    void holdsLaterMessagesUntilEarlierOnesArriveInSequenceOrder() {
        flow.onUserData(fragment(2, 0, Fragment.WHOLE, "second"), 0);
        assertThat(delivered).isEmpty();
        DataAckRanges ack = flow.acknowledgement();
        assertThat(ack.cumulativeAck()).isZero();
        assertThat(ack.receivedAbove()).containsExactly(new SequenceRange(2, 2));
        flow.onUserData(fragment(1, 0, Fragment.WHOLE, "first"), 0);
        assertThat(delivered).containsExactly("first", "second");
        assertThat(flow.acknowledgement().cumulativeAck()).isEqualTo(2);
    }

    @Test
    void asksForAnImmediateAckWhenAFragmentLeavesOrFillsAGapOrIsADuplicate() {
        flow.onUserData(fragment(1, 0, Fragment.WHOLE, "a"), 0);
        assertThat(flow.ackAtOnce()).as("in order: the delayed ack will do").isFalse();
        flow.onUserData(fragment(3, 0, Fragment.WHOLE, "c"), 0);
        assertThat(flow.ackAtOnce()).as("leaves a gap").isTrue();
        flow.onUserData(fragment(2, 0, Fragment.WHOLE, "b"), 0);
        assertThat(flow.ackAtOnce()).as("fills the gap: the sender's repair arrived").isTrue();
        flow.onUserData(fragment(2, 0, Fragment.WHOLE, "b"), 0);
        assertThat(flow.ackAtOnce()).as("a duplicate: the retransmission was needless").isTrue();
        flow.onUserData(fragment(4, 0, Fragment.WHOLE, "d"), 0);
        assertThat(flow.ackAtOnce()).isFalse();
        assertThat(delivered).containsExactly("a", "b", "c", "d");
    }

    @Test
    void networkOrderDeliversCompleteMessagesAtOnce() {
        flow.setDeliveryOrder(DeliveryOrder.NETWORK);
        flow.onUserData(fragment(2, 0, Fragment.WHOLE, "second"), 0);
        assertThat(delivered).containsExactly("second");
        flow.onUserData(fragment(1, 0, Fragment.WHOLE, "first"), 0);
        flow.onUserData(fragment(2, 0, Fragment.WHOLE, "second"), 0);
        assertThat(delivered).containsExactly("second", "first");
    }

    @Test
    void forwardSequenceNumberSkipsAbandonedMessages() {
        flow.onUserData(fragment(2, 0, Fragment.END, "lost-tail"), 0);
        // The sender abandoned everything through 2 (the message starting at 1 will never complete).
        flow.onUserData(fragment(3, 2, Fragment.WHOLE, "next"), 0);
        assertThat(delivered).containsExactly("next");
        assertThat(flow.acknowledgement().cumulativeAck()).isEqualTo(3);
    }

    @Test
    void ignoresDuplicates() {
        flow.onUserData(fragment(1, 0, Fragment.WHOLE, "once"), 0);
        assertThat(flow.onUserData(fragment(1, 0, Fragment.WHOLE, "once"), 0)).isEqualTo(ReceiveFlow.Receipt.DUPLICATE);
        assertThat(delivered).containsExactly("once");
    }

    @Test
    void duplicateStillAdvancesTheForwardSequenceNumber() {
        flow.onUserData(fragment(3, 0, Fragment.WHOLE, "third"), 0);
        // The sender abandoned 1 and 2 and retransmits 3 with FSN 2.
        assertThat(flow.onUserData(fragment(3, 2, Fragment.WHOLE, "third"), 0)).isEqualTo(ReceiveFlow.Receipt.DUPLICATE);
        assertThat(delivered).containsExactly("third");
    }

    @Test
    void refusesDataBeyondTheWindowButAlwaysTakesTheNextInSequence() {
        RtmfpParams tiny = RtmfpParams.defaults().toBuilder().receiveWindowBytes(2048).build();
        ReceiveFlow small = new ReceiveFlow(null, 5, Bytes.EMPTY, null, tiny);
        String kilobyte = "x".repeat(1024);
        assertThat(small.onUserData(fragment(2, 0, Fragment.MIDDLE, kilobyte), 0)).isEqualTo(ReceiveFlow.Receipt.ACCEPTED);
        assertThat(small.onUserData(fragment(3, 0, Fragment.MIDDLE, kilobyte), 0)).isEqualTo(ReceiveFlow.Receipt.ACCEPTED);
        assertThat(small.onUserData(fragment(4, 0, Fragment.MIDDLE, kilobyte), 0)).isEqualTo(ReceiveFlow.Receipt.OUT_OF_WINDOW);
        assertThat(small.acknowledgement().bufferBlocksAvailable()).isZero();
        assertThat(small.onUserData(fragment(1, 0, Fragment.BEGIN, kilobyte), 0)).isEqualTo(ReceiveFlow.Receipt.ACCEPTED);
    }
}
