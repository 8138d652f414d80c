package org.webp2p.rtmfp.chunk;

import java.util.List;
import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.WireOption;

/**
 * User Data (RFC 7016 §2.3.11): one fragment of a flow's message.
 *
 * @param flowId         the sending flow
 * @param sequenceNumber this fragment's sequence number (starting at 1)
 * @param fsnOffset      sequenceNumber minus the forward sequence number
 * @param fragment       position within the message
 * @param abandon        ABN: the fragment was abandoned and carries no data
 * @param fin            FIN: the last fragment the flow will ever send
 * @param options        per-flow options (metadata, return association); empty for none
 * @param data           the fragment payload
 */
public record UserData(long flowId, long sequenceNumber, long fsnOffset, Fragment fragment, boolean abandon,
                       boolean fin, List<WireOption> options, Bytes data) implements Chunk {
    public UserData {
        if (flowId < 0 || sequenceNumber < 1 || fsnOffset < 0 || fsnOffset > sequenceNumber) {
            throw new IllegalArgumentException("bad flow/sequence numbers");
        }
        Objects.requireNonNull(fragment);
        options = List.copyOf(options);
        Objects.requireNonNull(data);
    }

    /** The forward sequence number: everything at or below it will not be retransmitted. */
    public long forwardSequenceNumber() {
        return sequenceNumber - fsnOffset;
    }

    @Override
    public int type() {
        return ChunkType.USER_DATA;
    }
}
