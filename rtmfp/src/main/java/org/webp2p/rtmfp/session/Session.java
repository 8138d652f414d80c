package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.Acknowledgement;
import org.webp2p.rtmfp.chunk.BufferProbe;
import org.webp2p.rtmfp.chunk.Chunk;
import org.webp2p.rtmfp.chunk.ChunkCodec;
import org.webp2p.rtmfp.chunk.FlowExceptionReport;
import org.webp2p.rtmfp.chunk.ForwardedIHello;
import org.webp2p.rtmfp.chunk.NextUserData;
import org.webp2p.rtmfp.chunk.Ping;
import org.webp2p.rtmfp.chunk.PingReply;
import org.webp2p.rtmfp.chunk.SessionCloseAck;
import org.webp2p.rtmfp.chunk.SessionCloseRequest;
import org.webp2p.rtmfp.chunk.UnknownChunk;
import org.webp2p.rtmfp.chunk.UserData;
import org.webp2p.rtmfp.crypto.FlashCertificate;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.flow.CongestionWindow;
import org.webp2p.rtmfp.flow.ReorderingWindow;
import org.webp2p.rtmfp.flow.RttEstimator;
import org.webp2p.rtmfp.packet.DatagramCodec;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.packet.PacketMode;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.WireOption;
import org.webp2p.rtmfp.wire.WireReader;

/**
 * An open RTMFP session (RFC 7016 §3.5): the far end's identity and address, its flows, and the
 * timers that keep it alive, measure it and end it. Public methods may be called from any thread;
 * the work happens on the endpoint's thread.
 */
public final class Session {
    /** Flags, timestamp and echo. */
    private static final int MAX_HEADER_LENGTH = 5;
    /** Timestamp-echo samples above this are stale or wrapped and ignored. */
    private static final long MAX_RTT_SAMPLE_MILLIS = 60_000;

    private final SessionHost host;
    private final RtmfpParams params;
    private final long nearSessionId;
    private final long farSessionId;
    private final FlashCertificate farCertificate;
    private final boolean initiator;
    private final PacketCipher cipher;
    private final RttEstimator rtt;
    private final ReorderingWindow reordering;
    private final CongestionWindow congestion;
    private final AtomicLong nextFlowId = new AtomicLong(1);
    private final Map<Long, SendFlow> sendFlows = new LinkedHashMap<>();
    private final Map<Long, ReceiveFlow> receiveFlows = new LinkedHashMap<>();
    private final Deque<Chunk> control = new ArrayDeque<>();
    private final AckScheduler acks;
    private final AddressMobility mobility;
    private volatile InetSocketAddress farAddress;
    private volatile SessionState state = SessionState.OPEN;
    private SessionListener listener = new SessionListener() { };
    private long lastReceivedAt;
    private long lastKeepaliveAt;
    /** Wait before the next keepalive ping while the last one is unanswered; 0 while the far end talks. */
    private long keepaliveBackoff;
    private int farTimestamp = -1;
    private long farTimestampAt;
    private int lastEchoSent = -1;
    private long transmitCounter;
    /** When the retransmission timer started: last ack progress, or first send into an empty flight; 0 = idle. */
    private long retransmitTimerStart;
    private int roundRobin;
    private long closeStartedAt;
    private long lastCloseSentAt;
    private long lingerUntil;
    private boolean closedNotified;
    private long packetsSent;
    private long packetsReceived;
    private long fragmentsLost;
    private long spuriousLosses;
    private long retransmitTimeouts;

    Session(SessionHost host, RtmfpParams params, long nearSessionId, long farSessionId, InetSocketAddress farAddress,
            FlashCertificate farCertificate, boolean initiator, PacketCipher cipher) {
        this.host = host;
        this.params = params;
        this.nearSessionId = nearSessionId;
        this.farSessionId = farSessionId;
        this.farAddress = farAddress;
        this.farCertificate = farCertificate;
        this.initiator = initiator;
        this.cipher = cipher;
        this.rtt = new RttEstimator(params);
        this.reordering = new ReorderingWindow(params);
        this.acks = new AckScheduler(params);
        this.mobility = new AddressMobility(params.mobilityPingMillis());
        int segment = params.maxPacketLength() - MAX_HEADER_LENGTH;
        this.congestion = new CongestionWindow(segment, params.initialCongestionWindowPackets(),
                params.timedOutCongestionWindowPackets());
        this.lastReceivedAt = host.nowMillis();
    }

