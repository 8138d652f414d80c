package org.webp2p.rtmfp;

import java.util.List;
import org.webp2p.rtmfp.crypto.DhGroup;
import org.webp2p.rtmfp.crypto.ProtectionPolicy;

/**
 * Every RTMFP tunable in one place. Times are milliseconds, sizes bytes. The defaults follow the
 * RFCs; tests shorten timers through {@link Builder}.
 */
public final class RtmfpParams {
    /** Header timestamps count 4 ms ticks. */
    // RFC 7016 §2.2.4
    public static final int TIMESTAMP_TICK_MILLIS = 4;

    // RFC 7016 §2.2.4: keep encrypted packets well under the 1280-byte IPv6 minimum MTU.
    private final int maxPacketLength;
    // RFC 7016 §3.5.1.1.1: tags only need to be unique and unguessable per opening.
    private final int ihelloTagLength;
    // RFC 7016 §2.2.4 (padding), §3.5.1.1.2 (amplification): our IHellos are padded to this length,
    // because a rendezvous answers with no more than it received: room for a Forwarded IHello with an
    // IPv6 reply address (84 bytes) and a Redirect with nine IPv4 addresses (100).
    private final int ihelloMinimumLength;
    // RFC 7016 §3.5.1.1.1: IHello is retransmitted with backoff until answered or given up.
    private final long ihelloInitialRetransmitMillis;
    private final long ihelloBackoffIncrementMillis;
    // RFC 7016 §3.5.1.1.1: IIKeying is retransmitted the same way.
    private final long iikeyingInitialRetransmitMillis;
    private final long iikeyingBackoffIncrementMillis;
    // RFC 7016 §3.5.1.1.1: an opening that gets no session by then fails.
    private final long openTimeoutMillis;
    // RFC 7016 §3.5.1.4: how many redirect destinations one opening will try.
    private final int maxRedirectDestinations;
    // RFC 7016 §3.5.1.1.2: a cookie older than this is refused.
    private final long cookieLifetimeMillis;
    // RFC 7016 §3.5.1.1.2 (amplification defence): all answers to one startup datagram together may be at most
    // this many times its length (a Redirect or Forwarded IHello at most once its length, see AnswerBudget).
    private final int maxHelloAmplification;
    // RFC 7425 §4.6: private exponent size for DH keys.
    private final int dhPrivateKeyBits;
    // RFC 7425 §4.3 (supported groups in certificates): groups we offer, most preferred first.
    private final List<DhGroup> dhGroups;
    // RFC 7425 §4.6: HMAC and session sequence numbers we ask of far ends (we always send them on request).
    private final ProtectionPolicy protectionPolicy;
    // RFC 7016 §3.5.2.2: effective retransmission timeout (ERTO) bounds and backoff.
    private final long initialErtoMillis;
    private final long minimumErtoMillis;
    private final long maximumErtoMillis;
    private final double ertoBackoffFactor;
    // RFC 7016 §3.5.2.2: timestamp echoes older than this are not sent.
    private final long maxTimestampEchoElapsedMillis;
    // RFC 7016 §3.6.3.4: delayed acknowledgement, and the count of data packets that forces an ack.
    private final long delayedAckMillis;
    private final int obligatoryAckAfterPackets;
    // RFC 7016 §3.6.2.5: a fragment is lost after this many acks of later-sent fragments.
    private final int naksForLoss;
    // RFC 8985 §6.2 (RACK): ... and only once it has been out a round trip plus a reordering window, a
    // quarter of the minimum RTT, one quarter more after each spurious loss, back to one quarter after
    // this many loss recoveries without one (RFC 8985 §6.2.4).
    private final int reorderingResetRecoveries;
    // RFC 7016 §3.5.2.3: congestion window initial, after timeout, and burst limit (in packets).
    private final int initialCongestionWindowPackets;
    private final int timedOutCongestionWindowPackets;
    private final int maxBurstPackets;
    // RFC 7016 §3.6.3.5: the receive window advertised per flow (in acks, in 1024-byte blocks).
    private final int receiveWindowBytes;
    // RFC 7016 §3.6.2.9: buffer probe interval when the far receive window is closed.
    private final long bufferProbeMillis;
    // RFC 7016 §3.6.2.2 (bounded memory): bytes queued for sending per session before send() fails.
    private final int sendBufferLimitBytes;
    // RFC 7016 §3.6.3 (bounded memory): receive and send flows a session may hold at once.
    private final int maxFlowsPerSession;
    // RFC 7016 §3.6.3.5 (bounded memory): the largest message a receive flow will reassemble.
    private final int maxMessageBytes;
    // RFC 7016 §3.6.3.4 (bounded memory): flow metadata larger than this is refused.
    private final int maxMetadataLength;
    // RFC 7016 §3.6.3.8: keep a finished receive flow this long to re-acknowledge retransmissions.
    private final long flowLingerMillis;
    // RFC 7016 §3.5.4.1: send a keepalive ping after this much silence from the far end, and again,
    // backing off from the ERTO, while it stays unanswered. Flash endpoints answer every Ping with a
    // Ping Reply (RFC 7016 §2.3.9); rtmfp-cpp's tcserver keeps Flash clients alive the same way.
    private final long keepaliveMillis;
    // RFC 7016 §3.5.4.1: a session whose far end sent nothing, keepalive pings unanswered, for this
    // long is dead: a client that vanished behind its NAT frees its session within this time.
    private final long idleTimeoutMillis;
    // RFC 7016 §3.5.5: close request retransmission, and how long to keep trying.
    private final long closeRetransmitMillis;
    private final long nearClosePeriodMillis;
    // RFC 7016 §3.5.5: linger after the far end closed, acking its retransmitted close requests.
    private final long farCloseLingerMillis;
    // RFC 7016 §3.5.4.2: minimum spacing of address-check pings to a new far address.
    private final long mobilityPingMillis;
    // Timer granularity of an endpoint: finer than the 200 ms delayed ack and 250 ms minimum ERTO it
    // serves. Endpoints with many sessions and little traffic (simulated swarms) can afford coarser.
    private final long timerTickMillis;
    // RFC 7016 §3.5.1.1.2 (resource exhaustion): sessions from one IP address, and in total. Thousands of
    // viewers may share one address behind a carrier-grade NAT, so the per-address cap is generous and
    // the handshake rate below is what stops a flood from one address.
    private final int maxSessionsPerAddress;
    private final int maxSessions;
    // RFC 7016 §3.5.1.1.2 (resource exhaustion): IHellos addressed to us answered per second from one IP
    // address (a burst of one second's worth), and the buckets that share them out (see HandshakeRate).
    private final int maxHandshakesPerAddressPerSecond;
    private final int handshakeRateBuckets;
    // RFC 7016 §3.5.1.1.1: concurrent openings this endpoint will run as initiator.
    private final int maxOpenings;

