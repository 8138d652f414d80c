package org.webp2p.nat.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A UDP socket as protocol code sees it. Code written against this (the STUN classifier, a peer)
 * runs unchanged over a plain socket ({@link UdpTransport}) or from behind an emulated NAT.
 * One thread may send while another receives.
 */
public interface DatagramTransport extends Closeable {

    /** The local transport address the application believes it has. */
    InetSocketAddress localAddress();

    /** Sends one datagram to {@link Datagram#peer()}. */
    void send(Datagram datagram) throws IOException;

    /**
     * Waits up to {@code timeout} for the next datagram.
     *
     * @return the datagram, or empty when the time ran out
     * @throws IOException when the transport is closed or failed
     */
    Optional<Datagram> receive(Duration timeout) throws IOException;

    /** Frees the socket; a blocked {@link #receive} fails at once. */
    @Override
    void close();
}
