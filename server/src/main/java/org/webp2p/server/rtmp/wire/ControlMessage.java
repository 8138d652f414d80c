package org.webp2p.server.rtmp.wire;

/**
 * The protocol control messages of §5.4 and the User Control message of §6.2, each a record that
 * checks its fields; {@link ControlCodec} turns them into and out of {@link RtmpMessage}s.
 */
public sealed interface ControlMessage {

    /** §5.4.1: the largest chunk the sender will use from now on. */
    record SetChunkSize(int size) implements ControlMessage {
        public SetChunkSize {
            if (size < 1 || size > RtmpParams.MAX_CHUNK_SIZE) {
                throw new IllegalArgumentException("a chunk size is 1 to " + RtmpParams.MAX_CHUNK_SIZE + ": " + size);
            }
        }
    }

    /** §5.4.2: drop the partly received message of a chunk stream. */
    record Abort(int chunkStreamId) implements ControlMessage {
    }

    /** §5.4.3: the bytes received so far, modulo 2^32. */
    record Acknowledgement(long sequenceNumber) implements ControlMessage {
        public Acknowledgement {
            checkU32(sequenceNumber);
        }
    }

    /** §5.4.4: how many bytes the sender may send before it waits for an acknowledgement. */
    record WindowAckSize(long size) implements ControlMessage {
        public WindowAckSize {
            checkU32(size);
        }
    }

    /** §5.4.5: the output window the peer is asked to keep; 0 hard, 1 soft, 2 dynamic. */
    record SetPeerBandwidth(long size, int limitType) implements ControlMessage {
        public static final int DYNAMIC = 2;

        public SetPeerBandwidth {
            checkU32(size);
            if (limitType < 0 || limitType > 2) {
                throw new IllegalArgumentException("a limit type is 0, 1 or 2: " + limitType);
            }
        }
    }

    /**
     * §6.2 and §7.1.7: an event and its first 4-byte value (a stream ID, or a ping's timestamp). The
     * second value of SetBufferLength is not kept: a server has no use for it.
     */
    record UserControl(int event, long value) implements ControlMessage {
        public static final int STREAM_BEGIN = 0;
        public static final int STREAM_EOF = 1;
        public static final int SET_BUFFER_LENGTH = 3;
        public static final int PING_REQUEST = 6;
        public static final int PING_RESPONSE = 7;

        public UserControl {
            if (event < 0 || event > 0xffff) {
                throw new IllegalArgumentException("an event type is two bytes: " + event);
            }
            checkU32(value);
        }
    }

    private static void checkU32(long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("not a 32-bit unsigned value: " + value);
        }
    }
}