    private RtmfpParams(Builder b) {
        maxPacketLength = b.maxPacketLength;
        ihelloTagLength = b.ihelloTagLength;
        ihelloMinimumLength = b.ihelloMinimumLength;
        ihelloInitialRetransmitMillis = b.ihelloInitialRetransmitMillis;
        ihelloBackoffIncrementMillis = b.ihelloBackoffIncrementMillis;
        iikeyingInitialRetransmitMillis = b.iikeyingInitialRetransmitMillis;
        iikeyingBackoffIncrementMillis = b.iikeyingBackoffIncrementMillis;
        openTimeoutMillis = b.openTimeoutMillis;
        maxRedirectDestinations = b.maxRedirectDestinations;
        cookieLifetimeMillis = b.cookieLifetimeMillis;
        maxHelloAmplification = b.maxHelloAmplification;
        dhPrivateKeyBits = b.dhPrivateKeyBits;
        dhGroups = List.copyOf(b.dhGroups);
        protectionPolicy = b.protectionPolicy;
        initialErtoMillis = b.initialErtoMillis;
        minimumErtoMillis = b.minimumErtoMillis;
        maximumErtoMillis = b.maximumErtoMillis;
        ertoBackoffFactor = b.ertoBackoffFactor;
        maxTimestampEchoElapsedMillis = b.maxTimestampEchoElapsedMillis;
        delayedAckMillis = b.delayedAckMillis;
        obligatoryAckAfterPackets = b.obligatoryAckAfterPackets;
        naksForLoss = b.naksForLoss;
        reorderingResetRecoveries = b.reorderingResetRecoveries;
        initialCongestionWindowPackets = b.initialCongestionWindowPackets;
        timedOutCongestionWindowPackets = b.timedOutCongestionWindowPackets;
        maxBurstPackets = b.maxBurstPackets;
        receiveWindowBytes = b.receiveWindowBytes;
        bufferProbeMillis = b.bufferProbeMillis;
        sendBufferLimitBytes = b.sendBufferLimitBytes;
        maxFlowsPerSession = b.maxFlowsPerSession;
        maxMetadataLength = b.maxMetadataLength;
        maxMessageBytes = b.maxMessageBytes;
        flowLingerMillis = b.flowLingerMillis;
        keepaliveMillis = b.keepaliveMillis;
        idleTimeoutMillis = b.idleTimeoutMillis;
        closeRetransmitMillis = b.closeRetransmitMillis;
        nearClosePeriodMillis = b.nearClosePeriodMillis;
        farCloseLingerMillis = b.farCloseLingerMillis;
        mobilityPingMillis = b.mobilityPingMillis;
        timerTickMillis = b.timerTickMillis;
        maxSessionsPerAddress = b.maxSessionsPerAddress;
        maxSessions = b.maxSessions;
        maxHandshakesPerAddressPerSecond = b.maxHandshakesPerAddressPerSecond;
        handshakeRateBuckets = b.handshakeRateBuckets;
        maxOpenings = b.maxOpenings;
        if (maxSessionsPerAddress < 1 || maxHandshakesPerAddressPerSecond < 1
                || Integer.bitCount(handshakeRateBuckets) != 1 || idleTimeoutMillis <= keepaliveMillis) {
            throw new IllegalArgumentException("inconsistent session limits or timers");
        }
        if (maxPacketLength < 256 || maxPacketLength > 8192) {
            throw new IllegalArgumentException("maxPacketLength out of range");
        }
        if (dhGroups.isEmpty() || maxHelloAmplification < 1 || receiveWindowBytes < 1024) {
            throw new IllegalArgumentException("inconsistent parameters");
        }
    }

