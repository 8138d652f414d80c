package org.webp2p.rtmfp.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.DataAckRanges;
import org.webp2p.rtmfp.chunk.Fragment;
import org.webp2p.rtmfp.chunk.SequenceRange;
import org.webp2p.rtmfp.chunk.UserData;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * The receiving end of a flow the far end opened (RFC 7016 §3.6.3): reassembles fragments,
 * delivers messages, and produces the acknowledgements that drive the sender.
 *
 * <p>Memory is bounded by the receive window: fragments that would overflow it are not accepted
 * (and so not acknowledged), except the one that advances the cumulative acknowledgement.
 */
public final class ReceiveFlow {
    /** Cap on ranges per acknowledgement so it always fits in one packet. */
    private static final int MAX_ACK_RANGES = 64;

    private final Session session;
    private final long id;
    private final Bytes metadata;
    private final SendFlow associatedSendFlow;
    private final RtmfpParams params;
    private final TreeMap<Long, Piece> pieces = new TreeMap<>();
    private final Deque<byte[]> undelivered = new ArrayDeque<>();
    private long cumulativeAck;
    private long bufferedBytes;
    private long undeliveredBytes;
    private long finalSequence = -1;
    private boolean ackAtOnce;
    private boolean finished;
    private long finishedAt;
    private long rejectionCode = -1;
    private DeliveryOrder order = DeliveryOrder.SEQUENCE;
    private MessageListener listener;

    private static final class Piece {
        final Fragment fragment;
        byte[] data;
        boolean delivered;

        Piece(Fragment fragment, byte[] data) {
            this.fragment = fragment;
            this.data = data;
        }
    }

    ReceiveFlow(Session session, long id, Bytes metadata, SendFlow associatedSendFlow, RtmfpParams params) {
        this.session = session;
        this.id = id;
        this.metadata = metadata;
        this.associatedSendFlow = associatedSendFlow;
        this.params = params;
    }

    /** The far end's flow ID. */
    public long id() {
        return id;
    }

    /** The per-flow metadata the sender attached (RFC 7016 §3.6.2.1). */
    public Bytes metadata() {
        return metadata;
    }

    public Session session() {
        return session;
    }

    /** Our send flow this flow was opened in return for, if any (RFC 7016 §3.6.2.2). */
    public Optional<SendFlow> associatedSendFlow() {
        return Optional.ofNullable(associatedSendFlow);
    }

    /**
     * Sets the listener and delivers messages that arrived before it was set.
     * Must be called on the endpoint's thread, normally from the flow callback.
     */
    public void setMessageListener(MessageListener listener) {
        this.listener = listener;
        while (listener != null && !undelivered.isEmpty()) {
            byte[] message = undelivered.poll();
            bufferedBytes -= message.length;
            undeliveredBytes -= message.length;
            UserCallbacks.run("message", () -> listener.onMessage(this, message));
        }
        notifyFinishedIfDone();
    }

    public void setDeliveryOrder(DeliveryOrder order) {
        this.order = order;
    }

    /** Refuses the flow: the sender gets a Flow Exception Report with {@code code}. */
    public void reject(long code) {
        session.runOnCore(() -> {
            if (rejectionCode < 0) {
                rejectionCode = code;
                pieces.clear();
                undelivered.clear();
                bufferedBytes = 0;
                undeliveredBytes = 0;
                session.queueFlowException(this);
            }
        });
    }

    /** Opens a flow back to the sender, associated with this one. */
    public SendFlow openReturnFlow(Bytes metadata) {
        return session.openFlow(metadata, this);
    }

    boolean isRejected() {
        return rejectionCode >= 0;
    }

    long rejectionCode() {
        return rejectionCode;
    }

    boolean isFinished() {
        return finished;
    }

    long finishedAt() {
        return finishedAt;
    }

