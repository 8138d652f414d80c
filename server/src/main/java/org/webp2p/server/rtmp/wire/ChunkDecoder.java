package org.webp2p.server.rtmp.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles the messages of one connection from its chunk stream (specification §5.3): the four
 * chunk header types, extended timestamps, and the two control messages that change the chunking
 * itself, Set Chunk Size and Abort, which it applies as they complete and does not pass on. It reads
 * whatever bytes are there, a chunk's payload in pieces too, so memory follows what a client has
 * actually sent; a message's buffer grows as its chunks come.
 *
 * <p>Limits: a message at most {@code maxMessageLength} bytes, unfinished messages together at most
 * twice that, and at most {@link RtmpParams#MAX_OPEN_CHUNK_STREAMS} chunk streams. Pure and not
 * thread-safe: one connection's event loop owns it.
 */
public final class ChunkDecoder {
    // §5.3.1.2: the message header's length for chunk types 0 to 3.
    private static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};
    private static final int FIRST_BUFFER = 64 * 1024;

    /** What one chunk stream remembers of its last header (§5.3.1.2), and its unfinished message. */
    private static final class ChunkStream {
        final int id;
        long timestamp;
        long delta;
        int length;
        int type;
        int streamId;
        boolean extended;
        byte[] payload;
        int filled;

        ChunkStream(int id) {
            this.id = id;
        }

        boolean unfinished() {
            return payload != null;
        }
    }

    private final int maxMessageLength;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private int chunkSize = RtmpParams.DEFAULT_CHUNK_SIZE;
    private ChunkStream reading;
    private int leftInChunk;
    private long unfinishedLength;

    public ChunkDecoder(int maxMessageLength) {
        if (maxMessageLength < 1 || maxMessageLength > RtmpParams.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("a message is 1 to 2^24 - 1 bytes long: " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * Reads every chunk header and payload byte {@code in} holds, handing each finished message to
     * {@code out} in order; a header cut short stays in {@code in} for the next call.
     *
     * @throws RtmpProtocolException when the client breaks the protocol or a limit; the connection is done
     */
    public void decode(ByteBuf in, Consumer<RtmpMessage> out) throws RtmpProtocolException {
        while (true) {
            if (reading == null && !readHeader(in, out)) {
                return;
            }
            if (reading == null) {
                continue; // an empty message, already handed over
            }
            int n = Math.min(in.readableBytes(), leftInChunk);
            if (n == 0) {
                return;
            }
            ChunkStream cs = reading;
            grow(cs, cs.filled + n);
            in.readBytes(cs.payload, cs.filled, n);
            cs.filled += n;
            leftInChunk -= n;
            if (leftInChunk == 0) {
                reading = null;
                if (cs.filled == cs.length) {
                    finish(cs, out);
                }
            }
        }
    }

    /** The chunk size the client sends with now. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Reads one chunk header if it is all there; false, with nothing consumed, if it is not. */
    private boolean readHeader(ByteBuf in, Consumer<RtmpMessage> out) throws RtmpProtocolException {
        int at = in.readerIndex();
        int end = in.writerIndex();
        if (at >= end) {
            return false;
        }
        int first = in.getUnsignedByte(at++);
        int fmt = first >> 6;
        int csid = first & 0x3f;
        if (csid == 0) { // §5.3.1.1: two-byte form
            if (at + 1 > end) {
                return false;
            }
            csid = 64 + in.getUnsignedByte(at++);
        } else if (csid == 1) { // three-byte form, little-endian
            if (at + 2 > end) {
                return false;
            }
            csid = 64 + in.getUnsignedByte(at) + 256 * in.getUnsignedByte(at + 1);
            at += 2;
        }
        if (at + MESSAGE_HEADER_LENGTH[fmt] > end) {
            return false;
        }
        ChunkStream cs = streams.get(csid);
        if (cs == null && fmt != 0) {
            throw new RtmpProtocolException(Violation.UNKNOWN_CHUNK_STREAM, "a type-" + fmt + " chunk on chunk stream "
                    + csid + ", which no type-0 chunk opened");
        }
        boolean continuation = cs != null && cs.unfinished();
        if (continuation && fmt != 3) {
            throw new RtmpProtocolException(Violation.MALFORMED_MESSAGE, "a type-" + fmt + " chunk on chunk stream " + csid
                    + " before its message of " + cs.length + " bytes was complete (" + cs.filled + " came)");
        }
        long field = fmt == 3 ? 0 : in.getUnsignedMedium(at);
        boolean extended = fmt == 3 ? cs.extended : field == RtmpParams.EXTENDED_TIMESTAMP;
        int fieldsEnd = at + MESSAGE_HEADER_LENGTH[fmt];
        if (extended) {
            if (fieldsEnd + 4 > end) {
                return false;
            }
            field = in.getUnsignedInt(fieldsEnd);
        }
        int length = fmt <= 1 ? in.getUnsignedMedium(at + 3) : cs.length;
        if (fmt <= 1 && !continuation) {
            checkLength(length, csid);
        }
        if (cs == null) {
            if (streams.size() >= RtmpParams.MAX_OPEN_CHUNK_STREAMS) {
                throw new RtmpProtocolException(Violation.TOO_MANY_CHUNK_STREAMS, "more than "
                        + RtmpParams.MAX_OPEN_CHUNK_STREAMS + " chunk streams in use");
            }
            cs = new ChunkStream(csid);
            streams.put(csid, cs);
        }
        in.readerIndex(fieldsEnd + (extended ? 4 : 0));
        if (!continuation) {
            switch (fmt) {
                case 0 -> {
                    cs.timestamp = field;
                    cs.delta = field; // a type-3 chunk after it adds this again, as ffmpeg both reads and writes
                    cs.length = length;
                    cs.type = in.getUnsignedByte(at + 6);
                    cs.streamId = in.getIntLE(at + 7);
                }
                case 1 -> {
                    cs.delta = field;
                    cs.length = length;
                    cs.type = in.getUnsignedByte(at + 6);
                }
                case 2 -> cs.delta = field;
                default -> {
                    if (extended) {
                        cs.delta = field;
                    }
                }
            }
            if (fmt != 0) {
                cs.timestamp = (cs.timestamp + cs.delta) & 0xffffffffL;
            }
            if (fmt != 3) {
                cs.extended = extended;
            }
            if (cs.length == 0) {
                out.accept(new RtmpMessage(cs.type, cs.timestamp, cs.streamId, new byte[0]));
                return true;
            }
            checkUnfinished(cs);
            cs.payload = new byte[Math.min(cs.length, FIRST_BUFFER)];
            cs.filled = 0;
            unfinishedLength += cs.length;
        }
        reading = cs;
        leftInChunk = Math.min(chunkSize, cs.length - cs.filled);
        return true;
    }

    private void checkLength(int length, int csid) throws RtmpProtocolException {
        if (length > maxMessageLength) {
            throw new RtmpProtocolException(Violation.MESSAGE_TOO_LONG, "a message of " + length + " bytes on chunk stream "
                    + csid + "; at most " + maxMessageLength + " are taken (rtmp.max-message-length)");
        }
    }

    private void checkUnfinished(ChunkStream cs) throws RtmpProtocolException {
        checkLength(cs.length, cs.id); // a type-2 or type-3 chunk reuses a length checked when it came
        if (unfinishedLength + cs.length > 2L * maxMessageLength) {
            throw new RtmpProtocolException(Violation.MESSAGE_TOO_LONG, "unfinished messages of "
                    + (unfinishedLength + cs.length) + " bytes at once; at most twice rtmp.max-message-length are held");
        }
    }

    private static void grow(ChunkStream cs, int needed) {
        if (needed > cs.payload.length) {
            cs.payload = Arrays.copyOf(cs.payload, Math.min(cs.length, Math.max(needed, 2 * cs.payload.length)));
        }
    }

    private void finish(ChunkStream cs, Consumer<RtmpMessage> out) throws RtmpProtocolException {
        RtmpMessage message = new RtmpMessage(cs.type, cs.timestamp, cs.streamId, cs.payload);
        drop(cs);
        if (message.type() == RtmpMessage.SET_CHUNK_SIZE) {
            chunkSize = ((ControlMessage.SetChunkSize) ControlCodec.decode(message)).size();
        } else if (message.type() == RtmpMessage.ABORT) {
            ChunkStream aborted = streams.get(((ControlMessage.Abort) ControlCodec.decode(message)).chunkStreamId());
            if (aborted != null && aborted.unfinished()) {
                drop(aborted);
            }
        } else {
            out.accept(message);
        }
    }

    private void drop(ChunkStream cs) {
        unfinishedLength -= cs.length;
        cs.payload = null;
        cs.filled = 0;
    }
}
