package org.webp2p.server.rtmp.wire;

/**
 * The RTMP constants this server works with, each with the place it comes from: Adobe's RTMP
 * specification 1.0 (December 2012) by section, or our own choice and why.
 */
public final class RtmpParams {
    // §5.2.2: C0 and S0 carry the protocol version; 3 is plain RTMP.
    public static final int VERSION = 3;
    // Not in the 2012 specification: C0 = 6 asks for RTMPE, which encrypts with a DH key agreement and RC4.
    public static final int VERSION_ENCRYPTED = 6;
    // §5.2.3 and §5.2.4: C1, S1, C2 and S2 are 1536 bytes each.
    public static final int HANDSHAKE_SIZE = 1536;
    // §5.4.1: both directions start with chunks of at most 128 bytes until Set Chunk Size.
    public static final int DEFAULT_CHUNK_SIZE = 128;
    // §5.4.1 allows up to 2^31 - 1, but a message is at most 2^24 - 1 bytes (§5.3.1.2.1), so no chunk
    // needs to be longer than 16 MiB; larger values are refused as the hostile input they are.
    public static final int MAX_CHUNK_SIZE = 1 << 24;
    // §5.3.1.2.1: a message length is 3 bytes.
    public static final int MAX_MESSAGE_LENGTH = 0xffffff;
    // §5.3.1.3: a 3-byte timestamp field of all ones says a 4-byte extended timestamp follows.
    public static final int EXTENDED_TIMESTAMP = 0xffffff;
    // §5.3.1.1: chunk stream IDs from 3 to 65599 carry messages; 2 is for protocol control.
    public static final int CONTROL_CHUNK_STREAM = 2;
    public static final int MAX_CHUNK_STREAM_ID = 65599;
    // Ours: the chunk streams our answers use, commands apart from the messages of a stream as servers usually do.
    public static final int COMMAND_CHUNK_STREAM = 3;
    public static final int STREAM_CHUNK_STREAM = 5;
    // Ours: encoders use two to eight chunk streams; a client opening more is not an encoder.
    public static final int MAX_OPEN_CHUNK_STREAMS = 64;
    // Ours: the chunk size we send with; big enough that our answers go out in one chunk.
    public static final int OUT_CHUNK_SIZE = 4096;
    // §5.4.4 and §5.4.5: the window after which a peer is to acknowledge, the same both ways; 2.5 MB is what
    // the usual servers announce, so encoders are tuned for it.
    public static final long WINDOW_ACK_SIZE = 2_500_000;
    // §7.1.1: the message stream the server gives the publisher in answer to createStream.
    public static final int PUBLISH_STREAM_ID = 1;

    private RtmpParams() {
    }
}