    /**
     * True if a fragment since the last call left a gap, filled one, or was a duplicate, each of which
     * calls for an immediate ack (as RFC 5681 §4.2 asks of TCP): the sender learns at once of a loss,
     * of a repair, or that its retransmission was needless. A repair acknowledged only when the
     * delayed-ack timer ran out (200 ms) let the sender's retransmission timer fire first whenever
     * nothing followed the repaired fragment.
     */
    boolean ackAtOnce() {
        boolean due = ackAtOnce;
        ackAtOnce = false;
        return due;
    }

    /** What became of a received fragment. */
    enum Receipt {
        ACCEPTED,
        /** Already held or delivered: a retransmission or a replay. */
        DUPLICATE,
        /** Beyond the receive window, so not accepted and not acknowledged. */
        OUT_OF_WINDOW
    }

    /** Takes one fragment. */
    Receipt onUserData(UserData chunk, long nowMillis) {
        if (rejectionCode >= 0) {
            advanceCumulative(chunk.sequenceNumber(), chunk.fin());
            return Receipt.ACCEPTED;
        }
        long sequence = chunk.sequenceNumber();
        boolean duplicate = sequence <= cumulativeAck || pieces.containsKey(sequence);
        ackAtOnce |= duplicate;
        if (!duplicate) {
            byte[] data = chunk.abandon() ? null : chunk.data().toByteArray();
            int size = data == null ? 0 : data.length;
            if (sequence != cumulativeAck + 1 && windowedBytes() + size > params.receiveWindowBytes()) {
                return Receipt.OUT_OF_WINDOW;
            }
            if (bufferedBytes + size > params.maxMessageBytes() + (long) params.receiveWindowBytes()) {
                // A message that never ends would grow without bound: refuse the flow instead.
                reject(0);
                return Receipt.ACCEPTED;
            }
            if (chunk.fin()) {
                finalSequence = sequence;
            }
            if (sequence != cumulativeAck + 1 || !pieces.tailMap(sequence, false).isEmpty()) {
                ackAtOnce = true;
            }
            pieces.put(sequence, new Piece(chunk.fragment(), data));
            bufferedBytes += size;
        }
        long forward = chunk.forwardSequenceNumber();
        if (forward > cumulativeAck) {
            // RFC 7016 §3.6.3.2: the sender will never resend anything up to the FSN; stop waiting for it.
            cumulativeAck = forward;
        }
        while (pieces.containsKey(cumulativeAck + 1)) {
            cumulativeAck++;
        }
        if (order == DeliveryOrder.NETWORK) {
            deliverCompletedAround(sequence);
        }
        deliverInSequence();
        if (finalSequence > 0 && cumulativeAck >= finalSequence && pieces.isEmpty() && !finished) {
            finished = true;
            finishedAt = nowMillis;
            notifyFinishedIfDone();
        }
        // A duplicate still carries the sender's current FSN, which may let us skip abandoned data.
        return duplicate ? Receipt.DUPLICATE : Receipt.ACCEPTED;
    }

    private void advanceCumulative(long sequence, boolean fin) {
        if (fin) {
            finalSequence = sequence;
        }
        cumulativeAck = Math.max(cumulativeAck, sequence);
    }

    private void deliverInSequence() {
        while (!pieces.isEmpty()) {
            Map.Entry<Long, Piece> first = pieces.firstEntry();
            long start = first.getKey();
            if (start > cumulativeAck) {
                return;
            }
            Piece piece = first.getValue();
            if (piece.delivered || piece.data == null || !piece.fragment.startsMessage()) {
                // Already handed over (network order), abandoned, or its start was abandoned.
                discard(start);
                continue;
            }
            long end = start;
            while (true) {
                Piece p = pieces.get(end);
                if (p == null) {
                    if (end <= cumulativeAck) {
                        // A fragment inside the message was abandoned: the message can never complete.
                        for (long s = start; s < end; s++) {
                            discard(s);
                        }
                        break;
                    }
                    return;
                }
                if (p.fragment.endsMessage() && (end == start || p.fragment == Fragment.END)) {
                    deliver(start, end);
                    break;
                }
                if (end > start && p.fragment.startsMessage()) {
                    discard(start);
                    break;
                }
                end++;
            }
        }
    }

