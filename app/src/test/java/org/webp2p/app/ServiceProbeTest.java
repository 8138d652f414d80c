package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webp2p.server.TestNode;

/** The probes against real services and against sockets that do not answer as they should. */
class ServiceProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.open(Map.of());
        node.runtime().services().startAll();
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    @Test
    void httpProbeAcceptsTheHealthAnswer() throws Exception {
        assertThat(new HttpGetProbe("/health", "\"ok\"", TIMEOUT).probe(node.address("tracker")))
                .matches("GET /health 200 in \\d+ ms");
    }

    @Test
    void httpProbeFailsOnAnAnswerOtherThan200() {
        assertThatThrownBy(() -> new HttpGetProbe("/no-such-route", "\"ok\"", TIMEOUT).probe(node.address("tracker")))
                .isInstanceOf(ServiceProbe.ProbeFailure.class).hasMessage("GET /no-such-route answered 404");
    }

    @Test
    void httpProbeFailsWhenTheBodyLacksTheMarker() {
        assertThatThrownBy(() -> new HttpGetProbe("/health", "#EXTM3U", TIMEOUT).probe(node.address("pingback")))
                .isInstanceOf(ServiceProbe.ProbeFailure.class).hasMessage("GET /health answered 200 without #EXTM3U");
    }

    @Test
    void httpProbeFailsWhenNothingListens() {
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), TestNode.freePort());
        assertThatThrownBy(() -> new HttpGetProbe("/health", "\"ok\"", TIMEOUT).probe(nobody))
                .isInstanceOf(ServiceProbe.ProbeFailure.class).hasMessageContaining("Connection refused");
    }

    @Test
    void rtmpProbeHandshakesCheckingTheDigestsAndConnects() throws Exception {
        assertThat(new RtmpConnectProbe(TIMEOUT).probe(node.address("rtmp"))).matches("handshake and connect in \\d+ ms");
    }

    @Test
    void rtmpProbeFailsAgainstAServerThatDoesNotSpeakRtmp() {
        assertThatThrownBy(() -> new RtmpConnectProbe(TIMEOUT).probe(node.address("tracker")))
                .isInstanceOf(ServiceProbe.ProbeFailure.class).hasMessageContaining("during the handshake");
    }

    @Test
    void stunProbeSeesItsOwnAddressMapped() throws Exception {
        assertThat(new StunBindingProbe(Duration.ofMillis(200)).probe(node.address("stun")))
                .matches("Binding mapped 127\\.0\\.0\\.1:\\d+ in \\d+ ms");
    }

    @Test
    void stunProbeFailsWhenNoAnswerComes() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = (InetSocketAddress) silent.getLocalSocketAddress();
            assertThatThrownBy(() -> new StunBindingProbe(Duration.ofMillis(20)).probe(address))
                    .isInstanceOf(ServiceProbe.ProbeFailure.class).hasMessage("no Binding response within 300 ms");
        }
    }
}
