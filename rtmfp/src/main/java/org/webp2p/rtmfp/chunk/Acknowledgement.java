package org.webp2p.rtmfp.chunk;

import java.util.List;

/** What both data acknowledgement chunk forms say, in absolute sequence numbers. */
public sealed interface Acknowledgement permits DataAckBitmap, DataAckRanges {
    long flowId();

    /** Free receive buffer, in 1024-byte blocks (RFC 7016 §2.3.13). */
    long bufferBlocksAvailable();

    /** Every sequence number at or below this was received or abandoned. */
    long cumulativeAck();

    /** Sequence numbers received above the cumulative ack, in ascending order. */
    List<SequenceRange> receivedAbove();
}
