package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the RTMP ingest service beyond {@link ServiceName#RTMP}'s bind and port: how its
 * segments are cut, and the limits that keep a hostile or broken client from costing more than its
 * own connection.
 */
public final class RtmpSettings {
    public static final ConfigKey<Duration> SEGMENT_DURATION = ConfigKey.duration("rtmp.segment-duration", "2s",
            "Shortest HLS segment cut from an RTMP publish; it ends at the next key frame after this (1s to 30s).");
    public static final ConfigKey<Long> MAX_MESSAGE_LENGTH = ConfigKey.size("rtmp.max-message-length", "8MB",
            "Largest RTMP message (one video frame, say) a publisher may send; a longer one closes its connection"
                    + " (64KB to 16MB).");
    public static final ConfigKey<Duration> HANDSHAKE_TIMEOUT = ConfigKey.duration("rtmp.handshake-timeout", "10s",
            "Time a client has from connecting to finishing the RTMP handshake.");
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("rtmp.idle-timeout", "30s",
            "A connection that sends nothing for this long is closed, and its stream ended.");
    public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.integer("rtmp.max-connections", 1000, 1, 1_000_000,
            "Most RTMP connections open at once; more are closed as they arrive.");

    static final List<ConfigKey<?>> KEYS = List.of(SEGMENT_DURATION, MAX_MESSAGE_LENGTH, HANDSHAKE_TIMEOUT, IDLE_TIMEOUT,
            MAX_CONNECTIONS);

    private RtmpSettings() {
    }
}
