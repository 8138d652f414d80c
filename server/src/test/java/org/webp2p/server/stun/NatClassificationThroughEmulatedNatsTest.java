package org.webp2p.server.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.webp2p.nat.NatClassifier;
import org.webp2p.nat.NatReport;
import org.webp2p.nat.NatType;
import org.webp2p.nat.client.RetransmissionPolicy;
import org.webp2p.nat.client.StunClient;
import org.webp2p.nat.emulator.LoopbackLab;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.TransactionId;
import org.webp2p.nat.transport.DatagramTransport;

/**
 * The proof that the pieces fit: the real STUN service on loopback, a host behind each emulated NAT,
 * and the classifier naming the NAT it is behind.
 */
class NatClassificationThroughEmulatedNatsTest {
    /**
     * Loopback answers in microseconds, but a busy build machine can stall a thread for a while, and
     * a late answer would read as a filtering NAT: three sends over 0.7 s is the compromise.
     */
    private static final RetransmissionPolicy LOOPBACK = new RetransmissionPolicy(Duration.ofMillis(100), 3, 4);

    private static RunningStunService stun;

    @BeforeAll
    static void startServer() throws Exception {
        stun = RunningStunService.fourSockets();
        // The first request loads and compiles the whole path; keep that out of the measured tests.
        try (LoopbackLab lab = new LoopbackLab(Duration.ofSeconds(30))) {
            DatagramTransport host = lab.host(NatType.OPEN);
            new StunClient(host, RetransmissionPolicy.RFC_8489).exchange(stun.primary(),
                    StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random())).orElseThrow();
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        stun.close();
    }

    @ParameterizedTest
    @EnumSource(value = NatType.class, names = {"OPEN", "FULL_CONE", "RESTRICTED_CONE", "PORT_RESTRICTED_CONE",
            "SYMMETRIC"})
    void classifierNamesTheEmulatedNat(NatType type) throws Exception {
        try (LoopbackLab lab = new LoopbackLab(Duration.ofSeconds(30))) {
            DatagramTransport host = lab.host(type);

            NatReport report = classify(host, stun.primary());

            assertThat(report.type()).isEqualTo(type);
            if (type != NatType.OPEN) {
                assertThat(report.mappedAddress().getAddress().getHostAddress()).startsWith("127.2.");
            }
        }
    }

    @Test
    void portOnlyServerStillTellsSymmetricFromPortRestricted() throws Exception {
        try (RunningStunService portsOnly = RunningStunService.portsOnly();
                LoopbackLab lab = new LoopbackLab(Duration.ofSeconds(30))) {
            assertThat(classify(lab.host(NatType.SYMMETRIC), portsOnly.primary()).type()).isEqualTo(NatType.SYMMETRIC);
            assertThat(classify(lab.host(NatType.PORT_RESTRICTED_CONE), portsOnly.primary()).type())
                    .isEqualTo(NatType.PORT_RESTRICTED_CONE);
        }
    }

    private static NatReport classify(DatagramTransport host, InetSocketAddress server) throws Exception {
        return NatClassifier.over(host, LOOPBACK).classify(server);
    }
}
