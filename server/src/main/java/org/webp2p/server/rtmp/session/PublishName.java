package org.webp2p.server.rtmp.session;

import java.util.Objects;

/**
 * What a publisher sends where the stream name goes: {@code NAME?key=KEY}, as an operator types it
 * into OBS's "Stream key" field and ffmpeg sends the tail of its URL, or a stream's own key alone.
 *
 * @param name the stream's name, or the key itself when {@code key} is empty
 * @param key  the {@code key} parameter, empty when there is none
 */
public record PublishName(String name, String key) {
    private static final int SHOWN_LENGTH = 64;

    public PublishName {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    public static PublishName parse(String presented) {
        int query = presented.indexOf('?');
        if (query < 0) {
            return new PublishName(presented, "");
        }
        String key = "";
        for (String parameter : presented.substring(query + 1).split("&")) {
            if (parameter.startsWith("key=")) {
                key = parameter.substring("key=".length());
            }
        }
        return new PublishName(presented.substring(0, query), key);
    }

    /** Whether a key came alone, so {@link #name} is a secret. */
    public boolean keyAlone() {
        return key.isEmpty();
    }

    /** The name as the event log may show it: never a key, never control characters, never long. */
    public String shown() {
        if (keyAlone()) {
            return "a stream key alone";
        }
        return "'" + printable(name) + "'";
    }

    /** Text a client sent, fit for a log line: printable ASCII, and not long. */
    static String printable(String text) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > SHOWN_LENGTH ? shown.substring(0, SHOWN_LENGTH) + "..." : shown;
    }
}
