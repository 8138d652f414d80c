package org.webp2p.server.rtmp.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TsMuxerTest {
    private static final int VIDEO = TsMuxer.Stream.VIDEO.pid;
    private static final int AUDIO = TsMuxer.Stream.AUDIO.pid;

    @Test
    void writesThePatFfmpegWritesForOneProgramWithItsPmtOnPid4096() {
        MediaBytes out = new MediaBytes(1024);
        new TsMuxer().writeTables(true, true, out);

        byte[] expected = new byte[188];
        Arrays.fill(expected, (byte) 0xff);
        byte[] pat = HexFormat.of().parseHex("474000100000b00d0001c100000001f0002ab104b2");
        System.arraycopy(pat, 0, expected, 0, pat.length);
        assertThat(Arrays.copyOf(out.toByteArray(), 188)).isEqualTo(expected);
    }

    @Test
    void pmtListsH264AndAdtsAacWithThePcrOnTheVideoPid() {
        MediaBytes out = new MediaBytes(1024);
        new TsMuxer().writeTables(true, true, out);

        TsReader.Result read = new TsReader().read(out.toByteArray());
        assertThat(read.pmtStreamTypes()).isEqualTo(Map.of(VIDEO, 0x1b, AUDIO, 0x0f));
        assertThat(read.pcrPid()).isEqualTo(VIDEO);
    }

    @Test
    void audioAloneCarriesThePcrOnTheAudioPid() {
        MediaBytes out = new MediaBytes(1024);
        new TsMuxer().writeTables(false, true, out);

        TsReader.Result read = new TsReader().read(out.toByteArray());
        assertThat(read.pmtStreamTypes()).isEqualTo(Map.of(AUDIO, 0x0f));
        assertThat(read.pcrPid()).isEqualTo(AUDIO);
    }

    @Test
    void aPmtThatGainsAStreamHasANewVersion() {
        TsMuxer muxer = new TsMuxer();
        MediaBytes first = new MediaBytes(1024);
        muxer.writeTables(true, false, first);
        MediaBytes same = new MediaBytes(1024);
        muxer.writeTables(true, false, same);
        MediaBytes grown = new MediaBytes(1024);
        muxer.writeTables(true, true, grown);

        assertThat(pmtVersion(same.toByteArray())).isEqualTo(pmtVersion(first.toByteArray()));
        assertThat(pmtVersion(grown.toByteArray())).isEqualTo(pmtVersion(first.toByteArray()) + 1);
    }

    private static int pmtVersion(byte[] tables) {
        return (tables[188 + 5 + 5] >> 1) & 0x1f;
    }

    @Test
    void everyPesLengthEndsInWholePacketsAndReadsBackWithItsTimestampsAndFlags() {
        TsMuxer muxer = new TsMuxer();
        TsReader reader = new TsReader();
        // Every length around the packet boundaries, where one or two bytes of stuffing are needed.
        for (int length = 1; length <= 800; length++) {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (i * 7 + length);
            }
            boolean key = length % 3 == 0;
            MediaBytes out = new MediaBytes(2048);
            muxer.writePes(TsMuxer.Stream.VIDEO, 9000 + length, 6000 + length, data, length, key,
                    length % 2 == 0 ? 3000 : -1, out);
            muxer.writePes(TsMuxer.Stream.AUDIO, 7000, 7000, data, length, false, -1, out);

            List<TsReader.Pes> pes = reader.read(out.toByteArray()).pes();
            assertThat(pes).as("length %d", length).hasSize(2);
            TsReader.Pes video = pes.get(0);
            assertThat(video.payload()).as("length %d", length).isEqualTo(data);
            assertThat(video.pts()).isEqualTo(9000 + length);
            assertThat(video.dts()).isEqualTo(6000 + length);
            assertThat(video.randomAccess()).isEqualTo(key);
            assertThat(video.pcr()).isEqualTo(length % 2 == 0 ? 3000 : -1);
            TsReader.Pes audio = pes.get(1);
            assertThat(audio.payload()).isEqualTo(data);
            assertThat(audio.streamId()).isEqualTo(0xc0);
            assertThat(audio.pts()).isEqualTo(7000).isEqualTo(audio.dts());
        }
    }

    @Test
    void aVideoPesLargerThanAPesLengthCanSayIsLeftUnbounded() {
        byte[] frame = new byte[200_000];
        MediaBytes out = new MediaBytes(300_000);
        new TsMuxer().writePes(TsMuxer.Stream.VIDEO, 1, 1, frame, frame.length, true, 0, out);

        byte[] ts = out.toByteArray();
        assertThat(ts[4 + 8 + 4] | ts[4 + 8 + 5]).as("PES_packet_length").isZero();
        assertThat(new TsReader().read(ts).pes().get(0).payload()).hasSize(frame.length);
    }

    @Test
    void continuityCountersRunOnAcrossSegments() {
        TsMuxer muxer = new TsMuxer();
        TsReader reader = new TsReader();
        for (int segment = 0; segment < 20; segment++) {
            MediaBytes out = new MediaBytes(4096);
            muxer.writeTables(true, true, out);
            muxer.writePes(TsMuxer.Stream.VIDEO, 0, 0, new byte[500], 500, true, 0, out);
            muxer.writePes(TsMuxer.Stream.AUDIO, 0, 0, new byte[100], 100, false, -1, out);
            assertThat(reader.read(out.toByteArray()).firstPids()).containsExactly(0, TsMuxer.PMT_PID, VIDEO);
        }
    }

    @Test
    void timestampsAndPcrWrapAt33Bits() {
        MediaBytes out = new MediaBytes(1024);
        long wrap = 1L << 33;
        new TsMuxer().writePes(TsMuxer.Stream.VIDEO, wrap + 90, wrap + 45, new byte[10], 10, true, wrap + 5, out);

        TsReader.Pes pes = new TsReader().read(out.toByteArray()).pes().get(0);
        assertThat(pes.pts()).isEqualTo(90);
        assertThat(pes.dts()).isEqualTo(45);
        assertThat(pes.pcr()).isEqualTo(5);
    }

    @Test
    void theSectionCrcIsTheMpeg2CrcOfAnnexA() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        for (int length : new int[] {0, 1, 8, 12, 299}) {
            assertThat(MpegCrc32.of(data, 1, length)).isEqualTo(TsReader.crc32(data, 1, length));
        }
    }
}
