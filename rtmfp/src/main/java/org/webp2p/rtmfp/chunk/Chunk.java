package org.webp2p.rtmfp.chunk;

/**
 * One chunk of an RTMFP packet (RFC 7016 §2.3). Each chunk type is an immutable record that
 * checks its own invariants; {@link ChunkCodec} moves them to and from bytes.
 */
public sealed interface Chunk permits IHello, ForwardedIHello, RHello, Redirect, RHelloCookieChange,
        IIKeying, RIKeying, Ping, PingReply, UserData, NextUserData, DataAckBitmap, DataAckRanges,
        BufferProbe, FlowExceptionReport, SessionCloseRequest, SessionCloseAck, UnknownChunk {

    /** The chunk type byte. */
    int type();
}
