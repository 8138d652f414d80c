package org.webp2p.rtmfp.flash;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * An RTMP message as carried in one RTMFP flow message (RFC 7425 §5.1): a type byte, a
 * 32-bit timestamp, and the payload.
 */
public record TcMessage(int type, long timestamp, Bytes payload) {
    /** AMF0 command (connect, _result, _error...). */
    public static final int COMMAND_AMF0 = 20;
    /** AMF3-wrapped command: the payload starts with a zero byte, then AMF0 values. */
    public static final int COMMAND_AMF3 = 17;

    public TcMessage {
        if (type < 0 || type > 0xff || timestamp < 0 || timestamp > 0xffffffffL) {
            throw new IllegalArgumentException("bad TC message header");
        }
        Objects.requireNonNull(payload);
    }

    public byte[] encode() {
        WireWriter out = new WireWriter(5 + payload.length());
        out.writeU8(type).writeU32(timestamp);
        payload.writeTo(out);
        return out.toByteArray();
    }

    /** @throws org.webp2p.rtmfp.wire.MalformedInputException if shorter than the header */
    public static TcMessage decode(byte[] message) {
        WireReader in = new WireReader(message);
        return new TcMessage(in.readU8(), in.readU32(), Bytes.of(in.readRemaining()));
    }
}
