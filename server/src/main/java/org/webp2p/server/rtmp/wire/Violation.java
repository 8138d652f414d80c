package org.webp2p.server.rtmp.wire;

/** The ways a client can break the protocol, each counted apart so an operator sees which. */
public enum Violation {
    /** The first bytes are not an RTMP handshake (an HTTP request, noise) or ask for RTMPE. */
    BAD_HANDSHAKE,
    /** Set Chunk Size of 0, above 16 MiB or with its reserved top bit set. */
    BAD_CHUNK_SIZE,
    /** A message longer than {@code rtmp.max-message-length}, or more unfinished messages than two of those. */
    MESSAGE_TOO_LONG,
    /** A chunk that continues a chunk stream no type-0 chunk has opened. */
    UNKNOWN_CHUNK_STREAM,
    /** More chunk streams than an encoder ever uses. */
    TOO_MANY_CHUNK_STREAMS,
    /** A message that does not decode: a short control message, bad AMF0, a command out of place. */
    MALFORMED_MESSAGE
}
