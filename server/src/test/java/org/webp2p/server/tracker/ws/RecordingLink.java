package org.webp2p.server.tracker.ws;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** A socket that keeps what the tracker sent it. */
final class RecordingLink implements WsLink {
    private final InetAddress address;
    final List<WsReply> received = new ArrayList<>();

    RecordingLink(String address) {
        try {
            this.address = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public synchronized void send(WsReply reply) {
        received.add(reply);
    }

    synchronized <T extends WsReply> List<T> of(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized void clear() {
        received.clear();
    }
}
