package org.webp2p.server.origin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Adds {@link SegmentDigest} tags to a playlist as an encoder or packager wrote it, changing nothing
 * else: each tag goes just before the {@code #EXTINF} of its segment. Digest tags already in the
 * text are dropped, since only the origin's own are to be trusted. Stateless.
 */
final class DigestAnnotator {
    /** The playlist with digests, and whether every segment got one. */
    record Annotated(String text, boolean complete) {
    }

    private DigestAnnotator() {
    }

    /** @param digestOf the digest of the segment a URI line names, if known */
    static Annotated annotate(String playlist, Function<String, Optional<SegmentDigest>> digestOf) {
        List<String> out = new ArrayList<>();
        int pendingExtinf = -1;
        boolean complete = true;
        for (String line : playlist.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(SegmentDigest.TAG)) {
                continue;
            }
            if (trimmed.startsWith("#EXTINF:")) {
                pendingExtinf = out.size();
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("#") && pendingExtinf >= 0) {
                Optional<SegmentDigest> digest = digestOf.apply(trimmed);
                if (digest.isPresent()) {
                    out.add(pendingExtinf, digest.get().tagLine());
                } else {
                    complete = false;
                }
                pendingExtinf = -1;
            }
            out.add(line);
        }
        return new Annotated(String.join("\n", out), complete);
    }
}
