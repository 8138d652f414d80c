package org.webp2p.server.tracker.ws;

import java.util.Locale;

/**
 * The {@code event} of a WebTorrent announce. An absent event, {@code update}, {@code empty} and
 * {@code paused} all mean "still here", as bittorrent-tracker treats them.
 */
public enum WsEvent {
    STARTED, STOPPED, COMPLETED, UPDATE;

    /** @throws IllegalArgumentException for a word no WebTorrent client sends */
    static WsEvent parse(String text) {
        if (text == null) {
            return UPDATE;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "started" -> STARTED;
            case "stopped" -> STOPPED;
            case "completed" -> COMPLETED;
            case "update", "empty", "paused", "" -> UPDATE;
            default -> throw new IllegalArgumentException("unknown event \"" + text + "\"");
        };
    }
}
