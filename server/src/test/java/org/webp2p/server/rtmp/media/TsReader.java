package org.webp2p.server.rtmp.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MPEG-TS back by ISO/IEC 13818-1, independently of the code under test: every packet's sync
 * byte, continuity counter and adaptation field is checked, and the PES packets of each PID are
 * reassembled. A broken stream throws an {@link AssertionError} that says where.
 */
final class TsReader {

    /** One PES packet as read back. */
    record Pes(int pid, int streamId, long pts, long dts, boolean randomAccess, long pcr, byte[] payload) {
    }

    /** What a stream of packets held: the PES packets in order, and the PIDs of the packets at its start. */
    record Result(List<Pes> pes, List<Integer> firstPids, Map<Integer, Integer> pmtStreamTypes, int pcrPid) {
        List<Pes> of(int pid) {
            return pes.stream().filter(p -> p.pid() == pid).toList();
        }
    }

    private final Map<Integer, Integer> continuity = new HashMap<>();

    /** Reads {@code ts}, carrying continuity counters over from what this reader read before. */
    Result read(byte[] ts) {
        if (ts.length % 188 != 0) {
            throw new AssertionError("not whole TS packets: " + ts.length + " bytes");
        }
        List<Pes> done = new ArrayList<>();
        List<Integer> firstPids = new ArrayList<>();
        Map<Integer, Integer> streamTypes = new HashMap<>();
        int[] pcrPid = {-1};
        Map<Integer, ByteArrayOutputStream> open = new HashMap<>();
        Map<Integer, long[]> openFlags = new HashMap<>();
        for (int p = 0; p < ts.length; p += 188) {
            if ((ts[p] & 0xff) != 0x47) {
                throw new AssertionError("no sync byte at " + p);
            }
            int pid = ((ts[p + 1] & 0x1f) << 8) | (ts[p + 2] & 0xff);
            boolean start = (ts[p + 1] & 0x40) != 0;
            int control = (ts[p + 3] >> 4) & 3;
            int cc = ts[p + 3] & 0x0f;
            if (firstPids.size() < 3) {
                firstPids.add(pid);
            }
            Integer last = continuity.put(pid, cc);
            if (last != null && (control & 1) != 0 && cc != ((last + 1) & 0x0f)) {
                throw new AssertionError("continuity of PID " + pid + " at " + p + ": " + last + " then " + cc);
            }
            int at = p + 4;
            boolean randomAccess = false;
            long pcr = -1;
            if ((control & 2) != 0) {
                int length = ts[p + 4] & 0xff;
                if (length > 183 || (control == 3 && length > 182)) {
                    throw new AssertionError("adaptation field of " + length + " bytes at " + p);
                }
                if (length > 0) {
                    randomAccess = (ts[p + 5] & 0x40) != 0;
                    if ((ts[p + 5] & 0x10) != 0) {
                        pcr = ((ts[p + 6] & 0xffL) << 25) | ((ts[p + 7] & 0xffL) << 17) | ((ts[p + 8] & 0xffL) << 9)
                                | ((ts[p + 9] & 0xffL) << 1) | ((ts[p + 10] & 0xffL) >> 7);
                    }
                    int flagBytes = (ts[p + 5] & 0x10) != 0 ? 7 : 1;
                    for (int i = p + 5 + flagBytes; i < p + 5 + length; i++) {
                        if ((ts[i] & 0xff) != 0xff) {
                            throw new AssertionError("stuffing that is not 0xFF at " + i);
                        }
                    }
                }
                at = p + 5 + length;
            }
            if ((control & 1) == 0) {
                continue;
            }
            if (pid == 0 || pid == TsMuxer.PMT_PID) {
                readSection(ts, at, p + 188, pid, streamTypes, pcrPid);
                continue;
            }
            if (start) {
                finish(pid, open, openFlags, done);
                open.put(pid, new ByteArrayOutputStream());
                openFlags.put(pid, new long[] {randomAccess ? 1 : 0, pcr});
            } else if (!open.containsKey(pid)) {
                throw new AssertionError("payload of PID " + pid + " before any PES start at " + p);
            }
            open.get(pid).write(ts, at, p + 188 - at);
        }
        for (int pid : List.copyOf(open.keySet())) {
            finish(pid, open, openFlags, done);
        }
        return new Result(done, firstPids, streamTypes, pcrPid[0]);
    }

    private static void readSection(byte[] ts, int at, int end, int pid, Map<Integer, Integer> streamTypes, int[] pcrPid) {
        int section = at + 1 + (ts[at] & 0xff);
        int length = ((ts[section + 1] & 0x0f) << 8) | (ts[section + 2] & 0xff);
        if (section + 3 + length > end) {
            throw new AssertionError("a section longer than its packet on PID " + pid);
        }
        int crc = ((ts[section + 3 + length - 4] & 0xff) << 24) | ((ts[section + 3 + length - 3] & 0xff) << 16)
                | ((ts[section + 3 + length - 2] & 0xff) << 8) | (ts[section + 3 + length - 1] & 0xff);
        if (crc != crc32(ts, section, 3 + length - 4)) {
            throw new AssertionError("bad CRC on PID " + pid);
        }
        if (pid == TsMuxer.PMT_PID) {
            pcrPid[0] = ((ts[section + 8] & 0x1f) << 8) | (ts[section + 9] & 0xff);
            streamTypes.clear();
            for (int e = section + 12; e < section + 3 + length - 4; e += 5) {
                streamTypes.put(((ts[e + 1] & 0x1f) << 8) | (ts[e + 2] & 0xff), ts[e] & 0xff);
            }
        }
    }

    /** Bit by bit, as Annex A states it, rather than the table the code under test uses. */
    static int crc32(byte[] b, int offset, int length) {
        int crc = 0xffffffff;
        for (int i = offset; i < offset + length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean top = ((crc >>> 31) ^ ((b[i] >> bit) & 1)) != 0;
                crc <<= 1;
                if (top) {
                    crc ^= 0x04C11DB7;
                }
            }
        }
        return crc;
    }

    private static void finish(int pid, Map<Integer, ByteArrayOutputStream> open, Map<Integer, long[]> flags,
                               List<Pes> done) {
        ByteArrayOutputStream data = open.remove(pid);
        if (data == null) {
            return;
        }
        long[] f = flags.remove(pid);
        byte[] b = data.toByteArray();
        if (b[0] != 0 || b[1] != 0 || b[2] != 1) {
            throw new AssertionError("PES of PID " + pid + " without a start code");
        }
        int declared = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
        if (declared != 0 && declared != b.length - 6) {
            throw new AssertionError("PES of PID " + pid + " says " + declared + " bytes, holds " + (b.length - 6));
        }
        int ptsDts = (b[7] >> 6) & 3;
        long pts = ptsDts >= 2 ? timestamp(b, 9) : -1;
        long dts = ptsDts == 3 ? timestamp(b, 14) : pts;
        int payload = 9 + (b[8] & 0xff);
        byte[] es = new byte[b.length - payload];
        System.arraycopy(b, payload, es, 0, es.length);
        done.add(new Pes(pid, b[3] & 0xff, pts, dts, f[0] == 1, f[1], es));
    }

    private static long timestamp(byte[] b, int at) {
        return ((b[at] & 0x0eL) << 29) | ((b[at + 1] & 0xffL) << 22) | ((b[at + 2] & 0xfeL) << 14)
                | ((b[at + 3] & 0xffL) << 7) | ((b[at + 4] & 0xffL) >> 1);
    }
}
