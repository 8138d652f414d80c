package org.webp2p.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.server.TestNode;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.rtmp.wire.ControlCodec;
import org.webp2p.server.rtmp.wire.ControlMessage;
import org.webp2p.server.rtmp.wire.RtmpMessage;

/** The service on a real loopback port, under the node's lifecycle, with well-behaved and hostile clients. */
class RtmpServiceTest {
    private static final String KEY = "rtmp-service-test-key";

    private TestNode node;

    private RtmpService start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("origin.publish-key", KEY,
                "api.enabled", "false", "tracker.enabled", "false", "pingback.enabled", "false", "admin.enabled", "false",
                "rendezvous.enabled", "false", "stun.enabled", "false"));
        all.putAll(settings);
        node = TestNode.open(all);
        node.runtime().services().startAll();
        assertThat(node.runtime().services().status(RtmpService.NAME).state()).isEqualTo(ServiceState.RUNNING);
        return node.runtime().services().service(RtmpService.NAME, RtmpService.class);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private InetSocketAddress address() {
        return node.address(RtmpService.NAME);
    }

    private static long metric(RtmpService rtmp, String name) {
        return rtmp.metrics().get(name).longValue();
    }

    @Test
    void aDigestClientFinishesTheHandshakeAndConnectsToTheLiveApplication() throws Exception {
        RtmpService rtmp = start(Map.of());
        try (RtmpTestClient client = new RtmpTestClient(address()).handshake()) {
            client.connect();

            NetConnectionCommand result = client.nextCommand();
            assertThat(result.name()).isEqualTo("_result");
            assertThat(result.statusCode()).contains("NetConnection.Connect.Success");
        }
        assertThat(metric(rtmp, "handshakes.digest")).isEqualTo(1);
    }

    @Test
    void theServiceRunsAfterTheOriginItFeedsAndStopsBeforeIt() throws Exception {
        start(Map.of());

        List<String> order = node.runtime().services().names();
        assertThat(order.indexOf(RtmpService.NAME)).isGreaterThan(order.indexOf(OriginService.NAME));
        node.runtime().services().stop(OriginService.NAME);
        assertThat(node.runtime().services().status(RtmpService.NAME).state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void garbageAndHttpAreClosedAtTheFirstByteCountedAndOtherClientsAreUnaffected() throws Exception {
        RtmpService rtmp = start(Map.of());
        try (RtmpTestClient good = new RtmpTestClient(address()).handshake();
             RtmpTestClient noise = new RtmpTestClient(address());
             RtmpTestClient http = new RtmpTestClient(address())) {
            noise.raw(new byte[] {(byte) 0xff, 1, 2, 3});
            http.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(noise.closedByServer()).isTrue();
            assertThat(http.closedByServer()).isTrue();
            good.connect();
            assertThat(good.nextCommand().statusCode()).contains("NetConnection.Connect.Success");
        }
        await().untilAsserted(() -> assertThat(metric(rtmp, "violations.bad-handshake")).isEqualTo(2));
        assertThat(metric(rtmp, "closed.protocol-violation")).isEqualTo(2);
    }

    @Test
    void aClientThatStopsMidHandshakeIsClosedAtTheHandshakeTimeout() throws Exception {
        RtmpService rtmp = start(Map.of("rtmp.handshake-timeout", "300ms"));
        try (RtmpTestClient stalled = new RtmpTestClient(address())) {
            stalled.raw(new byte[] {3, 0, 0, 0, 0});

            assertThat(stalled.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(metric(rtmp, "closed.handshake-timeout")).isEqualTo(1));
    }

    @Test
    void aConnectionThatGoesSilentIsClosedAtTheIdleTimeout() throws Exception {
        RtmpService rtmp = start(Map.of("rtmp.idle-timeout", "500ms"));
        try (RtmpTestClient silent = new RtmpTestClient(address()).handshake()) {
            silent.connect();

            assertThat(silent.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(metric(rtmp, "closed.idle-timeout")).isEqualTo(1));
    }

    @Test
    void chunkSizesOfZeroAndAbove16MiBCloseTheConnection() throws Exception {
        RtmpService rtmp = start(Map.of());
        for (long size : new long[] {0, (1 << 24) + 1}) {
            try (RtmpTestClient client = new RtmpTestClient(address()).handshake()) {
                // Written by hand: our encoder will not write a chunk size it could not use.
                client.raw(new byte[] {2, 0, 0, 0, 0, 0, 4, RtmpMessage.SET_CHUNK_SIZE, 0, 0, 0, 0,
                    (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});

                assertThat(client.closedByServer()).as("chunk size %d", size).isTrue();
            }
        }
        await().untilAsserted(() -> assertThat(metric(rtmp, "violations.bad-chunk-size")).isEqualTo(2));
    }

    @Test
    void aMessageOverTheLimitClosesTheConnectionAtItsHeader() throws Exception {
        RtmpService rtmp = start(Map.of("rtmp.max-message-length", "64KB"));
        try (RtmpTestClient client = new RtmpTestClient(address()).handshake()) {
            // A type-0 header announcing 100000 bytes of video, none of them sent.
            client.raw(new byte[] {4, 0, 0, 0, 0x01, (byte) 0x86, (byte) 0xa0, 9, 1, 0, 0, 0});

            assertThat(client.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(metric(rtmp, "violations.message-too-long")).isEqualTo(1));
    }

    @Test
    void aChunkOnAnUnknownChunkStreamClosesTheConnection() throws Exception {
        RtmpService rtmp = start(Map.of());
        try (RtmpTestClient client = new RtmpTestClient(address()).handshake()) {
            client.raw(new byte[] {(byte) 0xc9, 1, 2, 3});

            assertThat(client.closedByServer()).isTrue();
        }
        await().untilAsserted(() -> assertThat(metric(rtmp, "violations.unknown-chunk-stream")).isEqualTo(1));
    }

    @Test
    void connectionsPastTheLimitAreClosedAsTheyArriveAndCounted() throws Exception {
        RtmpService rtmp = start(Map.of("rtmp.max-connections", "2"));
        try (RtmpTestClient first = new RtmpTestClient(address()).handshake();
             RtmpTestClient second = new RtmpTestClient(address()).handshake();
             RtmpTestClient third = new RtmpTestClient(address())) {
            assertThat(third.closedByServer()).isTrue();
            assertThat(metric(rtmp, "closed.too-many-connections")).isEqualTo(1);
            first.connect();
            assertThat(first.nextCommand().statusCode()).contains("NetConnection.Connect.Success");
        }
    }

    @Test
    void aWrongKeyIsRefusedWithBadNameAndTheRefusalReachesTheEventLog() throws Exception {
        RtmpService rtmp = start(Map.of());
        try (RtmpTestClient client = new RtmpTestClient(address()).handshake()) {
            client.publish("cam?key=wrong");

            assertThat(client.nextStatus()).isEqualTo("NetStream.Publish.BadName");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(metric(rtmp, "closed.bad-key")).isEqualTo(1);
        await().untilAsserted(() -> assertThat(node.runtime().events().recent(10)).anySatisfy((ServiceEvent e) -> {
            assertThat(e.service()).isEqualTo(RtmpService.NAME);
            assertThat(e.from()).isEqualTo(ServiceState.RUNNING);
            assertThat(e.to()).isEqualTo(ServiceState.RUNNING);
            assertThat(e.detail()).isEqualTo("publish from 127.0.0.1 refused: wrong key for stream 'cam'");
        }));
    }

    @Test
    void stoppingTheServiceEndsTheStreamBeingPublishedBeforeTheOriginStops() throws Exception {
        RtmpService rtmp = start(Map.of());
        try (RtmpTestClient client = new RtmpTestClient(address()).handshake()) {
            client.publish("cam?key=" + KEY);
            assertThat(client.nextStatus()).isEqualTo("NetStream.Publish.Start");
            assertThat(metric(rtmp, "publishing")).isEqualTo(1);

            node.runtime().services().stop(RtmpService.NAME);

            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(metric(rtmp, "closed.service-stopping")).isEqualTo(1);
        assertThat(metric(rtmp, "publishing")).isZero();
        assertThat(node.runtime().events().recent(10)).extracting(ServiceEvent::detail)
                .anyMatch(d -> d.startsWith("cam: publish from 127.0.0.1 ended after ") && d.endsWith("(service stopping)"));
    }

    @Test
    void pingRequestsFromTheClientAreAnswered() throws Exception {
        start(Map.of());
        try (RtmpTestClient client = new RtmpTestClient(address()).handshake()) {
            client.send(2, ControlCodec.encode(new ControlMessage.UserControl(ControlMessage.UserControl.PING_REQUEST, 5)));

            assertThat(ControlCodec.decode(client.next()))
                    .isEqualTo(new ControlMessage.UserControl(ControlMessage.UserControl.PING_RESPONSE, 5));
        }
    }
}
