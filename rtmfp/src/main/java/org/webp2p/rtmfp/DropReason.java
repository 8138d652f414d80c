package org.webp2p.rtmfp;

/** Why an incoming datagram, or a chunk inside one, was thrown away. */
public enum DropReason {
    /** Too short for a session ID and one cipher block. */
    TOO_SHORT,
    /** Decryption or the checksum failed: wrong key, corrupted, or random bytes. */
    BAD_CHECKSUM,
    /** The plain packet or a chunk in it did not follow the RFC 7016 layout. */
    MALFORMED,
    /** Addressed to a session ID we do not have. */
    UNKNOWN_SESSION,
    /** A chunk that is not allowed in this kind of packet, or a header mode that does not fit. */
    UNEXPECTED_CHUNK,
    /** An answer (RHello, Redirect, RIKeying...) to no opening of ours. */
    UNSOLICITED,
    /** An IHello for an endpoint we are not and nobody handled. */
    NOT_FOR_US,
    /** A cookie that was forged, for another address, or too old. */
    BAD_COOKIE,
    /** A certificate or key component we could not use. */
    BAD_KEYING,
    /**
     * An answer to an unverified sender would have exceeded the amplification limit: more than
     * three times its datagram, a Redirect or Forwarded IHello larger than it, or a second IHello
     * in one datagram.
     */
    AMPLIFICATION_LIMIT,
    /** An IHello for another endpoint whose sender the rendezvous would not introduce. */
    INTRODUCTION_REFUSED,
    /** A session, flow or buffer limit was reached. */
    RESOURCE_LIMIT,
    /** An IHello from an address that started more handshakes per second than allowed. */
    RATE_LIMIT,
    /** Data outside the receive window or for a flow we refused. */
    FLOW_REFUSED,
    /** Data we already had: a retransmission that crossed an ack, or a replayed packet. */
    DUPLICATE
}
