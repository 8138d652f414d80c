package org.webp2p.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionOwnerTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void tokensNamingOneSubjectShareItsQuota() {
        AccessToken grant = new AccessToken("demo", "alice", T, T.plusSeconds(60));
        assertThat(SessionOwner.of(grant, "aaa.sig1")).isEqualTo(SessionOwner.of(grant, "bbb.sig2"));
    }

    @Test
    void aTokenWithoutASubjectIsItsOwnQuota() {
        AccessToken grant = new AccessToken("demo", "", T, T.plusSeconds(60));
        assertThat(SessionOwner.of(grant, "aaa.sig1")).isNotEqualTo(SessionOwner.of(grant, "aaa.sig2"));
        assertThat(SessionOwner.of(grant, "aaa.sig1")).isEqualTo(SessionOwner.of(grant, "aaa.sig1"));
    }

    @Test
    void anonymousClientsCountByAddressAndIpv6HostsByTheirSlash64() throws Exception {
        assertThat(SessionOwner.anonymous(InetAddress.getByName("192.0.2.1")))
                .isNotEqualTo(SessionOwner.anonymous(InetAddress.getByName("192.0.2.2")));
        SessionOwner host = SessionOwner.anonymous(InetAddress.getByName("2001:db8:1:2::1"));
        assertThat(SessionOwner.anonymous(InetAddress.getByName("2001:db8:1:2:ffff::9"))).isEqualTo(host);
        assertThat(SessionOwner.anonymous(InetAddress.getByName("2001:db8:1:3::1"))).isNotEqualTo(host);
        assertThat(host.key()).isEqualTo("address 2001:db8:1:2::/64");
    }

    @Test
    void aSubjectCannotPassForAnAddressOrATokenWithoutOne() throws Exception {
        SessionOwner address = SessionOwner.anonymous(InetAddress.getByName("192.0.2.1"));
        assertThat(SessionOwner.of(new AccessToken("demo", "192.0.2.1", T, T.plusSeconds(60)), "a.b"))
                .isNotEqualTo(address);
    }
}
