package org.webp2p.nat.transport;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The path a socket's datagrams take when the socket cannot simply send to its peers: from behind an
 * emulated NAT every datagram travels framed through the NAT's gateway. An endpoint bound with a
 * tunnel stays unaware of it and sees ordinary peer addresses.
 */
public interface DatagramTunnel {
    /** Sends and receives as addressed. */
    DatagramTunnel DIRECT = new DatagramTunnel() {
        @Override
        public Datagram outbound(Datagram datagram) {
            return datagram;
        }

        @Override
        public Optional<Datagram> inbound(Datagram datagram) {
            return Optional.of(datagram);
        }
    };

    /** The socket is bound at {@code local}; called before any datagram moves. */
    default void opened(InetSocketAddress local) {
    }

    /** What to put on the wire for {@code datagram}, which the application addressed to its peer. */
    Datagram outbound(Datagram datagram);

    /** What the application receives for a datagram off the wire; empty to drop it. */
    Optional<Datagram> inbound(Datagram datagram);

    /** The socket at {@code local} has closed. */
    default void closed(InetSocketAddress local) {
    }
}
