package org.webp2p.server.tracker;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** Why a peer announces: it joins the swarm, refreshes what it holds, or leaves. */
public enum AnnounceEvent {
    JOIN, UPDATE, LEAVE;

    @JsonCreator
    public static AnnounceEvent parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
