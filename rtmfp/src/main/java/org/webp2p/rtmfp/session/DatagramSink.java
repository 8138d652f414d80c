package org.webp2p.rtmfp.session;

import java.net.InetSocketAddress;

/** Where the core puts datagrams to send; the network adapter implements it. */
@FunctionalInterface
public interface DatagramSink {
    void send(InetSocketAddress to, byte[] datagram);
}
