package org.webp2p.server.rtmp.media;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns the FLV audio and video tags of one RTMP publish into MPEG-TS segments for HLS: H.264 from
 * its AVC sequence header and length-prefixed NAL units, AAC from its AudioSpecificConfig and raw
 * frames. Each segment opens with a PAT and PMT and, when there is video, with an IDR picture, and is
 * cut at the first key frame once the target duration is reached; a stream of audio alone is cut by
 * time. Codecs HLS players cannot be sure to play from MPEG-TS (HEVC, AV1, Opus, MP3, ...) are
 * refused with an {@link UnsupportedMediaException} that says what to change in the encoder.
 *
 * <p>Pure computation: it does no I/O and keeps no clock; time is the tags' own. Not thread-safe: the
 * publisher's connection owns it.
 */
public final class FlvToTsSegmenter {
    // The stream clock starts 1.4 s in and the PCR runs 0.7 s ahead of decoding (ffmpeg's defaults):
    // neither the PCR nor a B-frame's PTS goes below zero, and no data waits in a decoder's buffer
    // longer than the one second ISO/IEC 13818-1 §2.4.2.6 allows.
    private static final long START_TICKS = 126_000;
    private static final long PCR_LEAD_TICKS = 63_000;
    private static final long WRAP = 1L << 33;
    // AAC frames share a PES packet up to 16 TS packets' worth, as ffmpeg's muxer does, and for at most
    // 100 ms so the audio PID's PCR (audio alone) stays within §2.7.2's interval.
    private static final int MAX_AUDIO_PES = 16 * 184 - 14;
    private static final long MAX_AUDIO_PES_MILLIS = 100;

    private enum Mode { WAITING, VIDEO, AUDIO_ONLY, FINISHED }

    /** An AAC frame, already behind its ADTS header, that came before the first key frame. */
    private record HeldAudio(long timestamp, byte[] adts) {
    }

    private final long targetMillis;
    private final SegmentSink sink;
    private final TsMuxer muxer = new TsMuxer();
    private final MediaBytes segment = new MediaBytes(1 << 20);
    private final MediaBytes accessUnit = new MediaBytes(1 << 16);
    private final MediaBytes audioPes = new MediaBytes(MAX_AUDIO_PES);
    private final Deque<HeldAudio> held = new ArrayDeque<>();
    private AvcDecoderConfiguration avc;
    private AudioSpecificConfig aac;
    private Mode mode = Mode.WAITING;
    private boolean tablesListAudio;
    private long segmentStart;
    private long segmentEnd;
    private long audioPesStart;
    private long lastVideo = -1;
    private long videoFrameMillis;
    private long dropped;

    /** @param targetDuration the shortest segment; a segment with video ends at the next key frame after it */
    public FlvToTsSegmenter(Duration targetDuration, SegmentSink sink) {
        if (targetDuration.isNegative() || targetDuration.isZero()) {
            throw new IllegalArgumentException("the target duration must be positive: " + targetDuration);
        }
        this.targetMillis = targetDuration.toMillis();
        this.sink = sink;
    }

    /** Takes the body of an FLV video tag (RTMP message type 9) with its decoding time. */
    public void video(long timestampMs, byte[] flvVideoTagBody) throws UnsupportedMediaException {
        requireOpen();
        FlvVideoTag tag = FlvVideoTag.parse(flvVideoTagBody);
        if (tag.type() != FlvVideoTag.Type.NONE && mode == Mode.AUDIO_ONLY) {
            throw new UnsupportedMediaException("the encoder started sending video after " + (timestampMs - segmentStart)
                    + " ms of audio alone; a stream carries audio and video from its start, or audio alone: restart it");
        }
        if (tag.type() == FlvVideoTag.Type.SEQUENCE_HEADER) {
            avc = AvcDecoderConfiguration.parse(flvVideoTagBody, tag.dataOffset());
        } else if (tag.type() == FlvVideoTag.Type.FRAME) {
            frame(timestampMs, tag, flvVideoTagBody);
        }
    }

    /** Takes the body of an FLV audio tag (RTMP message type 8) with its time. */
    public void audio(long timestampMs, byte[] flvAudioTagBody) throws UnsupportedMediaException {
        requireOpen();
        FlvAudioTag tag = FlvAudioTag.parse(flvAudioTagBody);
        if (tag.type() == FlvAudioTag.Type.SEQUENCE_HEADER) {
            aac = AudioSpecificConfig.parse(flvAudioTagBody, tag.dataOffset());
            if (mode == Mode.VIDEO && !tablesListAudio) {
                // Audio that starts after the video: a new PMT version announces it before its first PES.
                muxer.writeTables(true, true, segment);
                tablesListAudio = true;
            }
            return;
        }
        int rawLength = flvAudioTagBody.length - tag.dataOffset();
        if (tag.type() != FlvAudioTag.Type.FRAME || rawLength == 0) {
            return;
        }
        if (aac == null) {
            dropped++;
            return;
        }
        if (mode == Mode.WAITING) {
            hold(timestampMs, flvAudioTagBody, tag.dataOffset(), rawLength);
            return;
        }
        if (mode == Mode.AUDIO_ONLY && timestampMs - segmentStart >= targetMillis) {
            cut(timestampMs);
        }
        openAudioPes(timestampMs, AudioSpecificConfig.ADTS_HEADER + rawLength);
        aac.writeAdtsHeader(rawLength, audioPes);
        audioPes.write(flvAudioTagBody, tag.dataOffset(), rawLength);
    }

