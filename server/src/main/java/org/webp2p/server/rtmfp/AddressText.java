package org.webp2p.server.rtmfp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address strings Flash peers report with {@code setPeerInfo}: {@code 192.168.1.5:1935} or
 * {@code [fe80::1]:1935}. Only literal addresses are taken, so reading one never costs a DNS lookup.
 */
final class AddressText {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)]:(\\d{1,5})");

    private AddressText() {
    }

    static Optional<InetSocketAddress> parse(String text) {
        Matcher m = IPV4.matcher(text.trim());
        if (!m.matches()) {
            m = IPV6.matcher(text.trim());
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        int port = Integer.parseInt(m.group(2));
        if (port == 0 || port > 0xffff) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(m.group(1)), port));
        } catch (UnknownHostException e) {
            // A malformed literal (e.g. an octet over 255): not an address.
            return Optional.empty();
        }
    }
}
