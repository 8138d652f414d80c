package org.webp2p.nat.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.webp2p.nat.stun.StunMessage;

/** Runs one request/response transaction; {@link StunClient} does it over UDP. */
@FunctionalInterface
public interface StunExchange {

    /**
     * Sends {@code request} to {@code server} until answered or timed out.
     *
     * @return the matching response, or empty if none came in time
     */
    Optional<StunResponse> exchange(InetSocketAddress server, StunMessage request) throws IOException;
}
