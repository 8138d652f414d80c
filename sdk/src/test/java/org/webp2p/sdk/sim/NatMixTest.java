package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;

class NatMixTest {

    @Test
    void assignsTypesInProportionAndInterleaved() {
        List<NatType> types = NatMix.parse("open=10,full=20,restricted=20,port=30,symmetric=20").assign(50);
        assertThat(types).hasSize(50);
        assertThat(types.stream().filter(t -> t == NatType.PORT_RESTRICTED_CONE).count()).isEqualTo(15);
        assertThat(types.stream().filter(t -> t == NatType.OPEN).count()).isEqualTo(5);
        assertThat(types.subList(0, 5)).as("the first few peers already mix types").doesNotHaveDuplicates();
    }

    @Test
    void refusesUnknownTypesAndBadWeights() {
        assertThatThrownBy(() -> NatMix.parse("cgnat=5")).hasMessageContaining("cgnat=5");
        assertThatThrownBy(() -> NatMix.parse("open=-1")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> NatMix.parse("open=0")).hasMessageContaining("positive weight");
    }
}
