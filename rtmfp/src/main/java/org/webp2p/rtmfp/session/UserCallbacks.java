package org.webp2p.rtmfp.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs application callbacks so that a bug in one cannot unwind the protocol state machine
 * half-way through a packet, nor kill the endpoint's thread.
 */
final class UserCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(UserCallbacks.class);

    private UserCallbacks() {
    }

    static void run(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("RTMFP {} callback failed", what, e);
        }
    }
}
