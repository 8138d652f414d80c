package org.webp2p.server.origin;

/** The Cache-Control values a CDN in front of the origin relies on. */
final class CachePolicy {
    /** A segment's bytes never change once published: the origin names each one only once. */
    static final String SEGMENT = "public, max-age=31536000, immutable";
    /** A VOD playlist changes only when an operator replaces the files. */
    static final String VOD_PLAYLIST = "public, max-age=86400";
    /** A VOD playlist whose segment digests are still being computed: worth asking again soon. */
    static final String VOD_PLAYLIST_INCOMPLETE = "public, max-age=10";
    /** An ended stream stays as it is unless its publisher comes back under the same name. */
    static final String ENDED_PLAYLIST = "public, max-age=3600";
    /** Errors (a segment not published yet, a bad key) must not be remembered. */
    static final String ERROR = "no-store";

    private CachePolicy() {
    }

    /**
     * A live playlist changes every target duration; half of that keeps a CDN's copy at most half a
     * segment behind (RFC 8216 §6.2.2 lets a client reload no sooner than half a target duration).
     */
    static String livePlaylist(long targetDurationSeconds) {
        return "public, max-age=" + Math.max(1, targetDurationSeconds / 2);
    }
}
