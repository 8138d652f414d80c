package org.webp2p.server.origin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who may publish: the stream's own key ({@code origin.stream.<name>.key}) when one is set,
 * otherwise the origin-wide key. Comparison takes the same time wherever the keys differ.
 */
final class PublishKeys {
    private final String originKey;
    private final Map<String, String> streamKeys;

    /** @param streamKeys each stream that has its own key, with that key */
    PublishKeys(String originKey, Map<String, String> streamKeys) {
        if (originKey.isBlank()) {
            throw new IllegalArgumentException("the publish key must not be empty");
        }
        this.originKey = originKey;
        this.streamKeys = Map.copyOf(streamKeys);
    }

    boolean allows(String stream, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        String own = streamKeys.get(stream);
        return same(own == null || own.isBlank() ? originKey : own, presented);
    }

    /** Whether {@code stream} has a key of its own. */
    boolean hasOwnKey(String stream) {
        String own = streamKeys.get(stream);
        return own != null && !own.isBlank();
    }

    /**
     * The stream whose own key {@code presented} is, for an encoder that sends a stream's key alone
     * where the stream's name would be (as OBS's single "stream key" field invites). Every stream key
     * is compared, so the time taken does not say which came close.
     */
    Optional<String> streamOwning(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        String found = null;
        for (Map.Entry<String, String> e : streamKeys.entrySet()) {
            if (!e.getValue().isBlank() && same(e.getValue(), presented)) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean same(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
