package org.webp2p.server.rtmfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    @Test
    void readsIpv4AndBracketedIpv6Literals() {
        assertThat(AddressText.parse("192.168.1.5:1935")).contains(new InetSocketAddress("192.168.1.5", 1935));
        assertThat(AddressText.parse(" [fe80::1]:40000 ")).contains(new InetSocketAddress("fe80::1", 40000));
    }

    @Test
    void refusesHostNamesBadPortsAndBadOctets() {
        assertThat(AddressText.parse("example.org:1935")).isEmpty();
        assertThat(AddressText.parse("10.0.0.1")).isEmpty();
        assertThat(AddressText.parse("10.0.0.1:0")).isEmpty();
        assertThat(AddressText.parse("10.0.0.1:70000")).isEmpty();
        assertThat(AddressText.parse("300.0.0.1:1935")).isEmpty();
        assertThat(AddressText.parse("fe80::1:1935")).isEmpty();
    }
}
