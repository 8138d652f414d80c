package org.webp2p.server.tracker.ws;

/**
 * What p2p-media-loader 2.3.1 reads from one rendition to name its swarm ({@code
 * GenerateStreamShortIdProps}). Null stands for JavaScript's {@code undefined}.
 *
 * @param bitrate as JavaScript prints the number ({@code "950400"}, or {@code "NaN"} when a variant
 *                has no bandwidth at all)
 */
record StreamProps(String bitrate, String codecs, Integer width, Integer height, String language, String channels,
                   String name, String frameRate, String videoRange) {

    /** A playlist that is its own media playlist: hls.js gives its one level bitrate 0 and nothing else. */
    static final StreamProps BARE_MEDIA_PLAYLIST = new StreamProps("0", null, null, null, null, null, null, null, null);
}
