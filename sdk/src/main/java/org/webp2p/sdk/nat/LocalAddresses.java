package org.webp2p.sdk.nat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local candidate addresses of this client's peer socket: where a peer on the same network can
 * reach it directly, since two hosts behind one NAT cannot meet on its public address (home routers
 * and Linux masquerade do not hairpin). Loopback and link-local addresses are left out, unless the
 * socket is bound to one itself: then it is all the peer has (a simulation on 127/8).
 */
public final class LocalAddresses {
    /** As many as an announce and a {@code setPeerInfo} carry. */
    public static final int MAX = 8;
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern FORM = Pattern.compile(
            "(" + OCTET + "(?:\\." + OCTET + "){3}|\\[[0-9a-fA-F.]*:[0-9a-fA-F:.]*]):(\\d{1,5})");

    private LocalAddresses() {
    }

    /** The candidates of a socket bound to {@code bound}, read from this host's interfaces. */
    public static List<InetSocketAddress> of(InetSocketAddress bound) {
        return of(bound, interfaceAddresses());
    }

    /**
     * The candidates of a socket bound to {@code bound} on a host with {@code interfaceAddresses}:
     * the bound address alone when it is a specific one, else every usable interface address, IPv4
     * first, each with the socket's port.
     */
    public static List<InetSocketAddress> of(InetSocketAddress bound, List<InetAddress> interfaceAddresses) {
        InetAddress address = bound.getAddress();
        if (bound.getPort() == 0) {
            return List.of();
        }
        if (address != null && !address.isAnyLocalAddress()) {
            return List.of(bound);
        }
        List<InetSocketAddress> out = new ArrayList<>();
        interfaceAddresses.stream()
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()
                        && !a.isMulticastAddress())
                .filter(a -> address == null || address instanceof Inet6Address || !(a instanceof Inet6Address))
                .sorted((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address))
                .map(a -> new InetSocketAddress(a, bound.getPort()))
                .distinct().limit(MAX).forEach(out::add);
        return List.copyOf(out);
    }

    /** {@code ip:port}, IPv6 in brackets, as announces and {@code setPeerInfo} carry it. */
    public static String text(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * An address from an announce, {@code ip:port} with IPv6 in brackets; empty for anything else, and
     * never a name lookup.
     */
    public static Optional<InetSocketAddress> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 0xffff) {
            return Optional.empty();
        }
        try {
            // Only literals match: dotted digits, or a colon in brackets, which Java reads as IPv6 without a lookup.
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    out.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // No interface list (a locked-down sandbox): the peer is reachable on its public address only.
            return List.of();
        }
        return out;
    }
}
