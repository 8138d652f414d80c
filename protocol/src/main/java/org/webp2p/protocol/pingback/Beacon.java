package org.webp2p.protocol.pingback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.Require;

/**
 * One client report. Counters are deltas since the client's previous beacon, so beacons add up
 * without the server remembering each client's totals.
 *
 * @param ticket     the session's ticket from its latest plan: pingback takes beacons only of sessions
 *                   the API opened
 * @param peerId     the client's peer ID, or null before it has one
 * @param playedMs   media time played since the previous beacon (the base of the stall ratio)
 * @param startupMs  time from the session request to the first frame; present only in a session's first beacon
 *                   (null, and left out, in every other)
 * @param bufferMs   media buffered ahead of the playhead when the beacon was made
 * @param natType    the client's NAT type; {@link NatType#UNKNOWN} when left out
 * @param links      bytes exchanged with each connected peer
 * @param connections peer connection attempts and successes, by the remote peer's NAT type
 * @param client     {@code browser} from the player page; null (left out) from the SDK
 * @param attempts   the client's peer connection attempts that ended since its previous beacon, each
 *                   with its outcome and, for a failure or a refusal, why; the latest {@link #MAX_ATTEMPTS}
 *                   of them, left out when none
 * @param attemptCounts how many attempts ended since the previous beacon, by the far peer's NAT type,
 *                   outcome and reason: all of them, also those beyond the details {@code attempts}
 *                   carries; left out when none
 * @param latencyMs  how far behind live the client plays when the beacon was made: now less the
 *                   program date time of the segment at its playhead plus its position in it (a gauge);
 *                   null (left out) when it cannot tell, before its first frame or on an undated stream
 * @param rendition  the rendition of the stream the client plays when the beacon is made, as its master
 *                   playlist names it ({@code 180p}; its swarm is {@code SWARM/RENDITION}): the bytes and
 *                   figures since the previous beacon count for it. Null (left out) for a stream without
 *                   renditions, from the player page, and from older clients
 */
