package org.webp2p.sdk.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;

class ConnectivityReportTest {
    @Test
    void aPortRestrictedConeReachingTheRendezvousCanMeetAllButSymmetricPeers() {
        ConnectivityReport r = new ConnectivityReport(NatType.PORT_RESTRICTED_CONE, "198.51.100.1:1935", true, null);

        assertThat(r.reachable()).containsExactly(NatType.OPEN, NatType.FULL_CONE, NatType.RESTRICTED_CONE,
                NatType.PORT_RESTRICTED_CONE);
        assertThat(r.summary()).isEqualTo("This device is behind a port-restricted-cone NAT."
                + " UDP reaches the rendezvous at 198.51.100.1:1935."
                + " It can exchange segments with peers on open networks, behind full-cone NATs, behind restricted-cone"
                + " NATs and behind port-restricted-cone NATs, and with peers behind its own NAT on the local network,"
                + " but not with peers behind symmetric NATs."
                + " Playback never waits for peers: whatever they cannot give comes over HTTP.");
    }

    @Test
    void withoutUdpToTheRendezvousNoPeerCanBeReachedAndTheReportSaysWhy() {
        ConnectivityReport r = new ConnectivityReport(NatType.SYMMETRIC, "198.51.100.1:1935", false,
                "no answer: timed out");

        assertThat(r.reachable()).isEmpty();
        assertThat(r.summary()).startsWith("This device is behind a symmetric NAT.")
                .contains("UDP does not reach the rendezvous at 198.51.100.1:1935 (no answer: timed out)")
                .contains("everything plays over HTTP");
    }
}
