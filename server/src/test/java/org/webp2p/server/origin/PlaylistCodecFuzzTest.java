package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * An encoder's playlist, uploaded by whoever holds an ingest key (or has stolen one), and the origin's
 * own playlist read back from disk at start. The parser gives a playlist or a
 * {@link PlaylistException} (the upload's 400), in little time and memory; and a playlist it takes is
 * one the origin can write and read again, so a stream it accepted survives a restart.
 */
class PlaylistCodecFuzzTest {
    @FuzzTest
    void readsAPlaylistOrRefusesIt(byte[] upload) throws PlaylistException {
        MediaPlaylist playlist;
        try {
            playlist = PlaylistCodec.parse(new String(upload, StandardCharsets.UTF_8));
        } catch (PlaylistException refused) {
            return;
        }
        assertThat(playlist.nextSequence()).as("the sequence number after the last segment")
                .isGreaterThanOrEqualTo(playlist.mediaSequence());
        MediaPlaylist written = PlaylistCodec.parse(PlaylistCodec.write(playlist));
        assertThat(written.segments()).extracting(MediaSegment::uri)
                .containsExactlyElementsOf(playlist.segments().stream().map(MediaSegment::uri).toList());
        assertThat(written.mediaSequence()).isEqualTo(playlist.mediaSequence());
        assertThat(written.ended()).isEqualTo(playlist.ended());
    }
}
