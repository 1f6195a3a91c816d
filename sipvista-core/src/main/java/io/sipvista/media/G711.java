package io.sipvista.media;

/**
 * ITU-T G.711 companding: μ-law (PCMU, RTP payload type 0) and A-law (PCMA, payload type 8) code words to 16-bit
 * linear PCM, and back. Owns the two 256-entry decoding tables, built once when the class loads by pure functions
 * and never changed or handed out.
 *
 * <p>Scale: G.711's decoder outputs are 14-bit (μ-law, ±8031) and 13-bit (A-law, ±4032) values; here they are
 * shifted left to 16 bits (×4 and ×8), so the loudest μ-law code decodes to ±32124 and the loudest A-law code to
 * ±32256, the values every G.711 implementation in telephony software produces.
 *
 * <p>Every byte is a valid code word, so decoding cannot fail.
 */
public final class G711 {
    /** μ-law code word → 16-bit sample. */
    private static final short[] ULAW = ulawTable();
    /** A-law code word → 16-bit sample. */
    private static final short[] ALAW = alawTable();

    private G711() {
    }

    /** The 16-bit linear sample of one μ-law code word (only the low 8 bits of {@code code} are read). */
    public static short ulaw(int code) {
        return ULAW[code & 0xFF];
    }

    /** The 16-bit linear sample of one A-law code word (only the low 8 bits of {@code code} are read). */
    public static short alaw(int code) {
        return ALAW[code & 0xFF];
    }

    /** Decodes {@code len} μ-law bytes of {@code src} from {@code off} into {@code dst} from {@code dstOff}. */
    public static void decodeUlaw(byte[] src, int off, int len, short[] dst, int dstOff) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = ULAW[src[off + i] & 0xFF];
        }
    }

    /** Decodes {@code len} A-law bytes of {@code src} from {@code off} into {@code dst} from {@code dstOff}. */
    public static void decodeAlaw(byte[] src, int off, int len, short[] dst, int dstOff) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = ALAW[src[off + i] & 0xFF];
        }
    }

    /**
     * The μ-law code word nearest to a 16-bit sample (G.711 encoder: bias 132 in the 16-bit scale, segment from the
     * position of the highest set bit, four mantissa bits, all bits inverted).
     */
    public static byte encodeUlaw(int sample) {
        int s = Math.max(-32768, Math.min(32767, sample));
        int sign = s < 0 ? 0x80 : 0;
        int magnitude = Math.min(s < 0 ? -s : s, 32635) + 0x84;
        int segment = 7;
        for (int mask = 0x4000; segment > 0 && (magnitude & mask) == 0; mask >>= 1) {
            segment--;
        }
        int mantissa = (magnitude >> (segment + 3)) & 0x0F;
        return (byte) ~(sign | (segment << 4) | mantissa);
    }

    /**
     * The A-law code word nearest to a 16-bit sample (G.711 encoder on the 13-bit magnitude, even bits inverted
     * by the 0x55 mask; the sign bit set means positive).
     */
    public static byte encodeAlaw(int sample) {
        int s = Math.max(-32768, Math.min(32767, sample));
        int sign = s >= 0 ? 0x80 : 0;
        int magnitude = Math.min(s < 0 ? -s - 1 : s, 32767) >> 3; // 12-bit magnitude, 0..4095
        int code;
        if (magnitude < 32) {
            code = magnitude >> 1; // segment 0: steps of 2
        } else {
            int segment = 1;
            while (segment < 7 && magnitude >= (64 << (segment - 1))) {
                segment++;
            }
            code = (segment << 4) | ((magnitude >> segment) & 0x0F);
        }
        return (byte) ((sign | code) ^ 0x55);
    }

    /**
     * μ-law decoding (G.711 table 2): the code is sent inverted; after inversion bit 7 is the sign (set: negative),
     * bits 6-4 the segment e and bits 3-0 the step m; the 14-bit output is ((2m + 33) << e) - 33, here in the 16-bit
     * scale: ((m << 3) + 132) << e, minus 132.
     */
    private static short[] ulawTable() {
        short[] t = new short[256];
        for (int code = 0; code < 256; code++) {
            int u = ~code & 0xFF;
            int segment = (u >> 4) & 0x07;
            int magnitude = ((((u & 0x0F) << 3) + 0x84) << segment) - 0x84;
            t[code] = (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
        }
        return t;
    }

    /**
     * A-law decoding (G.711 table 1): the even bits are sent inverted (XOR 0x55); then bit 7 is the sign (set:
     * positive), bits 6-4 the segment e and bits 3-0 the step m; the output is 2m + 1 in segment 0 and
     * (2m + 33) << (e - 1) above it, in units of 1/4096 of full scale, here ×8 for 16 bits.
     */
    private static short[] alawTable() {
        short[] t = new short[256];
        for (int code = 0; code < 256; code++) {
            int a = code ^ 0x55;
            int segment = (a >> 4) & 0x07;
            int mantissa = a & 0x0F;
            int magnitude = segment == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (segment - 1);
            t[code] = (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
        }
        return t;
    }
}
