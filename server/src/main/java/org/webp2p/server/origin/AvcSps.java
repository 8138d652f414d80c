package org.webp2p.server.origin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) a master playlist needs:
 * profile, constraint flags and level for the RFC 6381 codec string, and the cropped picture size.
 *
 * @param constraints the byte of constraint_set flags that follows profile_idc
 */
record AvcSps(int profile, int constraints, int level, int width, int height) {
    // profile_idc values whose SPS carries chroma format, bit depths and scaling matrices (§7.3.2.1.1).
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118,
            128, 138, 139, 134, 135);

    /** {@code avc1.PPCCLL}: profile, constraint flags and level in hex, as RFC 6381 §3.3 writes them. */
    String codec() {
        return String.format(Locale.ROOT, "avc1.%02x%02x%02x", profile, constraints, level);
    }

    /**
     * Reads an SPS NAL unit (its header byte first, emulation prevention bytes still in).
     *
     * @throws IllegalArgumentException when it is not an SPS or ends early
     */
    static AvcSps parse(byte[] nal, int offset, int length) {
        BitReader r = new BitReader(unescape(nal, offset, length));
        if ((r.bits(8) & 0x1f) != 7) {
            throw new IllegalArgumentException("not an SPS NAL unit");
        }
        int profile = r.bits(8);
        int constraints = r.bits(8);
        int level = r.bits(8);
        r.ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        boolean separateColourPlanes = false;
        if (HIGH_PROFILES.contains(profile)) {
            chromaFormat = r.ue();
            if (chromaFormat == 3) {
                separateColourPlanes = r.bits(1) == 1;
            }
            r.ue(); // bit_depth_luma_minus8
            r.ue(); // bit_depth_chroma_minus8
            r.bits(1); // qpprime_y_zero_transform_bypass_flag
            if (r.bits(1) == 1) {
                for (int i = 0; i < (chromaFormat == 3 ? 12 : 8); i++) {
                    if (r.bits(1) == 1) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int pocType = r.ue();
        if (pocType == 0) {
            r.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (pocType == 1) {
            r.bits(1); // delta_pic_order_always_zero_flag
            r.se(); // offset_for_non_ref_pic
            r.se(); // offset_for_top_to_bottom_field
            int cycle = r.ue();
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue(); // max_num_ref_frames
        r.bits(1); // gaps_in_frame_num_value_allowed_flag
        int widthInMbs = r.ue() + 1;
        int heightInMapUnits = r.ue() + 1;
        int frameMbsOnly = r.bits(1);
        if (frameMbsOnly == 0) {
            r.bits(1); // mb_adaptive_frame_field_flag
        }
        r.bits(1); // direct_8x8_inference_flag
        int width = widthInMbs * 16;
        int height = (2 - frameMbsOnly) * heightInMapUnits * 16;
        if (r.bits(1) == 1) {
            // §7.4.2.1.1: the crop offsets count in units of chroma samples (and of fields for interlace).
            int arrayType = separateColourPlanes ? 0 : chromaFormat;
            int cropX = arrayType == 0 ? 1 : (chromaFormat == 3 ? 1 : 2);
            int cropY = (arrayType == 0 ? 1 : (chromaFormat == 1 ? 2 : 1)) * (2 - frameMbsOnly);
            width -= cropX * (r.ue() + r.ue());
            height -= cropY * (r.ue() + r.ue());
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("SPS crops the picture away: " + width + "x" + height);
        }
        return new AvcSps(profile, constraints, level, width, height);
    }

    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++) {
            next = (last + r.se() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }

    /** The RBSP: every 0x03 that follows two zero bytes was put there to stop a start code, and goes (§7.4.1). */
    private static byte[] unescape(byte[] b, int offset, int length) {
        byte[] out = new byte[length];
        int n = 0;
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            int v = b[i] & 0xff;
            if (zeros >= 2 && v == 3) {
                zeros = 0;
                continue;
            }
            zeros = v == 0 ? zeros + 1 : 0;
            out[n++] = (byte) v;
        }
        return Arrays.copyOf(out, n);
    }

    /** Most significant bit first, with the Exp-Golomb codes of §9.1. */
    private static final class BitReader {
        private final byte[] b;
        private long at;

        BitReader(byte[] b) {
            this.b = b;
        }

        int bits(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                int index = (int) (at >> 3);
                if (index >= b.length) {
                    throw new IllegalArgumentException("SPS ends early");
                }
                v = (v << 1) | ((b[index] >> (7 - (int) (at & 7))) & 1);
                at++;
            }
            return v;
        }

        int ue() {
            int zeros = 0;
            while (bits(1) == 0) {
                if (++zeros > 31) {
                    throw new IllegalArgumentException("SPS has an Exp-Golomb code longer than 32 bits");
                }
            }
            return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : bits(zeros) & 0xffffffffL));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
