package org.webp2p.rtmfp.chunk;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * An address as carried in Redirect and Forwarded IHello chunks (RFC 7016 §2.1.5):
 * a flags byte (0x80 = IPv6, low two bits = origin), the IP address, a 16-bit port.
 */
public record PeerAddress(InetSocketAddress socketAddress, AddressOrigin origin) {
    private static final int FLAG_IPV6 = 0x80;

    public PeerAddress {
        Objects.requireNonNull(socketAddress);
        Objects.requireNonNull(origin);
        if (socketAddress.isUnresolved()) {
            throw new IllegalArgumentException("address must be resolved: " + socketAddress);
        }
    }

    public void writeTo(WireWriter out) {
        InetAddress ip = socketAddress.getAddress();
        out.writeU8((ip instanceof Inet6Address ? FLAG_IPV6 : 0) | origin.ordinal());
        out.writeBytes(ip.getAddress());
        out.writeU16(socketAddress.getPort());
    }

    public static PeerAddress readFrom(WireReader in) {
        int flags = in.readU8();
        byte[] ip = in.readBytes((flags & FLAG_IPV6) != 0 ? 16 : 4);
        int port = in.readU16();
        try {
            // A v4-mapped v6 address becomes an Inet4Address in Java; the meaning is the same.
            InetAddress address = InetAddress.getByAddress(ip);
            return new PeerAddress(new InetSocketAddress(address, port), AddressOrigin.fromBits(flags));
        } catch (UnknownHostException e) {
            throw new MalformedInputException("bad IP address length");
        }
    }
}
