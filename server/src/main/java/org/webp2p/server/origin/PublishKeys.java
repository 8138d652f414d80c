package org.webp2p.server.origin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides who may publish: the stream's own key ({@code origin.stream.<name>.key}) when one is set,
 * otherwise the origin-wide key. Comparison takes the same time wherever the keys differ.
 */
final class PublishKeys {
    private final String originKey;
    private final Function<String, Optional<String>> streamKeys;

    PublishKeys(String originKey, Function<String, Optional<String>> streamKeys) {
        if (originKey.isBlank()) {
            throw new IllegalArgumentException("the publish key must not be empty");
        }
        this.originKey = originKey;
        this.streamKeys = streamKeys;
    }

    boolean allows(String stream, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        String expected = streamKeys.apply(stream).filter(k -> !k.isBlank()).orElse(originKey);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
