package org.webp2p.rtmfp.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.Acknowledgement;
import org.webp2p.rtmfp.chunk.ChunkCodec;
import org.webp2p.rtmfp.chunk.Fragment;
import org.webp2p.rtmfp.chunk.SequenceRange;
import org.webp2p.rtmfp.chunk.UserData;
import org.webp2p.rtmfp.flow.ReorderingWindow;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.Vlu;
import org.webp2p.rtmfp.wire.WireOption;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * The sending end of a flow (RFC 7016 §3.6.2): queues messages, cuts them into fragments as
 * packet room allows, retransmits what acknowledgements show lost, and completes each message's
 * future when every fragment is acknowledged.
 */
public final class SendFlow {
    /** Per-flow metadata option (RFC 7016 §2.3.11.1.1). */
    static final int OPTION_METADATA = 0x00;
    /** Return flow association option (RFC 7016 §2.3.11.1.2). */
    static final int OPTION_RETURN_ASSOCIATION = 0x0a;
    /** Don't start a fragment in less room than this unless it finishes the message. */
    private static final int MIN_FRAGMENT = 64;

    private final Session session;
    private final long id;
    private final Bytes metadata;
    private final ReceiveFlow returnFor;
    private final RtmfpParams params;
    private final List<WireOption> options;
    private final Deque<Pending> unsent = new ArrayDeque<>();
    private final TreeMap<Long, Outgoing> outstanding = new TreeMap<>();
    private final TreeSet<Long> lost = new TreeSet<>();
    /**
     * Fragments that collected {@code naksForLoss} naks, in that order, for {@link #detectLosses}: it
     * runs at every timer tick, and going through every fragment in flight there cost a swarm of 100
     * HD viewers a fifth of its CPU. An entry whose fragment was settled or sent again since is
     * dropped when met.
     */
    private final ArrayDeque<Outgoing> nakked = new ArrayDeque<>();
    private long nextSequence = 1;
    private long inFlightBytes;
    private long queuedBytes;
    private long farWindowBytes;
    private boolean acknowledged;
    private boolean closing;
    private boolean finSent;
    private boolean failed;
    private long nextProbeAt;
    private boolean expiringMessages;

    private static final class Message {
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final long expiresAt;
        int fragmentsOutstanding;
        boolean fullyCut;

        Message(long expiresAt) {
            this.expiresAt = expiresAt;
        }

        boolean expired(long nowMillis) {
            return expiresAt > 0 && nowMillis >= expiresAt && !future.isDone();
        }
    }

    private static final class Pending {
        final byte[] data;
        final Message message;
        int offset;

        Pending(byte[] data, Message message) {
            this.data = data;
            this.message = message;
        }
    }

    private static final class Outgoing {
        final long sequence;
        final Fragment fragment;
        final byte[] data;
        final boolean abandon;
        final boolean fin;
        final boolean withOptions;
        final Message message;
        boolean inFlight;
        long transmitOrder;
        /** When it was last transmitted. */
        long sentAt;
        /** When acknowledgements last declared it lost, or -1; a timeout does not count. */
        long declaredLostAt = -1;
        /** Its last transmission was a retransmission after {@link #declaredLostAt}. */
        boolean retransmitted;
        int naks;

        Outgoing(long sequence, Fragment fragment, byte[] data, boolean abandon, boolean fin, boolean withOptions,
                 Message message) {
            this.sequence = sequence;
            this.fragment = fragment;
            this.data = data;
            this.abandon = abandon;
            this.fin = fin;
            this.withOptions = withOptions;
            this.message = message;
        }
    }

    /**
     * What an acknowledgement did to this flow.
     *
     * @param fragmentsLost fragments it declared lost
     * @param spuriousLosses when each fragment it showed delivered after all had been declared lost
     */
    record AckOutcome(long bytesAcknowledged, boolean progress, int fragmentsLost, List<Long> spuriousLosses) {
    }

