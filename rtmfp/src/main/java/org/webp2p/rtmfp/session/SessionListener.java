package org.webp2p.rtmfp.session;

/** Events of one session, delivered on the endpoint's thread. */
public interface SessionListener {
    /**
     * The far end opened a flow to us. Call {@link ReceiveFlow#setMessageListener} to take its
     * messages or {@link ReceiveFlow#reject} to refuse it.
     */
    default void onFlow(ReceiveFlow flow) {
        flow.reject(0);
    }

    /** The session ended: closed by either side, timed out, or the endpoint stopped. */
    default void onClosed(Session session) {
    }
}
