package org.webp2p.server.tracker.ws;

import java.net.InetAddress;

/**
 * One client's WebSocket as the swarm logic sees it. {@link #send} must not block and may be called
 * from any thread: offers and answers for a client come from other clients' threads.
 */
public interface WsLink {
    InetAddress address();

    void send(WsReply reply);
}
