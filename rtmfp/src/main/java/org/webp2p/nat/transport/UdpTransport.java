package org.webp2p.nat.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A {@link DatagramTransport} over a plain {@link DatagramSocket}: blocking, thread-free and free of
 * dependencies, so it works on desktop JVMs and Android alike.
 */
public final class UdpTransport implements DatagramTransport {
    /** Large enough for any UDP payload, so nothing is silently truncated. */
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket socket;
    private final InetSocketAddress localAddress;
    private final byte[] receiveBuffer = new byte[MAX_DATAGRAM];

    private UdpTransport(DatagramSocket socket) {
        this.socket = socket;
        this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Binds {@code local}; port 0 picks a free port. */
    public static UdpTransport bind(InetSocketAddress local) throws IOException {
        return new UdpTransport(new DatagramSocket(local));
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void send(Datagram datagram) throws IOException {
        socket.send(new DatagramPacket(datagram.payload(), datagram.payload().length, datagram.peer()));
    }

    @Override
    public synchronized Optional<Datagram> receive(Duration timeout) throws IOException {
        // DatagramSocket treats 0 as "forever", so a zero or negative wait becomes the shortest one.
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                packet.getOffset() + packet.getLength());
        return Optional.of(new Datagram((InetSocketAddress) packet.getSocketAddress(), payload));
    }

    @Override
    public void close() {
        socket.close();
    }
}
