package org.webp2p.protocol.tracker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The {@code ip:port} form of a peer's address in an announce: an IPv4 literal ({@code 203.0.113.7:50412})
 * or an IPv6 one in brackets ({@code [2001:db8::7]:50412}), and a port from 1 to 65535. Never a host
 * name: other peers would have to resolve it, and whoever owns the name could point them anywhere.
 * Nothing here looks anything up.
 */
final class IpPort {
    private static final Pattern FORM = Pattern.compile("(\\[[0-9a-fA-F:.]{2,45}]|[0-9.]{7,15}):\\d{1,5}");
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");

    private IpPort() {
    }

    static boolean valid(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            return false;
        }
        int colon = text.lastIndexOf(':');
        int port = Integer.parseInt(text.substring(colon + 1));
        String host = text.substring(0, colon);
        return port >= 1 && port <= 65535 && (host.startsWith("[") ? ipv6(text) : IPV4.matcher(host).matches());
    }

    /** The URI parser checks an IPv6 reference's syntax (RFC 2732) and, for a literal, never resolves. */
    private static boolean ipv6(String bracketedHostPort) {
        try {
            URI u = new URI("peer://" + bracketedHostPort).parseServerAuthority();
            return u.getHost() != null && u.getHost().startsWith("[");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
