package org.webp2p.nat.emulator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.webp2p.nat.transport.Datagram;

/**
 * How an inside host and its emulated NAT's gateway socket tell each other the far end of a packet,
 * since on loopback they cannot route: {@code family(1: 4 or 6) | address(4 or 16) | port(2) | payload}.
 * Outbound the address is the destination, inbound the source.
 */
final class GatewayFrame {
    private GatewayFrame() {
    }

    static byte[] encode(Datagram datagram) {
        byte[] ip = datagram.peer().getAddress().getAddress();
        byte[] payload = datagram.payload();
        byte[] frame = new byte[1 + ip.length + 2 + payload.length];
        frame[0] = (byte) (ip.length == 4 ? 4 : 6);
        System.arraycopy(ip, 0, frame, 1, ip.length);
        frame[1 + ip.length] = (byte) (datagram.peer().getPort() >>> 8);
        frame[2 + ip.length] = (byte) datagram.peer().getPort();
        System.arraycopy(payload, 0, frame, 3 + ip.length, payload.length);
        return frame;
    }

    /** The framed datagram, or empty if the bytes are not a frame. */
    static Optional<Datagram> decode(byte[] frame) {
        int length = frame.length;
        if (length < 1) {
            return Optional.empty();
        }
        int ipLength = frame[0] == 4 ? 4 : frame[0] == 6 ? 16 : -1;
        if (ipLength < 0 || length < 3 + ipLength) {
            return Optional.empty();
        }
        try {
            InetAddress ip = InetAddress.getByAddress(Arrays.copyOfRange(frame, 1, 1 + ipLength));
            int port = (frame[1 + ipLength] & 0xFF) << 8 | frame[2 + ipLength] & 0xFF;
            byte[] payload = Arrays.copyOfRange(frame, 3 + ipLength, length);
            return Optional.of(new Datagram(new InetSocketAddress(ip, port), payload));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always make an address", e);
        }
    }
}
