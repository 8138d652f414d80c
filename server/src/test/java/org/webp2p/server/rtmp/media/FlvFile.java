package org.webp2p.server.rtmp.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FLV files as the tests get them: made by ffmpeg from lavfi sources, read back into the tag bodies an
 * RTMP publisher sends as messages 8 and 9 (FLV specification v10.1 §E.2 to §E.4.1).
 */
public final class FlvFile {
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;

    /** One tag: its type, its full 32-bit timestamp in ms and its body. */
    public record Tag(int type, long timestamp, byte[] body) {
        /** Hands the tag to a segmenter as the RTMP side does with messages 8 and 9. */
        public void sendTo(FlvToTsSegmenter segmenter) throws UnsupportedMediaException {
            if (type == VIDEO) {
                segmenter.video(timestamp, body);
            } else {
                segmenter.audio(timestamp, body);
            }
        }
    }

    private FlvFile() {
    }

    /**
     * H.264 (a key frame every 2 s at 25 fps) and AAC (44.1 kHz), {@code seconds} long, the way an
     * encoder publishing to RTMP sends them.
     */
    public static Path make(Path dir, int seconds, List<String> extraOptions) throws IOException, InterruptedException {
        Path out = dir.resolve("clip.flv");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc=size=192x108:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "64k"));
        cmd.addAll(extraOptions);
        cmd.addAll(List.of("-f", "flv", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not make the FLV: " + output);
        }
        return out;
    }

    public static List<Tag> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b[0] != 'F' || b[1] != 'L' || b[2] != 'V') {
            throw new IOException("not an FLV file");
        }
        int at = (int) uint(b, 5, 4) + 4; // the header, then PreviousTagSize0
        List<Tag> tags = new ArrayList<>();
        while (at + 11 <= b.length) {
            int type = b[at] & 0x1f;
            int size = (int) uint(b, at + 1, 3);
            long timestamp = uint(b, at + 4, 3) | (uint(b, at + 7, 1) << 24);
            byte[] body = new byte[size];
            System.arraycopy(b, at + 11, body, 0, size);
            if (type == AUDIO || type == VIDEO) {
                tags.add(new Tag(type, timestamp, body));
            }
            at += 11 + size + 4;
        }
        return tags;
    }

    private static long uint(byte[] b, int at, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
