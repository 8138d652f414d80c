package org.webp2p.sdk.diagnostics;

/** Why a connection to a peer did not come up or did not last. */
public enum PeerFailureReason {
    /** The handshake got no answer in time: usually filtering NATs on both sides. */
    HANDSHAKE_TIMEOUT,
    /** The two NAT types cannot reach each other, so no attempt was worth making. */
    NAT_INCOMPATIBLE,
    /**
     * Both peers are behind one NAT, which does not hairpin, and one of them announced no local
     * address to meet on.
     */
    SAME_NAT_NO_LOCAL_ADDRESS,
    /** The peer answered but refused the connection (full, or not in this swarm). */
    REFUSED,
    /** A refusal: the peer closed the session before greeting, for it has its fill of peers. */
    PEER_FULL,
    /** A refusal: the peer greeted in another protocol version or swarm. */
    WRONG_SWARM,
    /** A refusal by this client: it dropped the peer for misbehaving a while ago. */
    BANNED,
    /** The connection was up and then went silent or was closed. */
    LOST,
    /** The peer sent a segment that failed its digest, or broke the segment protocol: it is dropped. */
    CORRUPT
}