    /** Our session ID: the far end addresses its packets with it. */
    public long nearSessionId() {
        return nearSessionId;
    }

    /** The far end's current address (it changes only after an address check, RFC 7016 §3.5.4.2). */
    public InetSocketAddress farAddress() {
        return farAddress;
    }

    /** The far end's peer ID, the SHA-256 of its certificate. */
    public PeerId farPeerId() {
        return farCertificate.peerId();
    }

    public FlashCertificate farCertificate() {
        return farCertificate;
    }

    /** True if we opened the session. */
    public boolean isInitiator() {
        return initiator;
    }

    public SessionState state() {
        return state;
    }

    /** The smoothed round-trip time, or -1 before any measurement. */
    public long smoothedRttMillis() {
        return rtt.smoothedRttMillis();
    }

    /** The congestion window in bytes (RFC 7016 §3.5.2.3): what may be in flight; exact on the endpoint's thread. */
    public long congestionWindowBytes() {
        return congestion.bytes();
    }

    /** Counters for metrics; read them on the endpoint's thread for exact values. */
    public SessionStats stats() {
        return new SessionStats(packetsSent, packetsReceived, fragmentsLost, spuriousLosses, retransmitTimeouts,
                rtt.smoothedRttMillis(), congestion.bytes());
    }

    /** Sets the listener; call it before the session can receive flows (e.g. in the open callback). */
    public void setListener(SessionListener listener) {
        this.listener = listener;
    }

    /** Opens a new flow to the far end carrying {@code metadata} (RFC 7016 §3.6.2.1). */
    public SendFlow openFlow(Bytes metadata) {
        return openFlow(metadata, null);
    }

    SendFlow openFlow(Bytes metadata, ReceiveFlow returnFor) {
        if (metadata.length() > params.maxMetadataLength()) {
            throw new IllegalArgumentException("metadata longer than " + params.maxMetadataLength());
        }
        SendFlow flow = new SendFlow(this, nextFlowId.getAndIncrement(), metadata, returnFor, params);
        runOnCore(() -> {
            if (state != SessionState.OPEN || sendFlows.size() >= params.maxFlowsPerSession()) {
                flow.fail(new FlowException(state != SessionState.OPEN ? "session is closed" : "too many flows"));
            } else {
                sendFlows.put(flow.id(), flow);
            }
        });
        return flow;
    }

    /**
     * Relays an IHello to the far end so it answers the initiator (RFC 7016 §3.5.1.5), in a packet
     * of its own without timestamps, the smallest that carries it, if {@code budget} allows.
     */
    void forwardIHello(ForwardedIHello chunk, AnswerBudget budget) {
        if (state != SessionState.OPEN) {
            return;
        }
        Packet packet = new Packet(initiator ? PacketMode.INITIATOR : PacketMode.RESPONDER, false, false, -1, -1,
                List.of(chunk));
        if (!budget.spendAtMostProvoking(DatagramCodec.encodedLength(packet, cipher))) {
            host.drop(DropReason.AMPLIFICATION_LIMIT);
            return;
        }
        host.send(farAddress, farSessionId, cipher, packet);
        packetsSent++;
    }

    /** Closes the session politely (RFC 7016 §3.5.5.1); pending messages fail. */
    public void close() {
        runOnCore(() -> {
            if (state != SessionState.OPEN) {
                return;
            }
            long now = host.nowMillis();
            state = SessionState.NEAR_CLOSING;
            closeStartedAt = now;
            lastCloseSentAt = now;
            failFlows("session closed");
            control.add(new SessionCloseRequest());
            notifyClosed();
            flush(now);
        });
    }

    void runOnCore(Runnable task) {
        host.execute(task);
    }

    long nowMillis() {
        return host.nowMillis();
    }

    PacketCipher cipher() {
        return cipher;
    }

