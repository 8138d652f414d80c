package org.webp2p.rtmfp.session;

/** Receives the messages of one receive flow, on the endpoint's thread. */
public interface MessageListener {
    /** A complete message arrived. */
    void onMessage(ReceiveFlow flow, byte[] message);

    /** The sender finished the flow and every message was delivered. */
    default void onFinished(ReceiveFlow flow) {
    }
}
