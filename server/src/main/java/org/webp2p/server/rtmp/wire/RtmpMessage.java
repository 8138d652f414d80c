package org.webp2p.server.rtmp.wire;

/**
 * One RTMP message as the chunk stream carries it (specification §6.1): its type, its timestamp in
 * milliseconds (32 bits, unsigned), the message stream it belongs to, and its payload. The payload
 * array is handed over, not copied: whoever builds a message gives up the array.
 */
public record RtmpMessage(int type, long timestamp, int streamId, byte[] payload) {
    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int DATA_AMF3 = 15;
    public static final int SHARED_OBJECT_AMF3 = 16;
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int SHARED_OBJECT_AMF0 = 19;
    public static final int COMMAND_AMF0 = 20;
    public static final int AGGREGATE = 22;

    public RtmpMessage {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("a message type is one byte: " + type);
        }
        if (timestamp < 0 || timestamp > 0xffffffffL) {
            throw new IllegalArgumentException("a timestamp is 32 bits: " + timestamp);
        }
        if (payload.length > RtmpParams.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("a message is at most 2^24 - 1 bytes: " + payload.length);
        }
    }

    /** Protocol control messages (§5.4) and User Control (§6.2) travel on the control chunk stream. */
    public boolean control() {
        return type >= SET_CHUNK_SIZE && type <= SET_PEER_BANDWIDTH;
    }

    @Override
    public String toString() {
        return "RtmpMessage[type=" + type + ", timestamp=" + timestamp + ", streamId=" + streamId + ", length="
                + payload.length + "]";
    }
}
