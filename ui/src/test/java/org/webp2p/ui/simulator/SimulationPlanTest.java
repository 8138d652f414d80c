package org.webp2p.ui.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;

class SimulationPlanTest {
    private static final String MIX = "open=10,full=20,restricted=20,port=30,symmetric=20";

    @Test
    void readsTheFieldsAsTyped() {
        SimulationPlan p = SimulationPlan.parse(" demo ", " 25 ", "full=1,symmetric=3", "10", "90s");

        assertThat(p.stream()).isEqualTo("demo");
        assertThat(p.peers()).isEqualTo(25);
        assertThat(p.mix().weights()).containsEntry(NatType.FULL_CONE, 1).containsEntry(NatType.SYMMETRIC, 3);
        assertThat(p.churnPerMinute()).isEqualTo(0.1);
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void namesTheFieldAtFault() {
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "ten", MIX, "0", "1m")).hasMessageStartingWith("Peers");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "0", MIX, "0", "1m")).hasMessage("Peers must be 1 to 1000");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "1001", MIX, "0", "1m")).hasMessageStartingWith("Peers");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "3", "cgnat=5", "0", "1m")).hasMessageStartingWith("NAT mix:");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "3", "open=0", "0", "1m")).hasMessageStartingWith("NAT mix:");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "3", MIX, "lots", "1m")).hasMessageStartingWith("Churn");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "3", MIX, "150", "1m")).hasMessageStartingWith("Churn");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "3", MIX, "0", "soon")).hasMessageStartingWith("Duration");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "3", MIX, "0", "0s")).hasMessageStartingWith("Duration");
        assertThatThrownBy(() -> SimulationPlan.parse("demo", "3", MIX, "0", "2h")).hasMessageStartingWith("Duration");
        assertThatThrownBy(() -> SimulationPlan.parse("no/slash", "3", MIX, "0", "1m")).hasMessageStartingWith("Stream");
    }
}
