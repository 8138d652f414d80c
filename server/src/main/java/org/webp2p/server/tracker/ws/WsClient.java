package org.webp2p.server.tracker.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * One connected WebSocket and the swarms it sits in (a player usually has one or two: video and
 * audio). Made by {@link WsSwarms#connect}; its memberships change only under that class's locks.
 */
public final class WsClient {
    final WsLink link;
    private final List<WsSwarms.Peer> memberships = new ArrayList<>(2);

    WsClient(WsLink link) {
        this.link = link;
    }

    synchronized void join(WsSwarms.Peer peer) {
        memberships.add(peer);
    }

    synchronized void leave(WsSwarms.Peer peer) {
        memberships.remove(peer);
    }

    synchronized List<WsSwarms.Peer> memberships() {
        return List.copyOf(memberships);
    }

    /** How many swarms this socket is a peer of. */
    public synchronized int swarms() {
        return memberships.size();
    }
}
