package org.webp2p.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsGiveEveryServiceItsDocumentedPort() {
        Config c = Config.defaults();
        assertThat(c.port("origin.port")).isEqualTo(8080);
        assertThat(c.port("api.port")).isEqualTo(8081);
        assertThat(c.port("tracker.port")).isEqualTo(8082);
        assertThat(c.port("pingback.port")).isEqualTo(8083);
        assertThat(c.port("admin.port")).isEqualTo(8084);
        assertThat(c.port("rendezvous.port")).isEqualTo(1935);
        assertThat(c.port("stun.port")).isEqualTo(3478);
        assertThat(c.port("stun.alt-port")).isEqualTo(3479);
        assertThat(c.address("admin.bind").isLoopbackAddress()).isTrue();
        assertThat(c.bool("origin.enabled")).isTrue();
    }

    @Test
    void laterLayersOverrideEarlierOnes() throws ConfigException {
        Config c = Config.of(ConfigSchema.standard(),
                Map.of("origin.port", "9000", "api.port", "9001"),
                Map.of("origin.port", "0"));
        assertThat(c.port("origin.port")).isZero();
        assertThat(c.port("api.port")).isEqualTo(9001);
    }

    @Test
    void refusesOutOfRangePortNamingTheKeyAndReason() {
        assertThatThrownBy(() -> Config.defaults().with(Map.of("origin.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("origin.port")
                .hasMessageContaining("0 to 65535")
                .hasMessageContaining("70000");
    }

    @Test
    void refusesUnknownKeysSoTyposAreNotIgnored() {
        assertThatThrownBy(() -> Config.defaults().with(Map.of("orgin.port", "80")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("orgin.port: unknown key");
    }

    @Test
    void reportsEveryBadKeyAtOnce() {
        try {
            Config.defaults().with(Map.of("api.enabled", "maybe", "stun.bind", "", "ui.poll-interval", "soon"));
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(3);
            assertThat(e.getMessage()).contains("api.enabled: must be true or false")
                    .contains("stun.bind").contains("ui.poll-interval: must be a duration");
            return;
        }
        throw new AssertionError("expected ConfigException");
    }

    @Test
    void parsesDurationsAndSizesWithUnits() throws ConfigException {
        Config c = Config.defaults().with(Map.of("ui.poll-interval", "250ms", "http.max-body", "16MB"));
        assertThat(c.duration("ui.poll-interval")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.size("http.max-body")).isEqualTo(16L << 20);
    }

    @Test
    void patternKeysMatchExactlyOneSegment() {
        ConfigKey key = ConfigKey.of("origin.stream.*.key", ValueType.STRING, "", "per-stream key");
        assertThat(key.matches("origin.stream.demo.key")).isTrue();
        assertThat(key.matches("origin.stream..key")).isFalse();
        assertThat(key.matches("origin.stream.a.b.key")).isFalse();
        assertThat(key.matches("origin.stream.demo.keys")).isFalse();
    }

    @Test
    void endpointCombinesBindAndPort() throws ConfigException {
        Config c = Config.defaults().with(Map.of("tracker.bind", "127.0.0.1", "tracker.port", "0"));
        assertThat(c.endpoint("tracker").getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(c.endpoint("tracker").getPort()).isZero();
    }
}
