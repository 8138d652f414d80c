package org.webp2p.server.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.client.RetransmissionPolicy;
import org.webp2p.nat.client.StunClient;
import org.webp2p.nat.client.StunResponse;
import org.webp2p.nat.stun.ChangeRequest;
import org.webp2p.nat.stun.OtherAddress;
import org.webp2p.nat.stun.ResponseOrigin;
import org.webp2p.nat.stun.StunAttribute;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.TransactionId;
import org.webp2p.nat.stun.XorMappedAddress;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.UdpTransport;

class StunServiceTest {
    private static final RetransmissionPolicy FAST = new RetransmissionPolicy(Duration.ofMillis(50), 3, 2);

    @Test
    void bindsFourSocketsWithResolvedPortsWhenAlternateAddressIsSet() throws Exception {
        try (RunningStunService stun = RunningStunService.fourSockets()) {
            InetSocketAddress primary = stun.bound().get(0);
            InetSocketAddress alternatePort = stun.bound().get(1);

            assertThat(stun.bound()).hasSize(4).allSatisfy(a -> assertThat(a.getPort()).isPositive());
            assertThat(alternatePort.getPort()).isNotEqualTo(primary.getPort());
            assertThat(stun.bound()).containsExactly(primary, alternatePort,
                    new InetSocketAddress("127.0.0.2", primary.getPort()),
                    new InetSocketAddress("127.0.0.2", alternatePort.getPort()));
        }
    }

    @Test
    void answersBindingWithMappedOriginAndOtherAddress() throws Exception {
        try (RunningStunService stun = RunningStunService.fourSockets();
                UdpTransport client = UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            StunResponse response = exchange(client, stun.primary());

            assertThat(response.message().attribute(XorMappedAddress.class))
                    .contains(new XorMappedAddress(client.localAddress()));
            assertThat(response.message().attribute(ResponseOrigin.class))
                    .contains(new ResponseOrigin(stun.primary()));
            assertThat(response.message().attribute(OtherAddress.class))
                    .contains(new OtherAddress(stun.bound().get(3)));
        }
    }

    @Test
    void changeRequestMakesTheResponseComeFromTheAlternatePort() throws Exception {
        try (RunningStunService stun = RunningStunService.portsOnly();
                UdpTransport client = UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            StunResponse response = exchange(client, stun.primary(), new ChangeRequest(false, true));

            assertThat(response.from()).isEqualTo(stun.bound().get(1));
            assertThat(response.message().attribute(ResponseOrigin.class).orElseThrow().address())
                    .isEqualTo(stun.bound().get(1));
            assertThat(stun.metric("responses.binding-success")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void countsGarbageByReasonAndKeepsAnswering() throws Exception {
        try (RunningStunService stun = RunningStunService.portsOnly();
                UdpTransport client = UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.send(new Datagram(stun.primary(), new byte[] {1, 2, 3}));
            client.send(new Datagram(stun.primary(), "GET /index.html HTTP/1.1\r\nHost: stun\r\n\r\n".getBytes()));
            client.send(new Datagram(stun.primary(), new byte[0]));

            StunResponse response = exchange(client, stun.primary());

            assertThat(response.message().type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
            assertThat(stun.metric("drops.truncated")).isEqualTo(2);
            assertThat(stun.metric("drops.not-stun")).isEqualTo(1);
            // A slow machine may make the client retransmit; each copy is a request.
            assertThat(stun.metric("requests")).isGreaterThanOrEqualTo(1);
            assertThat(stun.metric("clients")).isEqualTo(1);
        }
    }

    @Test
    void refusesAnAlternatePortEqualToThePrimaryOne() {
        assertThatThrownBy(() -> new RunningStunService(Map.of("stun.bind", "127.0.0.1", "stun.port", "34780",
                "stun.alt-port", "34780")))
                .hasMessageContaining("stun.alt-port");
    }

    @Test
    void stopFreesEveryPort() throws Exception {
        InetSocketAddress primary;
        try (RunningStunService stun = RunningStunService.fourSockets()) {
            primary = stun.primary();
            stun.service.stop();
            assertThat(stun.bound()).isEmpty();
        }
        try (UdpTransport again = UdpTransport.bind(primary)) {
            assertThat(again.localAddress()).isEqualTo(primary);
        }
    }

    private static StunResponse exchange(UdpTransport client, InetSocketAddress server, StunAttribute... attributes)
            throws Exception {
        StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(), attributes);
        return new StunClient(client, FAST).exchange(server, request).orElseThrow();
    }
}