    SendFlow(Session session, long id, Bytes metadata, ReceiveFlow returnFor, RtmfpParams params) {
        this.session = session;
        this.id = id;
        this.metadata = metadata;
        this.returnFor = returnFor;
        this.params = params;
        this.farWindowBytes = params.receiveWindowBytes();
        List<WireOption> opts = new ArrayList<>();
        opts.add(new WireOption(OPTION_METADATA, metadata.toByteArray()));
        if (returnFor != null) {
            opts.add(new WireOption(OPTION_RETURN_ASSOCIATION, new WireWriter().writeVlu(returnFor.id()).toByteArray()));
        }
        this.options = List.copyOf(opts);
    }

    /** Our flow ID. */
    public long id() {
        return id;
    }

    public Bytes metadata() {
        return metadata;
    }

    public Session session() {
        return session;
    }

    /**
     * Queues a message for reliable, ordered delivery.
     *
     * @return completes when the far end acknowledged every fragment; fails with
     *     {@link FlowException} if the flow or session ends first or the send buffer is full
     */
    public CompletableFuture<Void> send(byte[] message) {
        return send(message, 0);
    }

    /**
     * Queues a message that is worth delivering only within {@code lifetimeMillis} (live media):
     * after that it is abandoned, never retransmitted again, and the receiver skips it
     * (RFC 7016 §3.6.2.7).
     *
     * @param lifetimeMillis how long to keep trying; 0 for as long as the flow lives
     * @return as {@link #send(byte[])}, and fails with {@link FlowException} if abandoned
     */
    public CompletableFuture<Void> send(byte[] message, long lifetimeMillis) {
        if (lifetimeMillis < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
        byte[] copy = message.clone();
        Message tracked = new Message(lifetimeMillis == 0 ? 0 : session.nowMillis() + lifetimeMillis);
        session.runOnCore(() -> {
            if (closing || failed) {
                tracked.future.completeExceptionally(new FlowException("flow is closed"));
                return;
            }
            if (session.queuedBytes() + copy.length > params.sendBufferLimitBytes()) {
                tracked.future.completeExceptionally(new FlowException("send buffer full"));
                return;
            }
            expiringMessages |= lifetimeMillis > 0;
            unsent.add(new Pending(copy, tracked));
            queuedBytes += copy.length;
            session.wake();
        });
        return tracked.future;
    }

    /** Finishes the flow after the queued messages. */
    public void close() {
        session.runOnCore(() -> {
            if (!closing) {
                closing = true;
                session.wake();
            }
        });
    }

    public boolean isOpen() {
        return !closing && !failed;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    long inFlightBytes() {
        return inFlightBytes;
    }

    boolean isComplete() {
        return (finSent && outstanding.isEmpty()) || (failed && outstanding.isEmpty() && unsent.isEmpty());
    }

    boolean hasDataToSend() {
        return !lost.isEmpty() || !unsent.isEmpty() || (closing && !finSent);
    }

    /** True when new data waits but the far receive window is closed and a probe is due. */
    boolean probeDue(long nowMillis) {
        if (lost.isEmpty() && !unsent.isEmpty() && windowClosed() && nowMillis >= nextProbeAt) {
            nextProbeAt = nowMillis + params.bufferProbeMillis();
            return true;
        }
        return false;
    }

    private boolean windowClosed() {
        return inFlightBytes >= farWindowBytes;
    }

    /**
     * The next fragment to transmit in at most {@code room} bytes of packet, or null if nothing
     * fits or the far window is closed.
     */
    @Nullable UserData nextChunk(int room, long transmitOrder) {
        if (!lost.isEmpty()) {
            Outgoing retransmit = outstanding.get(lost.first());
            if (encodedSize(retransmit) > room) {
                return null;
            }
            lost.pollFirst();
            retransmit.retransmitted = retransmit.declaredLostAt >= 0;
            return transmit(retransmit, transmitOrder);
        }
        if (windowClosed()) {
            return null;
        }
        if (unsent.isEmpty()) {
            if (closing && !finSent) {
                Outgoing fin = new Outgoing(nextSequence, Fragment.WHOLE, new byte[0], true, true, !acknowledged, null);
                if (encodedSize(fin) > room) {
                    return null;
                }
                return admit(fin, transmitOrder);
            }
            return null;
        }
        Pending head = unsent.peek();
        boolean withOptions = !acknowledged;
        int overhead = headerSize(nextSequence, withOptions);
        int remaining = head.data.length - head.offset;
        int take = Math.min(remaining, room - overhead);
        if (take < Math.min(remaining, MIN_FRAGMENT)) {
            return null;
        }
        boolean first = head.offset == 0;
        boolean last = take == remaining;
        Fragment fragment = first ? (last ? Fragment.WHOLE : Fragment.BEGIN) : (last ? Fragment.END : Fragment.MIDDLE);
        byte[] data = Arrays.copyOfRange(head.data, head.offset, head.offset + take);
        head.offset += take;
        queuedBytes -= take;
        head.message.fragmentsOutstanding++;
        if (last) {
            unsent.poll();
            head.message.fullyCut = true;
        }
        boolean fin = last && closing && unsent.isEmpty();
        return admit(new Outgoing(nextSequence, fragment, data, false, fin, withOptions, head.message), transmitOrder);
    }

    private UserData admit(Outgoing fragment, long transmitOrder) {
        nextSequence++;
        if (fragment.fin) {
            finSent = true;
        }
        outstanding.put(fragment.sequence, fragment);
        return transmit(fragment, transmitOrder);
    }

    private UserData transmit(Outgoing fragment, long transmitOrder) {
        fragment.inFlight = true;
        fragment.naks = 0;
        fragment.transmitOrder = transmitOrder;
        fragment.sentAt = session.nowMillis();
        inFlightBytes += fragment.data.length;
        long forward = outstanding.firstKey() - 1;
        return new UserData(id, fragment.sequence, fragment.sequence - forward, fragment.fragment, fragment.abandon,
                fragment.fin, fragment.withOptions ? options : List.of(), Bytes.of(fragment.data));
    }

    private int headerSize(long sequence, boolean withOptions) {
        int size = ChunkCodec.HEADER_LENGTH + 1 + Vlu.encodedLength(id) + Vlu.encodedLength(sequence)
                + Vlu.encodedLength(sequence);
        if (withOptions) {
            WireWriter out = new WireWriter();
            options.forEach(o -> o.writeTo(out));
            size += out.size() + 1;
        }
        return size;
    }

    private int encodedSize(Outgoing fragment) {
        return headerSize(fragment.sequence, fragment.withOptions) + fragment.data.length;
    }

    /**
     * Takes an acknowledgement at {@code nowMillis}. A fragment sent before one it acknowledges
     * collects a nak; one with {@code naksForLoss} naks (RFC 7016 §3.6.2.5) is declared lost once it
     * has also been out for {@code lossDelayMillis}, the round trip plus the reordering window
     * (RFC 8985 §6.2), so that reordering is not taken for loss.
     */
    AckOutcome onAcknowledgement(Acknowledgement ack, long nowMillis, long lossDelayMillis, ReorderingWindow reordering) {
        acknowledged = true;
        long bytes = 0;
        long newestAcked = -1;
        boolean progress = false;
        List<Long> spurious = new ArrayList<>(0);
        while (!outstanding.isEmpty() && outstanding.firstKey() <= ack.cumulativeAck()) {
            Outgoing settled = outstanding.pollFirstEntry().getValue();
            noteSpurious(settled, nowMillis, reordering, spurious);
            bytes += settle(settled);
            progress = true;
            newestAcked = Math.max(newestAcked, settled.transmitOrder);
        }
        for (SequenceRange range : ack.receivedAbove()) {
            Iterator<Outgoing> it = outstanding.subMap(range.first(), true, range.last(), true).values().iterator();
            while (it.hasNext()) {
                Outgoing settled = it.next();
                it.remove();
                noteSpurious(settled, nowMillis, reordering, spurious);
                bytes += settle(settled);
                progress = true;
                newestAcked = Math.max(newestAcked, settled.transmitOrder);
            }
        }
        // RFC 7016 §3.6.2.5: data in flight must fit the receiver's advertised free buffer.
        farWindowBytes = ack.bufferBlocksAvailable() * 1024;
        for (Outgoing o : outstanding.values()) {
            if (o.inFlight && o.transmitOrder < newestAcked && ++o.naks == params.naksForLoss()) {
                nakked.add(o);
            }
        }
        return new AckOutcome(bytes, progress, detectLosses(nowMillis, lossDelayMillis), spurious);
    }

    /**
     * Declares lost the fragments with enough naks that have been out for {@code lossDelayMillis};
     * called on every acknowledgement and timer tick, since the delay may run out between acks.
     *
     * @return how many it declared lost
     */
    int detectLosses(long nowMillis, long lossDelayMillis) {
        if (nakked.isEmpty()) {
            // The common case at every timer tick of every flow: no iterator to make for nothing.
            return 0;
        }
        int lostNow = 0;
        Iterator<Outgoing> candidates = nakked.iterator();
        while (candidates.hasNext()) {
            Outgoing o = candidates.next();
            if (!o.inFlight || o.naks < params.naksForLoss() || outstanding.get(o.sequence) != o) {
                candidates.remove();
            } else if (nowMillis - o.sentAt >= lossDelayMillis) {
                candidates.remove();
                o.inFlight = false;
                o.declaredLostAt = nowMillis;
                inFlightBytes -= o.data.length;
                lost.add(o.sequence);
                lostNow++;
            }
        }
        return lostNow;
    }

    /** A fragment declared lost and acknowledged before its retransmission could be was reordered, not lost. */
    private void noteSpurious(Outgoing fragment, long nowMillis, ReorderingWindow reordering, List<Long> spurious) {
        if (fragment.declaredLostAt < 0) {
            return;
        }
        boolean notYetResent = lost.contains(fragment.sequence);
        if (notYetResent || (fragment.retransmitted && reordering.tooSoonForRetransmission(nowMillis - fragment.sentAt))) {
            spurious.add(fragment.declaredLostAt);
        }
    }

    private long settle(Outgoing fragment) {
        lost.remove(fragment.sequence);
        long bytes = 0;
        if (fragment.inFlight) {
            inFlightBytes -= fragment.data.length;
            bytes = fragment.data.length;
        }
        Message message = fragment.message;
        if (message != null && --message.fragmentsOutstanding == 0 && message.fullyCut) {
            message.future.complete(null);
        }
        return bytes;
    }

    /**
     * Abandons messages past their lifetime: unsent parts are dropped and sent fragments are
     * forgotten, so the forward sequence number moves past them (RFC 7016 §3.6.2.7).
     */
    void abandonExpired(long nowMillis) {
        if (!expiringMessages) {
            return;
        }
        FlowException expired = new FlowException("message lifetime expired");
        Iterator<Pending> pending = unsent.iterator();
        while (pending.hasNext()) {
            Pending p = pending.next();
            if (p.message.expired(nowMillis)) {
                pending.remove();
                queuedBytes -= p.data.length - p.offset;
                p.message.future.completeExceptionally(expired);
            }
        }
        Iterator<Outgoing> sent = outstanding.values().iterator();
        while (sent.hasNext()) {
            Outgoing o = sent.next();
            if (o.message != null && (o.message.expired(nowMillis) || o.message.future.isCompletedExceptionally())) {
                sent.remove();
                lost.remove(o.sequence);
                if (o.inFlight) {
                    inFlightBytes -= o.data.length;
                }
                o.message.future.completeExceptionally(expired);
            }
        }
    }

    /** A retransmission timeout: everything in flight is presumed lost. */
    void onTimeout() {
        for (Outgoing o : outstanding.values()) {
            o.declaredLostAt = -1;
            o.retransmitted = false;
            if (o.inFlight) {
                o.inFlight = false;
                inFlightBytes -= o.data.length;
                lost.add(o.sequence);
            }
        }
    }

    /** The receiver rejected the flow (RFC 7016 §3.6.2.7): give up on data, but still send FIN. */
    void onException(long code) {
        fail(new FlowException("flow rejected by receiver, code " + code));
        closing = true;
    }

    /** Fails every message not yet acknowledged. */
    void fail(FlowException reason) {
        failed = true;
        for (Pending p : unsent) {
            p.message.future.completeExceptionally(reason);
        }
        unsent.clear();
        queuedBytes = 0;
        for (Outgoing o : outstanding.values()) {
            if (o.message != null) {
                o.message.future.completeExceptionally(reason);
            }
        }
        // Keep unacknowledged fragments so the receiver still learns the FIN; drop their payload need.
        outstanding.values().removeIf(o -> !o.inFlight && !o.fin);
        lost.retainAll(outstanding.keySet());
    }
}
