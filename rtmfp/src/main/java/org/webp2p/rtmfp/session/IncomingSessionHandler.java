package org.webp2p.rtmfp.session;

/** Told about each session a far end opens to us; set its listener here. */
@FunctionalInterface
public interface IncomingSessionHandler {
    void onSession(Session session);
}
