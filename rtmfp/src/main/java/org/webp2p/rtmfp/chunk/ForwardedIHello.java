package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * Forwarded Initiator Hello (RFC 7016 §2.3.3): a rendezvous relays an IHello to the wanted peer,
 * which then answers the initiator directly at {@code replyAddress}.
 */
public record ForwardedIHello(Bytes endpointDiscriminator, PeerAddress replyAddress, Bytes tag) implements Chunk {
    public ForwardedIHello {
        Objects.requireNonNull(endpointDiscriminator);
        Objects.requireNonNull(replyAddress);
        Objects.requireNonNull(tag);
        if (endpointDiscriminator.isEmpty() || tag.isEmpty()) {
            throw new IllegalArgumentException("Forwarded IHello needs an EPD and a tag");
        }
    }

    @Override
    public int type() {
        return ChunkType.FORWARDED_IHELLO;
    }
}
