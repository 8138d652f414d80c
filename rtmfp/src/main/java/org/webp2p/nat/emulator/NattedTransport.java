package org.webp2p.nat.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;
import org.webp2p.nat.transport.DatagramTunnel;
import org.webp2p.nat.transport.UdpTransport;

/**
 * The inside host's socket behind an {@link EmulatedNat}: a real UDP socket on a private loopback
 * address whose traffic goes through the NAT's gateway. The application sees ordinary addresses.
 */
final class NattedTransport implements DatagramTransport {
    private final UdpTransport socket;
    private final DatagramTunnel tunnel;

    NattedTransport(UdpTransport socket, DatagramTunnel tunnel) {
        this.socket = socket;
        this.tunnel = tunnel;
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public void send(Datagram datagram) throws IOException {
        socket.send(tunnel.outbound(datagram));
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Optional<Datagram> received = socket.receive(Duration.ofNanos(left));
            if (received.isEmpty()) {
                return Optional.empty();
            }
            Optional<Datagram> inner = tunnel.inbound(received.get());
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        tunnel.closed(socket.localAddress());
        socket.close();
    }
}
