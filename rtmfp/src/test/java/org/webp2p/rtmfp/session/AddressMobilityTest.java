package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.wire.Bytes;

class AddressMobilityTest {
    private static final InetSocketAddress NEW_ADDRESS = new InetSocketAddress("10.0.0.2", 6000);
    private final AddressMobility mobility = new AddressMobility(1000);

    @Test
    void probeCarriesMarkAndNonceAndOnlyItsEchoConfirms() {
        Bytes probe = mobility.probe(NEW_ADDRESS, 0, n -> new byte[n]);
        assertThat(probe.get(0)).isEqualTo((byte) 'M');
        assertThat(mobility.confirms(Bytes.fromHex("4d00"), NEW_ADDRESS)).isFalse();
        assertThat(mobility.confirms(probe, new InetSocketAddress("10.0.0.3", 6000))).isFalse();
        assertThat(mobility.confirms(probe, NEW_ADDRESS)).isTrue();
        assertThat(mobility.confirms(probe, NEW_ADDRESS)).as("a probe is spent once confirmed").isFalse();
    }

    @Test
    void doesNotProbeTheSameAddressMoreThanOncePerInterval() {
        assertThat(mobility.probe(NEW_ADDRESS, 0, n -> new byte[n])).isNotNull();
        assertThat(mobility.probe(NEW_ADDRESS, 500, n -> new byte[n])).isNull();
        assertThat(mobility.probe(NEW_ADDRESS, 1000, n -> new byte[n])).isNotNull();
    }
}
