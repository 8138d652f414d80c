package org.webp2p.protocol.tracker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a peer announces: it joins the swarm, refreshes what it holds, or leaves. */
public enum AnnounceEvent {
    JOIN, UPDATE, LEAVE;

    /** How the wire spells it: {@code join}, {@code update}, {@code leave}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the wire name, in any case. */
    @JsonCreator
    public static AnnounceEvent parse(String text) {
        for (AnnounceEvent e : values()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("event must be join, update or leave, not \"" + text + "\"");
    }
}
