package org.webp2p.sdk.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;

class StartupNatProbeTest {

    @Test
    void silenceFromEveryServerIsUdpBlockedWithinAFewSeconds() throws Exception {
        // A bound socket that never answers stands in for a STUN server behind a firewall.
        try (DatagramSocket mute = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String server = "127.0.0.1:" + mute.getLocalPort();
            long started = System.nanoTime();

            NatType type = StartupNatProbe.quick().classify(List.of(server), null).get();

            assertThat(type).isEqualTo(NatType.UDP_BLOCKED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void readsHostAndPortIncludingBracketedIpv6() {
        assertThat(StartupNatProbe.hostPort("127.0.0.1:3478")).isEqualTo(new InetSocketAddress("127.0.0.1", 3478));
        assertThat(StartupNatProbe.hostPort("[::1]:3478").getPort()).isEqualTo(3478);
        assertThatThrownBy(() -> StartupNatProbe.hostPort("no-port")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedServerAddressFailsTheProbeInsteadOfHangingIt() {
        assertThat(StartupNatProbe.quick().classify(List.of("not a server"), null))
                .failsWithin(Duration.ofSeconds(2));
    }
}
