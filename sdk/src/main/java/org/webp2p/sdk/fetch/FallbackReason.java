package org.webp2p.sdk.fetch;

/** Why a segment came from HTTP rather than a peer; reported so "P2P never works" has an answer. */
public enum FallbackReason {
    /**
     * This client is one of the few that fetch a new segment from the origin at once, so the swarm
     * has first copies to share (not a failure: someone has to).
     */
    SEEDING,
    /** Needed within the urgent window: no time to risk a peer. */
    URGENT,
    /** P2P is off for this session (the API's plan says why). */
    P2P_OFF,
    /** No connected peer holds it. */
    NO_PEER_HAS_IT,
    /** A peer was fetching it but too slowly to finish before the deadline. */
    SLOW_PEER,
    /** The peer refused or reported an error for it. */
    PEER_REFUSED,
    /**
     * The peers holding it were each serving as many segments as their uplink carries in time, and
     * stayed so until it turned urgent.
     */
    PEER_BUSY,
    /** The peer's data failed the integrity check; the peer is dropped. */
    CORRUPT,
    /** The peer went away mid-transfer. */
    PEER_LEFT
}