    /** The defaults. */
    public static RtmfpParams defaults() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int maxPacketLength() { return maxPacketLength; }
    public int ihelloTagLength() { return ihelloTagLength; }
    public int ihelloMinimumLength() { return ihelloMinimumLength; }
    public long ihelloInitialRetransmitMillis() { return ihelloInitialRetransmitMillis; }
    public long ihelloBackoffIncrementMillis() { return ihelloBackoffIncrementMillis; }
    public long iikeyingInitialRetransmitMillis() { return iikeyingInitialRetransmitMillis; }
    public long iikeyingBackoffIncrementMillis() { return iikeyingBackoffIncrementMillis; }
    public long openTimeoutMillis() { return openTimeoutMillis; }
    public int maxRedirectDestinations() { return maxRedirectDestinations; }
    public long cookieLifetimeMillis() { return cookieLifetimeMillis; }
    public int maxHelloAmplification() { return maxHelloAmplification; }
    public int dhPrivateKeyBits() { return dhPrivateKeyBits; }
    public List<DhGroup> dhGroups() { return dhGroups; }
    public ProtectionPolicy protectionPolicy() { return protectionPolicy; }
    public long initialErtoMillis() { return initialErtoMillis; }
    public long minimumErtoMillis() { return minimumErtoMillis; }
    public long maximumErtoMillis() { return maximumErtoMillis; }
    public double ertoBackoffFactor() { return ertoBackoffFactor; }
    public long maxTimestampEchoElapsedMillis() { return maxTimestampEchoElapsedMillis; }
    public long delayedAckMillis() { return delayedAckMillis; }
    public int obligatoryAckAfterPackets() { return obligatoryAckAfterPackets; }
    public int naksForLoss() { return naksForLoss; }
    public int reorderingResetRecoveries() { return reorderingResetRecoveries; }
    public int initialCongestionWindowPackets() { return initialCongestionWindowPackets; }
    public int timedOutCongestionWindowPackets() { return timedOutCongestionWindowPackets; }
    public int maxBurstPackets() { return maxBurstPackets; }
    public int receiveWindowBytes() { return receiveWindowBytes; }
    public long bufferProbeMillis() { return bufferProbeMillis; }
    public int sendBufferLimitBytes() { return sendBufferLimitBytes; }
    public int maxFlowsPerSession() { return maxFlowsPerSession; }
    public int maxMetadataLength() { return maxMetadataLength; }
    public int maxMessageBytes() { return maxMessageBytes; }
    public long flowLingerMillis() { return flowLingerMillis; }
    public long keepaliveMillis() { return keepaliveMillis; }
    public long idleTimeoutMillis() { return idleTimeoutMillis; }
    public long closeRetransmitMillis() { return closeRetransmitMillis; }
    public long nearClosePeriodMillis() { return nearClosePeriodMillis; }
    public long farCloseLingerMillis() { return farCloseLingerMillis; }
    public long mobilityPingMillis() { return mobilityPingMillis; }
    public long timerTickMillis() { return timerTickMillis; }
    public int maxSessionsPerAddress() { return maxSessionsPerAddress; }
    public int maxSessions() { return maxSessions; }
    public int maxHandshakesPerAddressPerSecond() { return maxHandshakesPerAddressPerSecond; }
    public int handshakeRateBuckets() { return handshakeRateBuckets; }
    public int maxOpenings() { return maxOpenings; }

