package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Decides whether an IHello addressed to this endpoint itself is answered here or redirected
 * elsewhere (RFC 7016 §3.5.1.1.2), so a full or draining server can send initiators to other
 * servers before any session state is spent on them.
 */
@FunctionalInterface
public interface HelloAdmission {
    /** Answers every IHello here. */
    HelloAdmission ANSWER_ALL = initiator -> List.of();

    /**
     * @param initiator the IHello's source address
     * @return empty to answer with an RHello, otherwise the addresses to redirect the initiator to
     */
    List<InetSocketAddress> redirectFor(InetSocketAddress initiator);
}
