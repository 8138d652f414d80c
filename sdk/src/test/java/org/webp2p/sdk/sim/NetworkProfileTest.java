package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.emulator.LinkConditions;

class NetworkProfileTest {

    @Test
    void lanShapesNothing() {
        NetworkProfile lan = NetworkProfile.parse("lan");

        assertThat(lan.shapes()).isFalse();
        assertThat(lan.draw(new Random(1)).isNone()).isTrue();
    }

    @Test
    void broadbandDrawsEachPeerWithinItsDocumentedRanges() {
        NetworkProfile broadband = NetworkProfile.parse("broadband");
        Random random = new Random(1);

        for (int i = 0; i < 1_000; i++) {
            LinkConditions link = broadband.draw(random);
            assertThat(link.delay()).isBetween(Duration.ofMillis(10), Duration.ofMillis(40));
            assertThat(link.jitter()).isEqualTo(Duration.ofMillis(2));
            assertThat(link.loss()).isEqualTo(0.001);
            assertThat(link.upBitsPerSecond()).isBetween(5_000_000L, 20_000_000L);
            assertThat(link.downBitsPerSecond()).isBetween(20_000_000L, 100_000_000L);
            assertThat(link.queue()).isEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void mixedIsSixtyPercentBroadbandAndFortyMobile() {
        NetworkProfile mixed = NetworkProfile.parse("mixed");
        Random random = new Random(1);
        int mobile = 0;
        for (int i = 0; i < 10_000; i++) {
            if (mixed.draw(random).loss() == 0.01) {
                mobile++;
            }
        }

        assertThat(mobile).isBetween(3_800, 4_200);
    }

    @Test
    void theClassPickedIsTheOneTheLinkIsDrawnFrom() {
        NetworkProfile mixed = NetworkProfile.parse("mixed");
        Random picking = new Random(7);
        Random drawing = new Random(7);
        for (int i = 0; i < 100; i++) {
            NetworkProfile.LinkClass c = mixed.pick(picking);
            LinkConditions link = c.draw(picking);

            assertThat(link).isEqualTo(mixed.draw(drawing));
            assertThat(c.name()).isEqualTo(link.loss() == 0.01 ? "mobile" : "broadband");
        }
    }

    @Test
    void sameSeedDrawsTheSameLinks() {
        NetworkProfile mixed = NetworkProfile.parse("mixed");

        assertThat(draws(mixed, 7)).isEqualTo(draws(mixed, 7)).isNotEqualTo(draws(mixed, 8));
    }

    @Test
    void settingsAfterTheNameOverrideEveryClass() {
        NetworkProfile custom = NetworkProfile.parse("mixed, rtt=100, jitter=5ms, loss=2.5%, up=0.5, down=2-4, queue=50");
        Random random = new Random(1);

        for (int i = 0; i < 100; i++) {
            LinkConditions link = custom.draw(random);
            assertThat(link.delay()).isEqualTo(Duration.ofMillis(50));
            assertThat(link.jitter()).isEqualTo(Duration.ofMillis(5));
            assertThat(link.loss()).isEqualTo(0.025);
            assertThat(link.upBitsPerSecond()).isEqualTo(500_000);
            assertThat(link.downBitsPerSecond()).isBetween(2_000_000L, 4_000_000L);
            assertThat(link.queue()).isEqualTo(Duration.ofMillis(50));
        }
        assertThat(custom.spec()).isEqualTo("mixed,rtt=100,jitter=5ms,loss=2.5%,up=0.5,down=2-4,queue=50");
        assertThat(NetworkProfile.parse("lan,rtt=20").shapes()).isTrue();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> NetworkProfile.parse("satellite")).hasMessageContaining("satellite")
                .hasMessageContaining("broadband");
        assertThatThrownBy(() -> NetworkProfile.parse("mobile,loss=1")).hasMessageContaining("a percentage");
        assertThatThrownBy(() -> NetworkProfile.parse("mobile,loss=120%")).hasMessageContaining("0% to 100%");
        assertThatThrownBy(() -> NetworkProfile.parse("mobile,rtt=80-40")).hasMessageContaining("MIN <= MAX");
        assertThatThrownBy(() -> NetworkProfile.parse("mobile,up=fast")).hasMessageContaining("up=fast");
        assertThatThrownBy(() -> NetworkProfile.parse("mobile,mtu=1500")).hasMessageContaining("rtt, jitter");
        assertThatThrownBy(() -> NetworkProfile.parse("mobile,rtt")).hasMessageContaining("KEY=VALUE");
    }

    private static List<LinkConditions> draws(NetworkProfile profile, long seed) {
        Random random = new Random(seed);
        List<LinkConditions> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(profile.draw(random));
        }
        return out;
    }
}
