package org.webp2p.nat.stun;

/** Why a datagram was not accepted as a STUN message; servers count drops by this. */
public enum DropReason {
    /** Shorter than the 20-byte header. */
    TRUNCATED,
    /** The leading bits or the length alignment rule out STUN (RFC 8489 §6.3). */
    NOT_STUN,
    /** The header's length field disagrees with the datagram size. */
    LENGTH_MISMATCH,
    /** An attribute overruns the message, or a known one has an invalid value. */
    BAD_ATTRIBUTE,
    /** FINGERPRINT is present but does not match the message. */
    BAD_FINGERPRINT,
    /** A well-formed message of a class the receiver does not take (a server gets a response). */
    UNEXPECTED_CLASS
}
