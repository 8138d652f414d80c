package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bundled demo clips are real ffmpeg output, so they are the fixtures. */
class TsProbeTest {

    @Test
    void probesTheCodecsAndSizeOfTheBundledDemoSegments() throws IOException {
        assertThat(TsProbe.probe(resource("demo/demo0.ts"))).isEqualTo(new MediaFormat(Optional.of("avc1.42c00c"),
                Optional.of(new MediaFormat.Resolution(320, 180)), Optional.of("mp4a.40.2")));
        MediaFormat hd = TsProbe.probe(resource("demo-hd/demo-hd0.ts"));
        assertThat(hd.resolution()).contains(new MediaFormat.Resolution(1280, 720));
        assertThat(hd.codecs()).hasSize(2).first().asString().startsWith("avc1.64");
    }

    @Test
    void readsASegmentOnlyAsFarAsItsFormatNeeds() throws IOException {
        byte[] segment = resource("demo/demo0.ts");
        MediaFormat whole = TsProbe.probe(segment);
        // Past its first half nothing is transport stream any more: a probe that read that far would fail.
        Arrays.fill(segment, segment.length / 2, segment.length, (byte) 0);
        assertThat(TsProbe.probe(segment)).isEqualTo(whole);
    }

    @Test
    void aSegmentItCannotReadHasNoKnownFormat() {
        assertThat(TsProbe.probe(new byte[0])).isEqualTo(MediaFormat.UNKNOWN);
        assertThat(TsProbe.probe(OriginFixture.segmentBytes("not ts", 188 * 3))).isEqualTo(MediaFormat.UNKNOWN);
        byte[] cut = Arrays.copyOf(sync(), 188 * 2);
        assertThat(TsProbe.probe(cut)).isEqualTo(MediaFormat.UNKNOWN);
    }

    private static byte[] sync() {
        byte[] b = new byte[188];
        b[0] = 0x47;
        return b;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = DemoStream.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
