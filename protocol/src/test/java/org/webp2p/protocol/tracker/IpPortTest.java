package org.webp2p.protocol.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpPortTest {
    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7:50412", "0.0.0.0:1", "255.255.255.255:65535", "[2001:db8::7]:1935",
        "[::1]:1935", "[::ffff:192.0.2.1]:1935", "[2001:db8:0:0:0:0:0:1]:1"})
    void takesIpLiterals(String address) {
        assertThat(IpPort.valid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"peer.example:1935", "localhost:1935", "example:1935", "1.2.3:1935", "1.2.3.4.5:1935",
        "256.1.1.1:1935", "01.2.3.4:1935", "1.2.3.4:0", "1.2.3.4:65536", "1.2.3.4", "[2001:db8::7]", "2001:db8::7:1935",
        "[2001:db8:::7]:1935", "[1:2:3:4:5:6:7:8:9]:1935", "[192.0.2.1]:1935", "[g::1]:1935", "[]:1935", ""})
    void refusesHostNamesAndMalformedLiterals(String address) {
        assertThat(IpPort.valid(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"peer.example:1935", "1.2.3.4:0"})
    void anAnnounceWithOneIsRefusedWithTheReason(String address) {
        assertThatThrownBy(() -> new AnnounceRequest("demo", "p1", AnnounceEvent.JOIN, null, List.of(address), 0, null,
                0, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(address).hasMessageContaining("host names are not taken");
    }
}