    /** New data was queued: send what the windows allow now. */
    void wake() {
        flush(host.nowMillis());
    }

    long queuedBytes() {
        long total = 0;
        for (SendFlow flow : sendFlows.values()) {
            total += flow.queuedBytes();
        }
        return total;
    }

    private long inFlightBytes() {
        long total = 0;
        for (SendFlow flow : sendFlows.values()) {
            total += flow.inFlightBytes();
        }
        return total;
    }

    void queueFlowException(ReceiveFlow flow) {
        acks.flowNeedsAck(flow, true);
        flush(host.nowMillis());
    }

    /** Handles a decrypted packet addressed to this session. */
    void onPacket(Packet packet, InetSocketAddress from, long now) {
        PacketMode expected = initiator ? PacketMode.RESPONDER : PacketMode.INITIATOR;
        if (packet.mode() != expected || state == SessionState.CLOSED) {
            host.drop(DropReason.UNEXPECTED_CHUNK);
            return;
        }
        lastReceivedAt = now;
        packetsReceived++;
        if (packet.hasTimestamp()) {
            farTimestamp = packet.timestamp();
            farTimestampAt = now;
        }
        if (packet.hasTimestampEcho()) {
            long sample = ((timestampTicks(now) - packet.timestampEcho()) & 0xffff) * RtmfpParams.TIMESTAMP_TICK_MILLIS;
            if (sample <= MAX_RTT_SAMPLE_MILLIS) {
                rtt.onSample(sample);
                reordering.onRttSample(sample);
            }
        }
        if (!from.equals(farAddress)) {
            checkNewAddress(from, now);
        }
        if (state == SessionState.FAR_CLOSED) {
            for (Chunk chunk : packet.chunks()) {
                if (chunk instanceof SessionCloseRequest) {
                    control.add(new SessionCloseAck());
                }
            }
            flush(now);
            return;
        }
        boolean carriedData = false;
        UserData previous = null;
        for (Chunk chunk : packet.chunks()) {
            if (chunk instanceof NextUserData next) {
                if (previous == null) {
                    host.drop(DropReason.MALFORMED);
                    continue;
                }
                chunk = next.following(previous);
            }
            if (chunk instanceof UserData data) {
                previous = data;
                carriedData = true;
                onUserData(data, now);
                continue;
            }
            previous = null;
            handleControl(chunk, from, now);
            if (state == SessionState.CLOSED) {
                return;
            }
        }
        if (carriedData) {
            acks.onDataPacket(now);
        }
        flush(now);
    }

    private void handleControl(Chunk chunk, InetSocketAddress from, long now) {
        if (chunk instanceof Acknowledgement ack) {
            onAcknowledgement(ack, now);
        } else if (chunk instanceof Ping ping) {
            PingReply reply = new PingReply(ping.message());
            if (from.equals(farAddress)) {
                control.add(reply);
            } else {
                host.send(from, farSessionId, cipher, header(now, List.of(reply)));
            }
        } else if (chunk instanceof PingReply reply) {
            if (mobility.confirms(reply.messageEcho(), from) && !from.equals(farAddress)) {
                InetSocketAddress previous = farAddress;
                farAddress = from;
                UserCallbacks.run("address change", () -> listener.onFarAddressChanged(this, previous));
            }
        } else if (chunk instanceof BufferProbe probe) {
            ReceiveFlow flow = receiveFlows.get(probe.flowId());
            if (flow != null) {
                acks.flowNeedsAck(flow, true);
            }
        } else if (chunk instanceof FlowExceptionReport report) {
            SendFlow flow = sendFlows.get(report.flowId());
            if (flow != null) {
                flow.onException(report.exceptionCode());
            }
        } else if (chunk instanceof SessionCloseRequest) {
            control.add(new SessionCloseAck());
            if (state == SessionState.OPEN || state == SessionState.NEAR_CLOSING) {
                state = SessionState.FAR_CLOSED;
                lingerUntil = now + params.farCloseLingerMillis();
                failFlows("session closed by far end");
                notifyClosed();
            }
        } else if (chunk instanceof SessionCloseAck) {
            if (state == SessionState.NEAR_CLOSING) {
                terminate();
            }
        } else if (chunk instanceof ForwardedIHello forwarded) {
            host.onForwardedIHello(this, forwarded);
        } else if (!(chunk instanceof UnknownChunk)) {
            // Handshake chunks have no business inside a session; unknown types are ignored (RFC 7016 §2.3).
            host.drop(DropReason.UNEXPECTED_CHUNK);
        }
    }

