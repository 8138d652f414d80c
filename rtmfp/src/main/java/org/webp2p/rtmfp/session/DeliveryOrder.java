package org.webp2p.rtmfp.session;

/** How a receive flow hands complete messages to the application (RFC 7016 §3.6.3.3). */
public enum DeliveryOrder {
    /** In the order the sender queued them. */
    SEQUENCE,
    /** As soon as each message is complete, even if an earlier one is still missing. */
    NETWORK
}