    /** Mutable builder seeded with the defaults. */
    public static final class Builder {
        private int maxPacketLength = 1192;
        private int ihelloTagLength = 16;
        private int ihelloMinimumLength = 100;
        private long ihelloInitialRetransmitMillis = 1000;
        private long ihelloBackoffIncrementMillis = 1500;
        private long iikeyingInitialRetransmitMillis = 1000;
        private long iikeyingBackoffIncrementMillis = 1500;
        private long openTimeoutMillis = 30_000;
        private int maxRedirectDestinations = 24;
        private long cookieLifetimeMillis = 95_000;
        private int maxHelloAmplification = 3;
        private int dhPrivateKeyBits = 320;
        private List<DhGroup> dhGroups = List.of(DhGroup.MODP_2048, DhGroup.MODP_1024);
        private ProtectionPolicy protectionPolicy = ProtectionPolicy.CHECKSUM_ONLY;
        private long initialErtoMillis = 3000;
        private long minimumErtoMillis = 250;
        private long maximumErtoMillis = 10_000;
        private double ertoBackoffFactor = 1.414214;
        private long maxTimestampEchoElapsedMillis = 128_000;
        private long delayedAckMillis = 200;
        private int obligatoryAckAfterPackets = 2;
        private int naksForLoss = 3;
        private int reorderingResetRecoveries = 16;
        private int initialCongestionWindowPackets = 4;
        private int timedOutCongestionWindowPackets = 2;
        private int maxBurstPackets = 6;
        private int receiveWindowBytes = 192 * 1024;
        private long bufferProbeMillis = 1000;
        private int sendBufferLimitBytes = 16 * 1024 * 1024;
        private int maxFlowsPerSession = 256;
        private int maxMetadataLength = 512;
        private int maxMessageBytes = 16 * 1024 * 1024;
        private long flowLingerMillis = 120_000;
        private long keepaliveMillis = 10_000;
        private long idleTimeoutMillis = 30_000;
        private long closeRetransmitMillis = 5000;
        private long nearClosePeriodMillis = 90_000;
        private long farCloseLingerMillis = 19_000;
        private long mobilityPingMillis = 1000;
        private long timerTickMillis = 5;
        private int maxSessionsPerAddress = 1024;
        private int maxSessions = 100_000;
        private int maxHandshakesPerAddressPerSecond = 100;
        private int handshakeRateBuckets = 4096;
        private int maxOpenings = 1024;

        private Builder() {
        }