    private void checkNewAddress(InetSocketAddress from, long now) {
        Bytes probe = mobility.probe(from, now, host::randomBytes);
        if (probe != null) {
            host.send(from, farSessionId, cipher, header(now, List.of(new Ping(probe))));
        }
    }

    private void onUserData(UserData data, long now) {
        ReceiveFlow flow = receiveFlows.get(data.flowId());
        if (flow == null) {
            flow = openReceiveFlow(data);
            if (flow == null) {
                return;
            }
        }
        switch (flow.onUserData(data, now)) {
            case DUPLICATE -> host.drop(DropReason.DUPLICATE);
            case OUT_OF_WINDOW -> host.drop(DropReason.FLOW_REFUSED);
            case ACCEPTED -> { }
        }
        acks.flowNeedsAck(flow, flow.ackAtOnce() || data.fin());
    }

    private ReceiveFlow openReceiveFlow(UserData data) {
        Optional<WireOption> metadata = data.options().stream().filter(o -> o.type() == SendFlow.OPTION_METADATA).findFirst();
        if (metadata.isEmpty()) {
            // A flow we never saw the start of (or already forgot): refuse it (RFC 7016 §3.6.3.1).
            control.add(new FlowExceptionReport(data.flowId(), 0));
            return null;
        }
        if (receiveFlows.size() >= params.maxFlowsPerSession() || metadata.get().value().length > params.maxMetadataLength()) {
            host.drop(DropReason.RESOURCE_LIMIT);
            control.add(new FlowExceptionReport(data.flowId(), 0));
            return null;
        }
        SendFlow associated = data.options().stream().filter(o -> o.type() == SendFlow.OPTION_RETURN_ASSOCIATION)
                .findFirst().map(o -> sendFlows.get(new WireReader(o.value()).readVlu())).orElse(null);
        ReceiveFlow flow = new ReceiveFlow(this, data.flowId(), Bytes.of(metadata.get().value()), associated, params);
        receiveFlows.put(flow.id(), flow);
        UserCallbacks.run("flow", () -> listener.onFlow(flow));
        return flow;
    }

    private void onAcknowledgement(Acknowledgement ack, long now) {
        SendFlow flow = sendFlows.get(ack.flowId());
        if (flow == null) {
            return;
        }
        SendFlow.AckOutcome outcome = flow.onAcknowledgement(ack, now, lossDelayMillis(), reordering);
        congestion.onAcknowledged(outcome.bytesAcknowledged());
        for (long declaredAt : outcome.spuriousLosses()) {
            spuriousLosses++;
            reordering.onSpuriousLoss();
            congestion.onSpuriousLoss(declaredAt);
        }
        onLosses(outcome.fragmentsLost(), now);
        if (outcome.progress()) {
            retransmitTimerStart = inFlightBytes() > 0 ? now : 0;
        }
    }

    private void onLosses(int fragments, long now) {
        if (fragments == 0) {
            return;
        }
        fragmentsLost += fragments;
        if (congestion.onLoss(now, Math.max(rtt.smoothedRttMillis(), params.minimumErtoMillis() / 4), fragments)) {
            reordering.onRecovery();
        }
    }

    /** How long a fragment with enough naks must have been out to be declared lost: RFC 8985 §6.2. */
    private long lossDelayMillis() {
        long smoothed = rtt.smoothedRttMillis();
        return smoothed < 0 ? 0 : smoothed + reordering.millis(smoothed);
    }

