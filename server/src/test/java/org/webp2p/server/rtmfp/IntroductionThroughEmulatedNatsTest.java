package org.webp2p.server.rtmfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webp2p.nat.NatCompatibility;
import org.webp2p.nat.NatType;
import org.webp2p.nat.emulator.LoopbackLab;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.session.Session;

/**
 * Peers behind emulated NATs meet through the rendezvous, and get a direct session exactly when
 * their pair of NAT types allows hole punching without port prediction.
 */
class IntroductionThroughEmulatedNatsTest {
    private static final RtmfpParams PARAMS = RtmfpParams.defaults().toBuilder().openTimeoutMillis(2_000).build();

    /** Every unordered pair of the five classic behaviours: the matrix the console's NAT page shows. */
    static Stream<Arguments> natPairs() {
        NatType[] types = {NatType.OPEN, NatType.FULL_CONE, NatType.RESTRICTED_CONE, NatType.PORT_RESTRICTED_CONE,
            NatType.SYMMETRIC};
        Stream.Builder<Arguments> pairs = Stream.builder();
        for (int i = 0; i < types.length; i++) {
            for (int j = i; j < types.length; j++) {
                pairs.add(Arguments.of(types[i], types[j]));
            }
        }
        return pairs.build();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("natPairs")
    void peersConnectDirectlyWhenTheirNatTypesAllowIt(NatType initiatorNat, NatType targetNat) throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(Map.of("api.open", "true"));
             LoopbackLab lab = new LoopbackLab(Duration.ofSeconds(30));
             TransportPeer initiator = new TransportPeer(lab.host(initiatorNat), PARAMS);
             TransportPeer target = new TransportPeer(lab.host(targetNat), PARAMS)) {
            initiator.connect(rendezvous.address(), initiatorNat).get(5, TimeUnit.SECONDS);
            target.connect(rendezvous.address(), targetNat).get(5, TimeUnit.SECONDS);

            CompletableFuture<Session> direct = initiator.openTo(target.peerId(), rendezvous.address());
            boolean connected = direct.handle((s, e) -> e == null).get(5, TimeUnit.SECONDS);

            assertThat(connected).isEqualTo(NatCompatibility.canConnect(initiatorNat, targetNat));
            assertThat(rendezvous.metric("introductions." + pair(initiatorNat, targetNat))).isPositive();
        }
    }

    private static String pair(NatType a, NatType b) {
        return (a.name() + "." + b.name()).toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
