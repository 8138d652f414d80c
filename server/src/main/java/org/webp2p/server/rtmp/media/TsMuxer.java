package org.webp2p.server.rtmp.media;

import java.util.Arrays;

/**
 * One program of H.264 video and AAC audio as 188-byte MPEG-TS packets (ISO/IEC 13818-1): the PAT and
 * PMT, PES packets with their PTS and DTS, the PCR, a continuity counter per PID and adaptation-field
 * stuffing. It keeps the counters from one segment to the next, so a player reading the segments back
 * to back sees one unbroken transport stream. Not thread-safe: one segmenter owns it.
 */
final class TsMuxer {
    static final int PACKET = 188;
    static final int PAT_PID = 0;
    static final int PMT_PID = 0x1000;
    private static final int SYNC = 0x47;
    private static final int PAYLOAD = PACKET - 4;
    private static final int PROGRAM = 1;
    // An adaptation field's length byte, its flags byte and a PCR (§2.4.3.4).
    private static final int PCR_FIELD = 1 + 1 + 6;
    private static final int FLAGS_FIELD = 1 + 1;
    private static final int RANDOM_ACCESS = 0x40;
    private static final int PCR_FLAG = 0x10;
    private static final long WRAP = 1L << 33;

    /** The elementary streams the program may hold, with the PIDs and stream ids ffmpeg also uses. */
    enum Stream {
        VIDEO(0x100, 0xe0, 0x1b), // stream_type 0x1B: H.264 (Table 2-34)
        AUDIO(0x101, 0xc0, 0x0f); // stream_type 0x0F: AAC in ADTS

        final int pid;
        final int streamId;
        final int streamType;

        Stream(int pid, int streamId, int streamType) {
            this.pid = pid;
            this.streamId = streamId;
            this.streamType = streamType;
        }
    }

    private final int[] continuity = new int[2 + Stream.values().length];
    private final byte[] packet = new byte[PACKET];
    private final byte[] pesHeader = new byte[19];
    private int pmtVersion = -1;
    private boolean listsVideo;
    private boolean listsAudio;

    /**
     * Writes a PAT and a PMT listing the streams given, the PCR on the video PID when there is video.
     * The PMT's version changes whenever the list does.
     */
    void writeTables(boolean video, boolean audio, MediaBytes out) {
        if (!video && !audio) {
            throw new IllegalArgumentException("a program needs a stream");
        }
        if (pmtVersion < 0 || video != listsVideo || audio != listsAudio) {
            pmtVersion = (pmtVersion + 1) & 0x1f;
            listsVideo = video;
            listsAudio = audio;
        }
        // PAT (§2.4.4.3): one program, whose PMT is on PMT_PID.
        byte[] pat = {0x00, (byte) 0xb0, 13, 0, 1, (byte) 0xc1, 0, 0, 0, PROGRAM, (byte) (0xe0 | PMT_PID >> 8),
            (byte) PMT_PID};
        writeSection(PAT_PID, 0, pat, out);
        // PMT (§2.4.4.8).
        int streams = (video ? 1 : 0) + (audio ? 1 : 0);
        byte[] pmt = new byte[12 + 5 * streams];
        int sectionLength = pmt.length - 3 + 4;
        int pcrPid = (video ? Stream.VIDEO : Stream.AUDIO).pid;
        byte[] head = {0x02, (byte) (0xb0 | sectionLength >> 8), (byte) sectionLength, 0, PROGRAM,
            (byte) (0xc1 | pmtVersion << 1), 0, 0, (byte) (0xe0 | pcrPid >> 8), (byte) pcrPid, (byte) 0xf0, 0};
        System.arraycopy(head, 0, pmt, 0, head.length);
        int at = head.length;
        for (Stream s : Stream.values()) {
            if (s == Stream.VIDEO ? video : audio) {
                byte[] entry = {(byte) s.streamType, (byte) (0xe0 | s.pid >> 8), (byte) s.pid, (byte) 0xf0, 0};
                System.arraycopy(entry, 0, pmt, at, entry.length);
                at += entry.length;
            }
        }
        writeSection(PMT_PID, 1, pmt, out);
    }

    private void writeSection(int pid, int counter, byte[] section, MediaBytes out) {
        Arrays.fill(packet, (byte) 0xff);
        packet[0] = SYNC;
        packet[1] = (byte) (0x40 | pid >> 8);
        packet[2] = (byte) pid;
        packet[3] = (byte) (0x10 | next(counter));
        packet[4] = 0; // pointer_field: the section starts right away
        System.arraycopy(section, 0, packet, 5, section.length);
        int crc = MpegCrc32.of(section, 0, section.length);
        int at = 5 + section.length;
        packet[at] = (byte) (crc >>> 24);
        packet[at + 1] = (byte) (crc >>> 16);
        packet[at + 2] = (byte) (crc >>> 8);
        packet[at + 3] = (byte) crc;
        out.write(packet, 0, PACKET);
    }