    /** Hands over the segment in progress, however short: the publisher has gone. Later tags are refused. */
    public void finish() {
        if (mode == Mode.WAITING && avc == null && !held.isEmpty()) {
            startAudioOnly();
        }
        if (mode == Mode.VIDEO || mode == Mode.AUDIO_ONLY) {
            flushAudio();
            emit(segmentEnd);
        }
        mode = Mode.FINISHED;
        held.clear();
    }

    /**
     * Frames that could not be carried and were left out: those before their codec's sequence header,
     * and video before the first key frame, which no player could decode.
     */
    public long droppedFrames() {
        return dropped;
    }

    private void frame(long timestamp, FlvVideoTag tag, byte[] body) throws UnsupportedMediaException {
        if (avc == null) {
            dropped++;
            return;
        }
        AnnexB.Scan scan = AnnexB.scan(body, tag.dataOffset(), avc.nalLengthSize());
        boolean randomAccess = tag.keyframe() || scan.idr();
        boolean starting = mode == Mode.WAITING;
        if (starting && !randomAccess) {
            dropped++;
            return;
        }
        accessUnit.reset();
        AnnexB.write(body, tag.dataOffset(), avc, randomAccess && !scan.parameterSets(), accessUnit);
        if (starting) {
            mode = Mode.VIDEO;
            startSegment(timestamp);
        } else if (randomAccess && timestamp - segmentStart >= targetMillis) {
            cut(timestamp);
        }
        long dts = ticks(timestamp);
        muxer.writePes(TsMuxer.Stream.VIDEO, ticks(timestamp + tag.compositionTime()), dts, accessUnit.array(),
                accessUnit.size(), randomAccess, Math.floorMod(dts - PCR_LEAD_TICKS, WRAP), segment);
        if (lastVideo >= 0 && timestamp > lastVideo) {
            videoFrameMillis = timestamp - lastVideo;
        }
        lastVideo = timestamp;
        segmentEnd = Math.max(segmentEnd, timestamp + videoFrameMillis);
        if (starting) {
            releaseHeldAudio(timestamp);
        }
    }

    /**
     * Keeps audio until the first key frame says where the stream starts; if no video configuration
     * has come by the time a segment's worth of audio has, the stream is audio alone.
     */
    private void hold(long timestamp, byte[] body, int offset, int rawLength) throws UnsupportedMediaException {
        MediaBytes framed = new MediaBytes(AudioSpecificConfig.ADTS_HEADER + rawLength);
        aac.writeAdtsHeader(rawLength, framed);
        framed.write(body, offset, rawLength);
        held.addLast(new HeldAudio(timestamp, framed.toByteArray()));
        if (avc == null && timestamp - held.getFirst().timestamp() >= targetMillis) {
            startAudioOnly();
            return;
        }
        while (timestamp - held.getFirst().timestamp() > targetMillis) {
            held.removeFirst(); // before any key frame that may still come: no player would get it
            dropped++;
        }
    }

    private void startAudioOnly() {
        mode = Mode.AUDIO_ONLY;
        startSegment(held.getFirst().timestamp());
        for (HeldAudio frame : held) {
            if (frame.timestamp() - segmentStart >= targetMillis) {
                cut(frame.timestamp());
            }
            addFramedAudio(frame);
        }
        held.clear();
    }

    /** Audio from the key frame that opened the stream on; earlier audio would play over no picture. */
    private void releaseHeldAudio(long keyFrame) {
        for (HeldAudio frame : held) {
            if (frame.timestamp() >= keyFrame) {
                addFramedAudio(frame);
            } else {
                dropped++;
            }
        }
        held.clear();
    }

    private void addFramedAudio(HeldAudio frame) {
        openAudioPes(frame.timestamp(), frame.adts().length);
        audioPes.write(frame.adts(), 0, frame.adts().length);
    }

    /** Makes room in the audio PES for a frame of {@code length} bytes at {@code timestamp}. */
    private void openAudioPes(long timestamp, int length) {
        if (audioPes.size() > 0 && (audioPes.size() + length > MAX_AUDIO_PES
                || timestamp - audioPesStart >= MAX_AUDIO_PES_MILLIS)) {
            flushAudio();
        }
        if (audioPes.size() == 0) {
            audioPesStart = timestamp;
        }
        long frameMillis = (1024 * 1000L + aac.sampleRate() - 1) / aac.sampleRate();
        segmentEnd = Math.max(segmentEnd, timestamp + frameMillis);
    }

    private void flushAudio() {
        if (audioPes.size() == 0) {
            return;
        }
        long pts = ticks(audioPesStart);
        boolean alone = mode == Mode.AUDIO_ONLY;
        muxer.writePes(TsMuxer.Stream.AUDIO, pts, pts, audioPes.array(), audioPes.size(), alone,
                alone ? Math.floorMod(pts - PCR_LEAD_TICKS, WRAP) : -1, segment);
        audioPes.reset();
    }

    private void startSegment(long timestamp) {
        segment.reset();
        segmentStart = timestamp;
        segmentEnd = timestamp;
        tablesListAudio = aac != null;
        muxer.writeTables(mode == Mode.VIDEO, tablesListAudio, segment);
    }

    private void cut(long timestamp) {
        flushAudio();
        emit(timestamp);
        startSegment(timestamp);
    }

    private void emit(long end) {
        sink.segment(segment.toByteArray(), Duration.ofMillis(Math.max(1, end - segmentStart)));
    }

    private void requireOpen() {
        if (mode == Mode.FINISHED) {
            throw new IllegalStateException("the segmenter has finished");
        }
    }

    private static long ticks(long millis) {
        return Math.floorMod(millis * 90 + START_TICKS, WRAP);
    }
}
