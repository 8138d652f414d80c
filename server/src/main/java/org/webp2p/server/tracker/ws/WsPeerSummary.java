package org.webp2p.server.tracker.ws;

import java.net.InetAddress;

/**
 * One WebSocket peer in the live view.
 *
 * @param address  where its socket came from
 * @param joinedMs when it first announced to this swarm, in the tracker clock's milliseconds
 * @param lastSeenMs when it last announced or answered
 */
public record WsPeerSummary(String peerId, String infoHash, InetAddress address, long joinedMs, long lastSeenMs) {
}
