package org.webp2p.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSettingsTest {
    @Test
    void namesTheKeysThatSetASecret() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("api.open", "true");
        file.put("admin.token", "abc");
        file.put("origin.stream.news.key", "k");
        file.put("store.password", " ");
        file.put("api.token-secret", "c2VjcmV0c2VjcmV0c2VjcmV0");

        assertThat(SecretSettings.setIn(file)).as("a blank value sets nothing")
                .containsExactly("admin.token", "origin.stream.news.key", "api.token-secret");
        assertThat(SecretSettings.isSecret("origin.publish-key")).isTrue();
        assertThat(SecretSettings.isSecret("tls.key")).as("a path, not a secret").isFalse();
    }
}
