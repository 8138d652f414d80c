package org.webp2p.server.origin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rule that lets an RTMP encoder, which sends one rendition per connection, publish
 * several renditions of one stream: {@code NAME_720p}, {@code NAME_360p}, {@code NAME_1080p60} are
 * renditions {@code 720p}, {@code 360p} and {@code 1080p60} of {@code NAME}, served at
 * {@code /live/NAME/720p/index.m3u8} and listed in {@code /live/NAME/master.m3u8}. A name that has a
 * key of its own ({@code origin.stream.NAME_720p.key}) stays a stream of its own.
 */
final class RenditionNames {
    private static final Pattern SUFFIXED = Pattern.compile("([A-Za-z0-9_-]{1,64})_([0-9]{2,4}p[0-9]{0,3})");

    private RenditionNames() {
    }

    /** {@code NAME/RENDITION} for a published name that follows the rule, empty for any other name. */
    static Optional<String> ofPublished(String name) {
        Matcher m = SUFFIXED.matcher(name);
        return m.matches() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
    }

    /** The stream a live stream or rendition name belongs to: {@code NAME} of {@code NAME/RENDITION}. */
    static String streamOf(String liveName) {
        int slash = liveName.indexOf('/');
        return slash < 0 ? liveName : liveName.substring(0, slash);
    }
}
