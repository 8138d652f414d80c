package org.webp2p.sdk.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {
    private static final List<InetAddress> HOST = Stream.of("127.0.0.1", "::1", "192.168.1.20", "fe80::1", "169.254.3.4",
            "10.8.0.5", "2001:db8::20").map(LocalAddressesTest::ip).toList();

    @Test
    void aWildcardSocketOffersEveryInterfaceAddressButLoopbackAndLinkLocal() {
        assertThat(LocalAddresses.of(new InetSocketAddress(ip("0.0.0.0"), 50412), HOST)).extracting(LocalAddresses::text)
                .containsExactly("192.168.1.20:50412", "10.8.0.5:50412");
        assertThat(LocalAddresses.of(new InetSocketAddress(ip("::"), 50412), HOST)).extracting(LocalAddresses::text)
                .as("a dual-stack socket takes IPv6 too, after IPv4")
                .containsExactly("192.168.1.20:50412", "10.8.0.5:50412", "[2001:db8:0:0:0:0:0:20]:50412");
    }

    @Test
    void aSocketBoundToOneAddressOffersThatOneEvenOnLoopback() {
        assertThat(LocalAddresses.of(new InetSocketAddress(ip("127.3.0.9"), 4000), HOST)).extracting(LocalAddresses::text)
                .as("a simulated peer on 127/8 has nothing else").containsExactly("127.3.0.9:4000");
        assertThat(LocalAddresses.of(new InetSocketAddress(ip("0.0.0.0"), 0), HOST)).as("not bound yet").isEmpty();
    }

    @Test
    void announcedAddressesAreReadAsLiteralsOnly() {
        assertThat(LocalAddresses.parse("192.168.1.20:50412")).contains(new InetSocketAddress(ip("192.168.1.20"), 50412));
        assertThat(LocalAddresses.parse("[2001:db8::20]:7")).contains(new InetSocketAddress(ip("2001:db8::20"), 7));
        assertThat(Stream.of("localhost:80", "[abc]:80", "example.com:1", "1.2.3.999:5", "1.2.3.4:0", "1.2.3.4:70000", "1.2.3.4", "")
                .map(LocalAddresses::parse)).allMatch(Optional::isEmpty);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
