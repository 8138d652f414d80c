package org.webp2p.rtmfp.flash;

import java.util.Arrays;
import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * The flow metadata of the Flash profile (RFC 7425 §5.1): "TC", a flags byte, and the RTMP
 * stream ID the flow belongs to (0 for the NetConnection itself).
 *
 * @param streamId       the RTMP stream ID
 * @param networkOrder   receive intent: true if the sender does not need in-order delivery
 */
public record TcMetadata(long streamId, boolean networkOrder) {
    private static final byte[] SIGNATURE = {'T', 'C'};
    private static final int FLAG_STREAM_ID = 0x04;
    private static final int FLAG_NETWORK_ORDER = 0x01;

    public TcMetadata {
        if (streamId < 0 || streamId > 0xffffffffL) {
            throw new IllegalArgumentException("RTMP stream IDs are 32-bit");
        }
    }

    /** The metadata of the NetConnection control flow. */
    public static TcMetadata netConnection() {
        return new TcMetadata(0, false);
    }

    public Bytes encode() {
        WireWriter out = new WireWriter().writeBytes(SIGNATURE);
        out.writeU8(FLAG_STREAM_ID | (networkOrder ? FLAG_NETWORK_ORDER : 0)).writeVlu(streamId);
        return Bytes.of(out.toByteArray());
    }

    /** @return empty if {@code metadata} is not Flash TC metadata */
    public static Optional<TcMetadata> decode(Bytes metadata) {
        byte[] raw = metadata.toByteArray();
        if (raw.length < 4 || !Arrays.equals(Arrays.copyOf(raw, 2), SIGNATURE) || (raw[2] & FLAG_STREAM_ID) == 0) {
            return Optional.empty();
        }
        try {
            WireReader in = new WireReader(raw, 3, raw.length - 3);
            long streamId = in.readVlu();
            return streamId > 0xffffffffL ? Optional.empty()
                    : Optional.of(new TcMetadata(streamId, (raw[2] & FLAG_NETWORK_ORDER) != 0));
        } catch (MalformedInputException e) {
            return Optional.empty();
        }
    }
}
