package org.webp2p.server.rtmp.wire;

/** Reads and writes {@link ControlMessage}s: big-endian fields in the payload, on message stream 0. */
public final class ControlCodec {
    private ControlCodec() {
    }

    /**
     * Reads a control message; longer payloads than the fields need are accepted, as senders pad.
     *
     * @throws RtmpProtocolException when the payload is too short or, for Set Chunk Size, out of range
     * @throws IllegalArgumentException when {@code message} is not a control message
     */
    public static ControlMessage decode(RtmpMessage message) throws RtmpProtocolException {
        byte[] p = message.payload();
        return switch (message.type()) {
            case RtmpMessage.SET_CHUNK_SIZE -> {
                long size = u32(p, 0, "Set Chunk Size");
                if (size == 0 || size > RtmpParams.MAX_CHUNK_SIZE) { // the reserved top bit set makes it larger
                    throw new RtmpProtocolException(Violation.BAD_CHUNK_SIZE, "Set Chunk Size " + size
                            + " is outside 1 to " + RtmpParams.MAX_CHUNK_SIZE);
                }
                yield new ControlMessage.SetChunkSize((int) size);
            }
            case RtmpMessage.ABORT -> new ControlMessage.Abort((int) u32(p, 0, "Abort"));
            case RtmpMessage.ACKNOWLEDGEMENT -> new ControlMessage.Acknowledgement(u32(p, 0, "Acknowledgement"));
            case RtmpMessage.WINDOW_ACK_SIZE -> new ControlMessage.WindowAckSize(u32(p, 0, "Window Acknowledgement Size"));
            case RtmpMessage.SET_PEER_BANDWIDTH -> {
                long size = u32(p, 0, "Set Peer Bandwidth");
                require(p, 5, "Set Peer Bandwidth");
                int limit = p[4] & 0xff;
                if (limit > 2) {
                    throw new RtmpProtocolException(Violation.MALFORMED_MESSAGE, "Set Peer Bandwidth limit type " + limit);
                }
                yield new ControlMessage.SetPeerBandwidth(size, limit);
            }
            case RtmpMessage.USER_CONTROL -> {
                require(p, 6, "User Control");
                yield new ControlMessage.UserControl(((p[0] & 0xff) << 8) | (p[1] & 0xff), u32(p, 2, "User Control"));
            }
            default -> throw new IllegalArgumentException("message type " + message.type() + " is not a control message");
        };
    }

    public static RtmpMessage encode(ControlMessage control) {
        byte[] p;
        int type;
        if (control instanceof ControlMessage.SetChunkSize m) {
            type = RtmpMessage.SET_CHUNK_SIZE;
            p = u32(m.size());
        } else if (control instanceof ControlMessage.Abort m) {
            type = RtmpMessage.ABORT;
            p = u32(m.chunkStreamId());
        } else if (control instanceof ControlMessage.Acknowledgement m) {
            type = RtmpMessage.ACKNOWLEDGEMENT;
            p = u32(m.sequenceNumber());
        } else if (control instanceof ControlMessage.WindowAckSize m) {
            type = RtmpMessage.WINDOW_ACK_SIZE;
            p = u32(m.size());
        } else if (control instanceof ControlMessage.SetPeerBandwidth m) {
            type = RtmpMessage.SET_PEER_BANDWIDTH;
            p = new byte[5];
            System.arraycopy(u32(m.size()), 0, p, 0, 4);
            p[4] = (byte) m.limitType();
        } else {
            ControlMessage.UserControl m = (ControlMessage.UserControl) control;
            type = RtmpMessage.USER_CONTROL;
            p = new byte[6];
            p[0] = (byte) (m.event() >> 8);
            p[1] = (byte) m.event();
            System.arraycopy(u32(m.value()), 0, p, 2, 4);
        }
        return new RtmpMessage(type, 0, 0, p);
    }

    private static long u32(byte[] p, int at, String what) throws RtmpProtocolException {
        require(p, at + 4, what);
        return ((long) (p[at] & 0xff) << 24) | ((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
    }

    private static void require(byte[] p, int length, String what) throws RtmpProtocolException {
        if (p.length < length) {
            throw new RtmpProtocolException(Violation.MALFORMED_MESSAGE, what + " of " + p.length + " bytes, not "
                    + length);
        }
    }

    private static byte[] u32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