        private Builder(RtmfpParams p) {
            maxPacketLength = p.maxPacketLength;
            ihelloTagLength = p.ihelloTagLength;
            ihelloMinimumLength = p.ihelloMinimumLength;
            ihelloInitialRetransmitMillis = p.ihelloInitialRetransmitMillis;
            ihelloBackoffIncrementMillis = p.ihelloBackoffIncrementMillis;
            iikeyingInitialRetransmitMillis = p.iikeyingInitialRetransmitMillis;
            iikeyingBackoffIncrementMillis = p.iikeyingBackoffIncrementMillis;
            openTimeoutMillis = p.openTimeoutMillis;
            maxRedirectDestinations = p.maxRedirectDestinations;
            cookieLifetimeMillis = p.cookieLifetimeMillis;
            maxHelloAmplification = p.maxHelloAmplification;
            dhPrivateKeyBits = p.dhPrivateKeyBits;
            dhGroups = p.dhGroups;
            protectionPolicy = p.protectionPolicy;
            initialErtoMillis = p.initialErtoMillis;
            minimumErtoMillis = p.minimumErtoMillis;
            maximumErtoMillis = p.maximumErtoMillis;
            ertoBackoffFactor = p.ertoBackoffFactor;
            maxTimestampEchoElapsedMillis = p.maxTimestampEchoElapsedMillis;
            delayedAckMillis = p.delayedAckMillis;
            obligatoryAckAfterPackets = p.obligatoryAckAfterPackets;
            naksForLoss = p.naksForLoss;
            reorderingResetRecoveries = p.reorderingResetRecoveries;
            initialCongestionWindowPackets = p.initialCongestionWindowPackets;
            timedOutCongestionWindowPackets = p.timedOutCongestionWindowPackets;
            maxBurstPackets = p.maxBurstPackets;
            receiveWindowBytes = p.receiveWindowBytes;
            bufferProbeMillis = p.bufferProbeMillis;
            sendBufferLimitBytes = p.sendBufferLimitBytes;
            maxFlowsPerSession = p.maxFlowsPerSession;
            maxMetadataLength = p.maxMetadataLength;
            maxMessageBytes = p.maxMessageBytes;
            flowLingerMillis = p.flowLingerMillis;
            keepaliveMillis = p.keepaliveMillis;
            idleTimeoutMillis = p.idleTimeoutMillis;
            closeRetransmitMillis = p.closeRetransmitMillis;
            nearClosePeriodMillis = p.nearClosePeriodMillis;
            farCloseLingerMillis = p.farCloseLingerMillis;
            mobilityPingMillis = p.mobilityPingMillis;
            timerTickMillis = p.timerTickMillis;
            maxSessionsPerAddress = p.maxSessionsPerAddress;
            maxSessions = p.maxSessions;
            maxHandshakesPerAddressPerSecond = p.maxHandshakesPerAddressPerSecond;
            handshakeRateBuckets = p.handshakeRateBuckets;
            maxOpenings = p.maxOpenings;
        }

        public Builder openTimeoutMillis(long v) {
            openTimeoutMillis = v;
            return this;
        }

        public Builder cookieLifetimeMillis(long v) {
            cookieLifetimeMillis = v;
            return this;
        }

        public Builder dhGroups(List<DhGroup> v) {
            dhGroups = v;
            return this;
        }

        public Builder protectionPolicy(ProtectionPolicy v) {
            protectionPolicy = v;
            return this;
        }

        public Builder receiveWindowBytes(int v) {
            receiveWindowBytes = v;
            return this;
        }

        public Builder sendBufferLimitBytes(int v) {
            sendBufferLimitBytes = v;
            return this;
        }

        public Builder maxFlowsPerSession(int v) {
            maxFlowsPerSession = v;
            return this;
        }

        public Builder keepaliveMillis(long v) {
            keepaliveMillis = v;
            return this;
        }

        public Builder idleTimeoutMillis(long v) {
            idleTimeoutMillis = v;
            return this;
        }

        public Builder maxSessionsPerAddress(int v) {
            maxSessionsPerAddress = v;
            return this;
        }

        public Builder maxSessions(int v) {
            maxSessions = v;
            return this;
        }

        public Builder maxHandshakesPerAddressPerSecond(int v) {
            maxHandshakesPerAddressPerSecond = v;
            return this;
        }

        public Builder maxHelloAmplification(int v) {
            maxHelloAmplification = v;
            return this;
        }

        public Builder timerTickMillis(long v) {
            if (v < 1 || v > 100) {
                throw new IllegalArgumentException("timer tick must be 1..100 ms, well under the delayed ack");
            }
            timerTickMillis = v;
            return this;
        }

        public RtmfpParams build() {
            return new RtmfpParams(this);
        }
    }
}