    /** Drives timers: keepalive, idle timeout, delayed acks, retransmission, probes, closing. */
    void onTick(long now) {
        switch (state) {
            case OPEN -> tickOpen(now);
            case NEAR_CLOSING -> {
                // A far end that went silent will never acknowledge: give up as on an open session.
                if (now - closeStartedAt >= params.nearClosePeriodMillis() || now - lastReceivedAt >= params.idleTimeoutMillis()) {
                    terminate();
                    return;
                }
                if (now - lastCloseSentAt >= params.closeRetransmitMillis()) {
                    lastCloseSentAt = now;
                    control.add(new SessionCloseRequest());
                }
            }
            case FAR_CLOSED -> {
                if (now >= lingerUntil) {
                    terminate();
                    return;
                }
            }
            case CLOSED -> {
                return;
            }
        }
        flush(now);
    }

    private void tickOpen(long now) {
        if (now - lastReceivedAt >= params.idleTimeoutMillis()) {
            terminate("session timed out");
            return;
        }
        keepalive(now);
        acks.onTick(now);
        long lossDelay = lossDelayMillis();
        for (SendFlow flow : sendFlows.values()) {
            flow.abandonExpired(now);
            onLosses(flow.detectLosses(now, lossDelay), now);
        }
        // Measured against the current ERTO, so RTT samples taken after the send still count.
        if (retransmitTimerStart != 0 && now - retransmitTimerStart >= rtt.ertoMillis()) {
            if (inFlightBytes() > 0) {
                sendFlows.values().forEach(SendFlow::onTimeout);
                retransmitTimeouts++;
                rtt.backOff();
                congestion.onTimeout();
                retransmitTimerStart = now;
            } else {
                retransmitTimerStart = 0;
            }
        }
        for (SendFlow flow : sendFlows.values()) {
            if (flow.probeDue(now)) {
                control.add(new BufferProbe(flow.id()));
            }
        }
        sendFlows.values().removeIf(SendFlow::isComplete);
        receiveFlows.values().removeIf(f -> f.isFinished() && now - f.finishedAt() >= params.flowLingerMillis());
    }

    /**
     * RFC 7016 §3.5.4.1: after {@code keepaliveMillis} of silence a ping, and while it stays
     * unanswered another at the ERTO, doubling up to {@code keepaliveMillis}, so a lost ping or
     * reply does not make a live far end look dead before {@code idleTimeoutMillis}.
     */
    private void keepalive(long now) {
        if (now - lastReceivedAt < params.keepaliveMillis()) {
            keepaliveBackoff = 0;
            return;
        }
        if (keepaliveBackoff == 0 || now - lastKeepaliveAt >= keepaliveBackoff) {
            keepaliveBackoff = keepaliveBackoff == 0 ? rtt.ertoMillis() : Math.min(2 * keepaliveBackoff, params.keepaliveMillis());
            lastKeepaliveAt = now;
            control.add(new Ping(Bytes.EMPTY));
        }
    }

    private void flush(long now) {
        if (state == SessionState.CLOSED || nothingToSend()) {
            return;
        }
        int dataPackets = 0;
        while (true) {
            List<Chunk> chunks = new ArrayList<>();
            int room = params.maxPacketLength() - MAX_HEADER_LENGTH;
            room = addAcknowledgements(chunks, room);
            while (!control.isEmpty() && ChunkCodec.encodedLength(control.peek()) <= room) {
                Chunk chunk = control.poll();
                room -= ChunkCodec.encodedLength(chunk);
                chunks.add(chunk);
            }
            boolean carriesData = false;
            if (state == SessionState.OPEN && dataPackets < params.maxBurstPackets()) {
                int before = chunks.size();
                room = addData(chunks, room);
                carriesData = chunks.size() > before;
            }
            if (chunks.isEmpty()) {
                if (!control.isEmpty()) {
                    control.poll(); // larger than any packet: cannot be sent, do not spin on it
                    continue;
                }
                return;
            }
            host.send(farAddress, farSessionId, cipher, header(now, chunks));
            packetsSent++;
            if (carriesData) {
                dataPackets++;
                if (retransmitTimerStart == 0) {
                    retransmitTimerStart = now;
                }
            }
        }
    }

    /**
     * True when a flush would build no packet: no acknowledgement due, no control chunk, and no
     * data, which only an open session sends. Every timer tick flushes every session, so an idle
     * one must not cost the lists a packet is built in.
     */
    private boolean nothingToSend() {
        if (acks.due() || !control.isEmpty()) {
            return false;
        }
        if (state == SessionState.OPEN) {
            for (SendFlow flow : sendFlows.values()) {
                if (flow.hasDataToSend()) {
                    return false;
                }
            }
        }
        return true;
    }