public record Beacon(String sessionId, String ticket, @Nullable String peerId, String swarm, long httpBytes, long p2pBytes,
                     long uploadedBytes, long playedMs, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long startupMs,
                     int stalls, long stallMs, long bufferMs, NatType natType, List<Link> links,
                     List<Connections> connections,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ClientKind client,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Attempt> attempts,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AttemptCount> attemptCounts,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long latencyMs,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String rendition) {
    /** The most links one beacon may carry: a client sends its busiest. */
    public static final int MAX_LINKS = 64;
    /** The most connection attempts one beacon may carry: a client sends its latest. */
    public static final int MAX_ATTEMPTS = 32;
    /**
     * The most attempt counts one beacon may carry: one per far NAT type and way an attempt can end,
     * with room for reasons later clients add.
     */
    public static final int MAX_ATTEMPT_COUNTS = 128;
    /** A day of anything in one beacon is a broken client, not a measurement. */
    public static final long MAX_MS = 86_400_000L;

    public Beacon {
        Require.id(sessionId, "sessionId");
        Require.that(ticket != null && !ticket.isBlank(), "ticket is required: the session plan's ticket");
        if (peerId != null) {
            Require.id(peerId, "peerId");
        }
        Require.swarm(swarm, "swarm");
        Require.that(httpBytes >= 0 && p2pBytes >= 0 && uploadedBytes >= 0, "byte counts must not be negative");
        Require.that(playedMs >= 0 && playedMs <= MAX_MS, "playedMs must be between 0 and " + MAX_MS);
        Require.that(startupMs == null || (startupMs >= 0 && startupMs <= MAX_MS),
                "startupMs must be between 0 and " + MAX_MS);
        Require.that(stalls >= 0 && stallMs >= 0 && stallMs <= MAX_MS,
                "stalls and stallMs must be between 0 and " + MAX_MS);
        Require.that(bufferMs >= 0 && bufferMs <= MAX_MS, "bufferMs must be between 0 and " + MAX_MS);
        Require.that(latencyMs == null || (latencyMs >= 0 && latencyMs <= MAX_MS),
                "latencyMs must be between 0 and " + MAX_MS);
        Require.that(rendition == null || namesRendition(swarm, rendition), "rendition must be one name without /,"
                + " and swarm/rendition a swarm name: 1-128 characters of A-Z a-z 0-9 . _ ~ -, no part . or ..");
        natType = natType == null ? NatType.UNKNOWN : natType;
        links = links == null ? List.of() : List.copyOf(links);
        connections = connections == null ? List.of() : List.copyOf(connections);
        Require.that(links.size() <= MAX_LINKS, "at most " + MAX_LINKS + " links");
        Require.that(connections.size() <= NatType.values().length, "at most one connections entry per NAT type");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        Require.that(attempts.size() <= MAX_ATTEMPTS, "at most " + MAX_ATTEMPTS + " attempts");
        attemptCounts = attemptCounts == null ? List.of() : List.copyOf(attemptCounts);
        Require.that(attemptCounts.size() <= MAX_ATTEMPT_COUNTS, "at most " + MAX_ATTEMPT_COUNTS + " attempt counts");
        Require.that(attemptCounts.stream().map(AttemptCount::kind).distinct().count() == attemptCounts.size(),
                "at most one attempt count per NAT type, outcome and reason");
    }

    /** A beacon that does not tell its rendition: of a stream without renditions, or an older client's. */
    public Beacon(String sessionId, String ticket, @Nullable String peerId, String swarm, long httpBytes, long p2pBytes,
                  long uploadedBytes, long playedMs, @Nullable Long startupMs, int stalls, long stallMs, long bufferMs,
                  NatType natType, List<Link> links, List<Connections> connections, @Nullable ClientKind client,
                  List<Attempt> attempts, List<AttemptCount> attemptCounts, @Nullable Long latencyMs) {
        this(sessionId, ticket, peerId, swarm, httpBytes, p2pBytes, uploadedBytes, playedMs, startupMs, stalls, stallMs,
                bufferMs, natType, links, connections, client, attempts, attemptCounts, latencyMs, null);
    }

    /** A beacon that does not tell its latency (an older client's). */
    public Beacon(String sessionId, String ticket, @Nullable String peerId, String swarm, long httpBytes, long p2pBytes,
                  long uploadedBytes, long playedMs, @Nullable Long startupMs, int stalls, long stallMs, long bufferMs,
                  NatType natType, List<Link> links, List<Connections> connections, @Nullable ClientKind client,
                  List<Attempt> attempts, List<AttemptCount> attemptCounts) {
        this(sessionId, ticket, peerId, swarm, httpBytes, p2pBytes, uploadedBytes, playedMs, startupMs, stalls, stallMs,
                bufferMs, natType, links, connections, client, attempts, attemptCounts, null);
    }

    /** A beacon with attempt details and no counts (an older client's). */
    public Beacon(String sessionId, String ticket, @Nullable String peerId, String swarm, long httpBytes, long p2pBytes,
                  long uploadedBytes, long playedMs, @Nullable Long startupMs, int stalls, long stallMs, long bufferMs,
                  NatType natType, List<Link> links, List<Connections> connections, @Nullable ClientKind client,
                  List<Attempt> attempts) {
        this(sessionId, ticket, peerId, swarm, httpBytes, p2pBytes, uploadedBytes, playedMs, startupMs, stalls, stallMs,
                bufferMs, natType, links, connections, client, attempts, List.of());
    }

    /** A beacon without connection attempts. */
    public Beacon(String sessionId, String ticket, @Nullable String peerId, String swarm, long httpBytes, long p2pBytes,
                  long uploadedBytes, long playedMs, @Nullable Long startupMs, int stalls, long stallMs, long bufferMs,
                  NatType natType, List<Link> links, List<Connections> connections, @Nullable ClientKind client) {
        this(sessionId, ticket, peerId, swarm, httpBytes, p2pBytes, uploadedBytes, playedMs, startupMs, stalls, stallMs,
                bufferMs, natType, links, connections, client, List.of());
    }

    /** An SDK client's beacon. */
    public Beacon(String sessionId, String ticket, @Nullable String peerId, String swarm, long httpBytes, long p2pBytes,
                  long uploadedBytes, long playedMs, @Nullable Long startupMs, int stalls, long stallMs, long bufferMs,
                  NatType natType, List<Link> links, List<Connections> connections) {
        this(sessionId, ticket, peerId, swarm, httpBytes, p2pBytes, uploadedBytes, playedMs, startupMs, stalls, stallMs,
                bufferMs, natType, links, connections, null);
    }

    /**
     * Whether {@code rendition} can name a rendition of {@code swarm}: one name, whose swarm
     * {@code SWARM/RENDITION} is a valid swarm name.
     */
    public static boolean namesRendition(String swarm, String rendition) {
        return rendition.indexOf('/') < 0 && Require.SWARM.matcher(swarm + "/" + rendition).matches();
    }

    /** The kind of client that sent it: the SDK unless it says otherwise. */
    public ClientKind clientKind() {
        return ClientKind.orSdk(client);
    }

    /** Bytes exchanged with one peer since the previous beacon. */
    public record Link(String peerId, long bytesIn, long bytesOut) {
        public Link {
            Require.id(peerId, "link peerId");
            Require.that(bytesIn >= 0 && bytesOut >= 0, "link byte counts must not be negative");
        }
    }

    /**
     * Connection attempts to peers of one NAT type since the previous beacon.
     *
     * @param lan of the successes, those made directly on the far peer's local address: both peers
     *            behind one NAT, met on their LAN; 0 (and left out) when none
     */
    public record Connections(NatType remoteNat, int attempts, int successes,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) int lan) {
        public Connections {
            Require.that(remoteNat != null, "remoteNat is required");
            Require.that(attempts >= 0 && successes >= 0 && successes <= attempts,
                    "need 0 <= successes <= attempts, got " + successes + " of " + attempts);
            Require.that(lan >= 0 && lan <= successes, "need 0 <= lan <= successes, got " + lan + " of " + successes);
        }

        /** Attempts none of which came up on a LAN. */
        public Connections(NatType remoteNat, int attempts, int successes) {
            this(remoteNat, attempts, successes, 0);
        }
    }

    /**
     * One attempt to connect to a peer, and how it ended.
     *
     * @param remoteNat the far peer's NAT type as the tracker listed it
     * @param reason    why it failed ({@code HANDSHAKE_TIMEOUT}, {@code NAT_INCOMPATIBLE},
     *                  {@code SAME_NAT_NO_LOCAL_ADDRESS}) or was refused ({@code PEER_FULL},
     *                  {@code WRONG_SWARM}, {@code BANNED}); later clients may send others. Null unless
     *                  failed or refused
     */
    public record Attempt(String peerId, NatType remoteNat, Outcome outcome,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason) {
        private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{0,39}");

        /** How an attempt ended. */
        public enum Outcome {
            /** A session came up through the NATs. */
            CONNECTED,
            /** A session came up directly on a local address the peer announced: both behind one NAT. */
            LAN,
            /** No session. */
            FAILED,
            /** A session came up and one side closed it before the peers greeted: a peer that is full, say. */
            REFUSED;

            /** Whether an attempt that ended so says why. */
            public boolean hasReason() {
                return this == FAILED || this == REFUSED;
            }
        }

        public Attempt {
            Require.id(peerId, "attempt peerId");
            Require.that(remoteNat != null, "remoteNat is required");
            Require.that(outcome != null, "outcome is required");
            requireReason(outcome, reason);
        }

        private static void requireReason(Outcome outcome, @Nullable String reason) {
            Require.that(outcome.hasReason() == (reason != null),
                    "a reason goes with a failed or refused attempt, and only with one");
            Require.that(reason == null || REASON.matcher(reason).matches(), "reason must be an upper-case name");
        }
    }

    /**
     * How many attempts to peers of one NAT type ended one way since the previous beacon.
     *
     * @param reason as in {@link Attempt}: null unless the outcome is failed or refused
     */
    public record AttemptCount(NatType remoteNat, Attempt.Outcome outcome,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason, int count) {
        public AttemptCount {
            Require.that(remoteNat != null, "remoteNat is required");
            Require.that(outcome != null, "outcome is required");
            Attempt.requireReason(outcome, reason);
            Require.that(count > 0, "an attempt count must be positive");
        }

        /** What it counts, without how many: at most one count of each kind per beacon. */
        public List<Object> kind() {
            return Arrays.asList(remoteNat, outcome, reason);
        }
    }
}