    private void deliverCompletedAround(long sequence) {
        long start = sequence;
        Piece p = pieces.get(start);
        while (p != null && !p.fragment.startsMessage()) {
            p = pieces.get(--start);
        }
        if (p == null || p.delivered || p.data == null) {
            return;
        }
        long end = start;
        while (true) {
            Piece q = pieces.get(end);
            if (q == null || q.data == null || (end > start && q.fragment.startsMessage())) {
                return;
            }
            if (q.fragment.endsMessage()) {
                break;
            }
            end++;
        }
        handOver(assemble(start, end));
        for (long s = start; s <= end; s++) {
            Piece done = pieces.get(s);
            bufferedBytes -= done.data.length;
            done.data = new byte[0];
            done.delivered = true;
        }
    }

    /**
     * One array of the message's exact size: a stream grown from 32 bytes allocated about three times a
     * 16 KiB message's size on the way, the largest source of garbage in a 50-viewer simulation.
     */
    private byte[] assemble(long start, long end) {
        int length = 0;
        for (long s = start; s <= end; s++) {
            length += pieces.get(s).data.length;
        }
        byte[] message = new byte[length];
        int at = 0;
        for (long s = start; s <= end; s++) {
            byte[] data = pieces.get(s).data;
            System.arraycopy(data, 0, message, at, data.length);
            at += data.length;
        }
        return message;
    }

    private void deliver(long start, long end) {
        byte[] message = assemble(start, end);
        for (long s = start; s <= end; s++) {
            discard(s);
        }
        handOver(message);
    }

    private void handOver(byte[] message) {
        if (listener != null) {
            UserCallbacks.run("message", () -> listener.onMessage(this, message));
        } else {
            undelivered.add(message);
            bufferedBytes += message.length;
            undeliveredBytes += message.length;
        }
    }

    private void discard(long sequence) {
        Piece removed = pieces.remove(sequence);
        if (removed != null && removed.data != null) {
            bufferedBytes -= removed.data.length;
        }
    }

    private void notifyFinishedIfDone() {
        if (finished && listener != null && undelivered.isEmpty()) {
            UserCallbacks.run("flow finished", () -> listener.onFinished(this));
        }
    }

    /**
     * Bytes counted against the receive window: everything held except the in-sequence start of
     * a message still being received. Counting that too would deadlock any message larger than
     * the window, since it can only be delivered once complete.
     */
    private long windowedBytes() {
        long held = undeliveredBytes;
        for (Piece piece : pieces.tailMap(cumulativeAck, false).values()) {
            held += piece.data == null ? 0 : piece.data.length;
        }
        return held;
    }

    /** The acknowledgement describing what we hold now (RFC 7016 §3.6.3.4). */
    DataAckRanges acknowledgement() {
        List<SequenceRange> ranges = new ArrayList<>();
        long runStart = -1;
        long runEnd = -1;
        for (Long sequence : pieces.tailMap(cumulativeAck + 1).keySet()) {
            if (runStart >= 0 && sequence == runEnd + 1) {
                runEnd = sequence;
                continue;
            }
            if (runStart >= 0) {
                ranges.add(new SequenceRange(runStart, runEnd));
                if (ranges.size() == MAX_ACK_RANGES) {
                    runStart = -1;
                    break;
                }
            }
            runStart = sequence;
            runEnd = sequence;
        }
        if (runStart >= 0) {
            ranges.add(new SequenceRange(runStart, runEnd));
        }
        long free = Math.max(0, params.receiveWindowBytes() - windowedBytes());
        return new DataAckRanges(id, free / 1024, cumulativeAck, ranges);
    }
}