    private int addAcknowledgements(List<Chunk> chunks, int room) {
        if (!acks.due()) {
            return room;
        }
        Iterator<ReceiveFlow> it = acks.pending();
        while (it.hasNext()) {
            ReceiveFlow flow = it.next();
            Chunk ack = flow.acknowledgement();
            int size = ChunkCodec.encodedLength(ack);
            FlowExceptionReport exception = flow.isRejected() ? new FlowExceptionReport(flow.id(), flow.rejectionCode()) : null;
            if (exception != null) {
                size += ChunkCodec.encodedLength(exception);
            }
            if (size > room) {
                return room;
            }
            if (exception != null) {
                chunks.add(exception);
            }
            chunks.add(ack);
            room -= size;
            it.remove();
        }
        acks.sent();
        return room;
    }

    private int addData(List<Chunk> chunks, int room) {
        List<SendFlow> flows = new ArrayList<>(sendFlows.values());
        int idle = 0;
        while (!flows.isEmpty() && idle < flows.size()) {
            if (inFlightBytes() >= congestion.bytes()) {
                return room;
            }
            SendFlow flow = flows.get(Math.floorMod(roundRobin++, flows.size()));
            UserData chunk = flow.hasDataToSend() ? flow.nextChunk(room, ++transmitCounter) : null;
            if (chunk == null) {
                idle++;
                continue;
            }
            idle = 0;
            chunks.add(chunk);
            room -= ChunkCodec.encodedLength(chunk);
        }
        return room;
    }

    private Packet header(long now, List<Chunk> chunks) {
        int echo = -1;
        if (farTimestamp >= 0 && now - farTimestampAt <= params.maxTimestampEchoElapsedMillis()) {
            // Echo what the far clock reads now, so its RTT sample excludes the time we held it,
            // and only when that value changed (RFC 7016 §3.5.2.2).
            int current = (int) ((farTimestamp + (now - farTimestampAt) / RtmfpParams.TIMESTAMP_TICK_MILLIS) & 0xffff);
            if (current != lastEchoSent) {
                echo = current;
                lastEchoSent = current;
            }
        }
        PacketMode mode = initiator ? PacketMode.INITIATOR : PacketMode.RESPONDER;
        return new Packet(mode, false, false, timestampTicks(now), echo, chunks);
    }

    private static int timestampTicks(long now) {
        return (int) ((now / RtmfpParams.TIMESTAMP_TICK_MILLIS) & 0xffff);
    }

    /**
     * Fails every send flow. Failing completes the senders' futures, whose callbacks may come back
     * into this session (close it, open a flow): the flows are taken out of the map first, and the
     * callers change the state first, so such a call finds a session already closing.
     */
    private void failFlows(String why) {
        FlowException reason = new FlowException(why);
        List<SendFlow> failing = new ArrayList<>(sendFlows.values());
        sendFlows.clear();
        failing.forEach(f -> f.fail(reason));
    }

    /** Ends the session at once after one close request, so the far end need not wait for a timeout. */
    void terminateWithNotice() {
        if (state == SessionState.OPEN || state == SessionState.NEAR_CLOSING) {
            host.send(farAddress, farSessionId, cipher, header(host.nowMillis(), List.of(new SessionCloseRequest())));
        }
        terminate();
    }

    /** Ends the session at once, without telling the far end (end of closing or lingering). */
    private void terminate() {
        terminate("session closed");
    }

    private void terminate(String why) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        failFlows(why);
        receiveFlows.clear();
        control.clear();
        acks.clear();
        notifyClosed();
        host.onSessionEnded(this);
    }

    private void notifyClosed() {
        if (!closedNotified) {
            closedNotified = true;
            UserCallbacks.run("session closed", () -> listener.onClosed(this));
        }
    }

    @Override
    public String toString() {
        return "Session[" + nearSessionId + " -> " + farAddress + ", " + state + "]";
    }
}
