package org.webp2p.nat.client;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.webp2p.nat.stun.StunMessage;

/**
 * A response that matched a request's transaction.
 *
 * @param message the decoded response (success or error)
 * @param from the transport address it came from, which a CHANGE-REQUEST is meant to alter
 */
public record StunResponse(StunMessage message, InetSocketAddress from) {
    public StunResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(from, "from");
    }
}
