package org.webp2p.server.rtmfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.crypto.PeerId;

class ConnectedPeerTest {
    private static final InetSocketAddress PUBLIC = new InetSocketAddress("203.0.113.7", 40001);
    private static final InetSocketAddress LAN = new InetSocketAddress("192.168.1.20", 50412);
    private final ConnectedPeer peer = new ConnectedPeer(PeerId.fromHex("ab".repeat(32)), "demo",
            NatType.PORT_RESTRICTED_CONE, PUBLIC, List.of(LAN), Instant.EPOCH);

    @Test
    void aPeerFromElsewhereIsSentToThePublicAddressFirst() {
        assertThat(peer.addressesFor(new InetSocketAddress("198.51.100.9", 1234))).containsExactly(PUBLIC, LAN);
    }

    @Test
    void aPeerBehindTheSameNatIsSentToTheLocalAddressesFirstSinceTheNatWillNotHairpin() {
        assertThat(peer.addressesFor(new InetSocketAddress("203.0.113.7", 40999))).containsExactly(LAN, PUBLIC);
    }
}
