package org.webp2p.nat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class NatCompatibilityTest {

    @ParameterizedTest
    @CsvSource({
        "OPEN, SYMMETRIC, true",
        "FULL_CONE, SYMMETRIC, true",
        "RESTRICTED_CONE, SYMMETRIC, true",
        "PORT_RESTRICTED_CONE, SYMMETRIC, false",
        "SYMMETRIC, SYMMETRIC, false",
        "PORT_RESTRICTED_CONE, PORT_RESTRICTED_CONE, true",
        "RESTRICTED_CONE, PORT_RESTRICTED_CONE, true",
        "UNKNOWN, SYMMETRIC, true",
        "UDP_BLOCKED, OPEN, false",
    })
    void pairsTraverseAsClassicHolePunchingPredicts(NatType a, NatType b, boolean expected) {
        assertThat(NatCompatibility.canConnect(a, b)).isEqualTo(expected);
        assertThat(NatCompatibility.canConnect(b, a)).as("symmetric relation").isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = NatType.class, names = {"UDP_BLOCKED"}, mode = EnumSource.Mode.EXCLUDE)
    void anOpenPeerReachesEveryoneWhoCanSendUdp(NatType other) {
        assertThat(NatCompatibility.canConnect(NatType.OPEN, other)).isTrue();
    }
}
