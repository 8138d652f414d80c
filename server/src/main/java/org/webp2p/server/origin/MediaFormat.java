package org.webp2p.server.origin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a master playlist says of a rendition's media (RFC 8216 §4.3.4.2): its codecs in RFC 6381
 * form and its picture size. Each part is empty when the media did not tell.
 */
record MediaFormat(Optional<String> videoCodec, Optional<Resolution> resolution, Optional<String> audioCodec) {
    static final MediaFormat UNKNOWN = new MediaFormat(Optional.empty(), Optional.empty(), Optional.empty());

    /** A picture size in pixels, as RESOLUTION gives it. */
    record Resolution(int width, int height) {
        Resolution {
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("not a picture size: " + width + "x" + height);
            }
        }

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    MediaFormat {
        Objects.requireNonNull(videoCodec, "videoCodec");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(audioCodec, "audioCodec");
    }

    /** The CODECS list: video first, then audio; empty when neither is known. */
    List<String> codecs() {
        List<String> all = new ArrayList<>(2);
        videoCodec.ifPresent(all::add);
        audioCodec.ifPresent(all::add);
        return all;
    }

    boolean isKnown() {
        return !codecs().isEmpty();
    }
}
