package org.webp2p.nat.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;

class NatTableTest {
    private static final InetSocketAddress HOST = endpoint("10.0.0.2", 5000);
    private static final InetSocketAddress SERVER = endpoint("192.0.2.1", 3478);
    private static final InetSocketAddress SERVER_OTHER_PORT = endpoint("192.0.2.1", 3479);
    private static final InetSocketAddress OTHER_SERVER = endpoint("192.0.2.2", 3478);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void coneReusesOneMappingForEveryDestination() {
        NatTable table = new NatTable(NatProfile.of(NatType.PORT_RESTRICTED_CONE), TIMEOUT);

        NatMapping first = table.outbound(HOST, SERVER, 0);
        NatMapping second = table.outbound(HOST, OTHER_SERVER, 1);

        assertThat(second).isSameAs(first);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void symmetricMapsEachDestinationEndpointSeparately() {
        NatTable table = new NatTable(NatProfile.of(NatType.SYMMETRIC), TIMEOUT);

        NatMapping a = table.outbound(HOST, SERVER, 0);
        NatMapping b = table.outbound(HOST, SERVER_OTHER_PORT, 0);

        assertThat(a).isNotSameAs(b);
        assertThat(table.outbound(HOST, SERVER, 1)).isSameAs(a);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void filtersInboundPacketsByProfile() {
        NatTable full = new NatTable(NatProfile.of(NatType.FULL_CONE), TIMEOUT);
        NatTable restricted = new NatTable(NatProfile.of(NatType.RESTRICTED_CONE), TIMEOUT);
        NatTable portRestricted = new NatTable(NatProfile.of(NatType.PORT_RESTRICTED_CONE), TIMEOUT);
        NatMapping f = full.outbound(HOST, SERVER, 0);
        NatMapping r = restricted.outbound(HOST, SERVER, 0);
        NatMapping p = portRestricted.outbound(HOST, SERVER, 0);

        assertThat(full.inbound(f, OTHER_SERVER, 1)).contains(HOST);
        assertThat(restricted.inbound(r, SERVER_OTHER_PORT, 1)).contains(HOST);
        assertThat(restricted.inbound(r, OTHER_SERVER, 1)).isEmpty();
        assertThat(portRestricted.inbound(p, SERVER, 1)).contains(HOST);
        assertThat(portRestricted.inbound(p, SERVER_OTHER_PORT, 1)).isEmpty();
    }

    @Test
    void idleMappingExpiresAndStopsPassingPacketsWhileOutboundTrafficKeepsItAlive() {
        NatTable table = new NatTable(NatProfile.of(NatType.FULL_CONE), TIMEOUT);
        NatMapping kept = table.outbound(HOST, SERVER, 0);
        NatMapping idle = table.outbound(endpoint("10.0.0.3", 5000), SERVER, 0);

        table.outbound(HOST, SERVER, 20_000);

        assertThat(table.expire(29_999)).isEmpty();
        assertThat(table.expire(30_000)).containsExactly(idle);
        assertThat(table.inbound(idle, SERVER, 30_000)).isEmpty();
        assertThat(table.inbound(kept, SERVER, 30_000)).contains(HOST);
        assertThat(table.outbound(endpoint("10.0.0.3", 5000), SERVER, 30_001)).isNotSameAs(idle);
    }

    private static InetSocketAddress endpoint(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