    /**
     * Writes one PES packet (§2.4.3.6) of {@code length} bytes from {@code data}, across as many TS
     * packets as it takes, the last one filled up with adaptation-field stuffing.
     *
     * @param pts          presentation time, 90 kHz
     * @param dts          decoding time, 90 kHz; written only when it differs from {@code pts}
     * @param randomAccess a player may start decoding here (random_access_indicator)
     * @param pcr          the program clock's base at this packet (90 kHz), or negative for none
     */
    void writePes(Stream stream, long pts, long dts, byte[] data, int length, boolean randomAccess, long pcr,
                  MediaBytes out) {
        int headerLength = pesHeader(stream, pts, dts, length);
        int total = headerLength + length;
        int written = 0;
        boolean first = true;
        while (written < total) {
            boolean flags = first && (randomAccess || pcr >= 0);
            int minimumField = !flags ? 0 : pcr >= 0 ? PCR_FIELD : FLAGS_FIELD;
            int payload = Math.min(total - written, PAYLOAD - minimumField);
            int field = PAYLOAD - payload;
            packet[0] = SYNC;
            packet[1] = (byte) ((first ? 0x40 : 0) | stream.pid >> 8);
            packet[2] = (byte) stream.pid;
            packet[3] = (byte) ((field > 0 ? 0x30 : 0x10) | next(2 + stream.ordinal()));
            if (field > 0) {
                adaptationField(field, flags && randomAccess, flags ? pcr : -1);
            }
            int at = 4 + field;
            // The PES header leads the first packet's payload; the elementary stream follows it.
            while (at < PACKET) {
                if (written < headerLength) {
                    int n = Math.min(headerLength - written, PACKET - at);
                    System.arraycopy(pesHeader, written, packet, at, n);
                    at += n;
                    written += n;
                } else {
                    int n = PACKET - at;
                    System.arraycopy(data, written - headerLength, packet, at, n);
                    at += n;
                    written += n;
                }
            }
            out.write(packet, 0, PACKET);
            first = false;
        }
    }

    /** An adaptation field of {@code size} bytes in all, from packet[4]: flags, a PCR, stuffing. */
    private void adaptationField(int size, boolean randomAccess, long pcr) {
        packet[4] = (byte) (size - 1);
        if (size == 1) {
            return; // a lone length byte of 0 is the one-byte stuffing
        }
        packet[5] = (byte) ((randomAccess ? RANDOM_ACCESS : 0) | (pcr >= 0 ? PCR_FLAG : 0));
        int at = 6;
        if (pcr >= 0) {
            long base = pcr % WRAP;
            packet[6] = (byte) (base >> 25);
            packet[7] = (byte) (base >> 17);
            packet[8] = (byte) (base >> 9);
            packet[9] = (byte) (base >> 1);
            packet[10] = (byte) (((base & 1) << 7) | 0x7e); // reserved bits, then a 27 MHz extension of 0
            packet[11] = 0;
            at = 12;
        }
        Arrays.fill(packet, at, 4 + size, (byte) 0xff);
    }

    private int pesHeader(Stream stream, long pts, long dts, int length) {
        boolean both = dts != pts;
        int headerData = both ? 10 : 5;
        int packetLength = 3 + headerData + length;
        // Only video may leave the length open (0) in a transport stream (§2.4.3.7).
        if (packetLength > 0xffff) {
            if (stream != Stream.VIDEO) {
                throw new IllegalArgumentException("an audio PES packet of " + length + " bytes");
            }
            packetLength = 0;
        }
        pesHeader[0] = 0;
        pesHeader[1] = 0;
        pesHeader[2] = 1;
        pesHeader[3] = (byte) stream.streamId;
        pesHeader[4] = (byte) (packetLength >> 8);
        pesHeader[5] = (byte) packetLength;
        pesHeader[6] = (byte) 0x84; // '10', not scrambled, data_alignment_indicator: an access unit starts here
        pesHeader[7] = (byte) (both ? 0xc0 : 0x80);
        pesHeader[8] = (byte) headerData;
        timestamp(both ? 0x3 : 0x2, pts, 9);
        if (both) {
            timestamp(0x1, dts, 14);
        }
        return 9 + headerData;
    }

    /** 33 bits in five bytes: a 4-bit prefix, then 3, 15 and 15 bits, each followed by a marker bit. */
    private void timestamp(int prefix, long ticks, int at) {
        long t = Math.floorMod(ticks, WRAP);
        pesHeader[at] = (byte) ((prefix << 4) | ((t >> 29) & 0x0e) | 1);
        pesHeader[at + 1] = (byte) (t >> 22);
        pesHeader[at + 2] = (byte) (((t >> 14) & 0xfe) | 1);
        pesHeader[at + 3] = (byte) (t >> 7);
        pesHeader[at + 4] = (byte) (((t << 1) & 0xfe) | 1);
    }

    private int next(int counter) {
        int value = continuity[counter];
        continuity[counter] = (value + 1) & 0x0f;
        return value;
    }
}
