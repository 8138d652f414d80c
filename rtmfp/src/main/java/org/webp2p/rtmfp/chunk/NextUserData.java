package org.webp2p.rtmfp.chunk;

import java.util.List;
import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.WireOption;

/**
 * Next User Data (RFC 7016 §2.3.12): like {@link UserData} but for the same flow as the previous
 * user data chunk in the packet, with the next sequence number and the same FSN offset plus one.
 */
public record NextUserData(Fragment fragment, boolean abandon, boolean fin, List<WireOption> options, Bytes data)
        implements Chunk {
    public NextUserData {
        Objects.requireNonNull(fragment);
        options = List.copyOf(options);
        Objects.requireNonNull(data);
    }

    /** Expands this chunk given the user data chunk before it in the same packet. */
    public UserData following(UserData previous) {
        return new UserData(previous.flowId(), previous.sequenceNumber() + 1, previous.fsnOffset() + 1, fragment,
                abandon, fin, options, data);
    }

    @Override
    public int type() {
        return ChunkType.NEXT_USER_DATA;
    }
}
