package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;

/** Events of one session, delivered on the endpoint's thread. */
public interface SessionListener {
    /**
     * The far end opened a flow to us. Call {@link ReceiveFlow#setMessageListener} to take its
     * messages or {@link ReceiveFlow#reject} to refuse it.
     */
    default void onFlow(ReceiveFlow flow) {
        flow.reject(0);
    }

    /**
     * The far end was found at a new address, which it proved by answering a ping there
     * (RFC 7016 §3.5.4.2); {@link Session#farAddress()} now returns it.
     */
    default void onFarAddressChanged(Session session, InetSocketAddress previous) {
    }

    /** The session ended: closed by either side, timed out, or the endpoint stopped. */
    default void onClosed(Session session) {
    }
}
