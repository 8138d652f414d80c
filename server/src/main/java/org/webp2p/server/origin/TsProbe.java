package org.webp2p.server.origin;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds out what an MPEG-TS segment carries (ISO/IEC 13818-1): the program map table names the
 * elementary streams, the first H.264 SPS gives the video's codec string and size, and the first
 * ADTS header the AAC object type. Every segment the origin lists starts at a key frame with its SPS
 * (ffmpeg's HLS muxer and our RTMP segmenter both put it there), so one segment is enough. Reads
 * only; anything it does not understand leaves that part of the answer empty.
 */
final class TsProbe {
    private static final int PACKET = TsTimestamps.PACKET;
    private static final int STREAM_H264 = 0x1b;
    private static final int STREAM_AAC_ADTS = 0x0f;
    // Enough of a PES to hold the parameter sets ahead of the first picture, or an ADTS header.
    private static final int ENOUGH = 4096;

    private TsProbe() {
    }

    static MediaFormat probe(byte[] ts) {
        try {
            return read(ts);
        } catch (RuntimeException e) {
            // Media the origin merely passes on need not be understood to be served.
            return MediaFormat.UNKNOWN;
        }
    }

    private static MediaFormat read(byte[] ts) {
        Map<Integer, Integer> typeByPid = new HashMap<>();
        Map<Integer, ByteArrayOutputStream> pes = new HashMap<>();
        int pmtPid = -1;
        int full = 0;
        for (int p = 0; p + PACKET <= ts.length; p += PACKET) {
            if ((ts[p] & 0xff) != 0x47) {
                return MediaFormat.UNKNOWN;
            }
            boolean start = (ts[p + 1] & 0x40) != 0;
            int pid = ((ts[p + 1] & 0x1f) << 8) | (ts[p + 2] & 0xff);
            int control = (ts[p + 3] >> 4) & 0x3;
            if ((control & 0x1) == 0) {
                continue;
            }
            int payload = p + 4 + ((control & 0x2) != 0 ? 1 + (ts[p + 4] & 0xff) : 0);
            if (payload >= p + PACKET) {
                continue;
            }
            if (pid == 0 && start && pmtPid < 0) {
                pmtPid = firstProgramMapPid(ts, payload + 1 + (ts[payload] & 0xff));
            } else if (pid == pmtPid && start && typeByPid.isEmpty()) {
                readProgramMap(ts, payload + 1 + (ts[payload] & 0xff), p + PACKET, typeByPid);
            } else if (typeByPid.containsKey(pid)) {
                ByteArrayOutputStream b = pes.get(pid);
                if (b == null && start) {
                    b = new ByteArrayOutputStream();
                    pes.put(pid, b);
                }
                if (b != null && b.size() < ENOUGH) {
                    b.write(ts, payload, p + PACKET - payload);
                    // What follows the first few KiB of each stream says nothing more: a segment of
                    // hundreds of KiB is not read to its end, once per segment on the ingest thread.
                    if (b.size() >= ENOUGH && ++full == typeByPid.size()) {
                        break;
                    }
                }
            }
        }
        Optional<AvcSps> sps = Optional.empty();
        Optional<String> audio = Optional.empty();
        for (Map.Entry<Integer, Integer> e : typeByPid.entrySet()) {
            ByteArrayOutputStream b = pes.get(e.getKey());
            if (b == null) {
                continue;
            }
            byte[] body = pesPayload(b.toByteArray());
            if (e.getValue() == STREAM_H264 && sps.isEmpty()) {
                sps = firstSps(body);
            } else if (e.getValue() == STREAM_AAC_ADTS && audio.isEmpty()) {
                audio = adtsCodec(body);
            }
        }
        return new MediaFormat(sps.map(AvcSps::codec),
                sps.map(s -> new MediaFormat.Resolution(s.width(), s.height())), audio);
    }

    private static int firstProgramMapPid(byte[] b, int section) {
        // PAT: table header of 8 bytes, then 4 bytes per program; program number 0 is the network PID.
        int length = ((b[section + 1] & 0x0f) << 8) | (b[section + 2] & 0xff);
        int end = Math.min(section + 3 + length - 4, b.length);
        for (int at = section + 8; at + 4 <= end; at += 4) {
            int program = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
            if (program != 0) {
                return ((b[at + 2] & 0x1f) << 8) | (b[at + 3] & 0xff);
            }
        }
        return -1;
    }

    private static void readProgramMap(byte[] b, int section, int packetEnd, Map<Integer, Integer> typeByPid) {
        int length = ((b[section + 1] & 0x0f) << 8) | (b[section + 2] & 0xff);
        int end = Math.min(section + 3 + length - 4, packetEnd);
        int infoLength = ((b[section + 10] & 0x0f) << 8) | (b[section + 11] & 0xff);
        for (int at = section + 12 + infoLength; at + 5 <= end; ) {
            int type = b[at] & 0xff;
            int pid = ((b[at + 1] & 0x1f) << 8) | (b[at + 2] & 0xff);
            typeByPid.put(pid, type);
            at += 5 + (((b[at + 3] & 0x0f) << 8) | (b[at + 4] & 0xff));
        }
    }

    /** A PES packet's payload: after the 6-byte start and the optional header that follows it. */
    private static byte[] pesPayload(byte[] pes) {
        if (pes.length < 9 || pes[0] != 0 || pes[1] != 0 || pes[2] != 1) {
            return new byte[0];
        }
        int from = 9 + (pes[8] & 0xff);
        return from >= pes.length ? new byte[0] : Arrays.copyOfRange(pes, from, pes.length);
    }

    private static Optional<AvcSps> firstSps(byte[] annexB) {
        for (int i = 0; i + 3 < annexB.length; i++) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1 && (annexB[i + 3] & 0x1f) == 7) {
                int from = i + 3;
                int to = from + 1;
                while (to + 2 < annexB.length && !(annexB[to] == 0 && annexB[to + 1] == 0
                        && (annexB[to + 2] == 1 || annexB[to + 2] == 0))) {
                    to++;
                }
                if (to + 2 >= annexB.length) {
                    to = annexB.length;
                }
                return Optional.of(AvcSps.parse(annexB, from, to - from));
            }
        }
        return Optional.empty();
    }

    /** {@code mp4a.40.<audio object type>}: ADTS keeps the object type minus one in its profile field. */
    private static Optional<String> adtsCodec(byte[] adts) {
        if (adts.length < 7 || (adts[0] & 0xff) != 0xff || (adts[1] & 0xf0) != 0xf0) {
            return Optional.empty();
        }
        int objectType = ((adts[2] >> 6) & 0x3) + 1;
        return Optional.of("mp4a.40." + objectType);
    }
}
