package io.sipvista.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G.711 decoding checked against values worked out from the standard (ITU-T G.711 tables 1 and 2). The 16-bit
 * outputs are the standard's decoder outputs scaled: μ-law ×4 (14-bit), A-law ×8 (13-bit).
 */
class G711Test {
    @Test
    void ulawFfIsZero() {
        // 0xFF inverted is 0x00: sign 0, segment 0, step 0: ((0 << 3) + 132) << 0, minus 132 = 0
        assertThat(G711.ulaw(0xFF)).isEqualTo((short) 0);
    }

    @Test
    void ulaw7fIsAlsoZero() {
        // 0x7F inverted is 0x80: the negative zero of μ-law, magnitude 0
        assertThat(G711.ulaw(0x7F)).isEqualTo((short) 0);
    }

    @Test
    void ulaw00IsTheMostNegative() {
        // 0x00 inverted is 0xFF: negative, segment 7, step 15: ((15 << 3) + 132) << 7 = 252 * 128 = 32256, - 132
        // = 32124; G.711 table 2 gives 8031 for this code in 14 bits, and 8031 * 4 = 32124
        assertThat(G711.ulaw(0x00)).isEqualTo((short) -32124);
    }

    @Test
    void ulaw80IsTheMostPositive() {
        // 0x80 inverted is 0x7F: positive, segment 7, step 15
        assertThat(G711.ulaw(0x80)).isEqualTo((short) 32124);
    }

    @Test
    void ulawEfIsTheFirstStepOfSegmentOne() {
        // 0xEF inverted is 0x10: positive, segment 1, step 0: 14-bit output ((2*0 + 33) << 1) - 33 = 33; 33 * 4 = 132
        assertThat(G711.ulaw(0xEF)).isEqualTo((short) 132);
    }

    @Test
    void ulawFeIsTheSmallestNonZeroStep() {
        // 0xFE inverted is 0x01: positive, segment 0, step 1: 14-bit output 2*1 = 2 (segment 0 has steps of 2);
        // 16-bit: ((1 << 3) + 132) - 132 = 8
        assertThat(G711.ulaw(0xFE)).isEqualTo((short) 8);
    }

    @Test
    void alaw55IsMinusEight() {
        // 0x55 XOR 0x55 = 0x00: sign bit clear = negative, segment 0, step 0: output 2*0 + 1 = 1 in 12-bit
        // units (1/4096 of full scale), * 8 = 8
        assertThat(G711.alaw(0x55)).isEqualTo((short) -8);
    }

    @Test
    void alawD5IsPlusEight() {
        // 0xD5 XOR 0x55 = 0x80: sign bit set = positive, segment 0, step 0
        assertThat(G711.alaw(0xD5)).isEqualTo((short) 8);
    }

    @Test
    void alawAaIsTheMostPositive() {
        // 0xAA XOR 0x55 = 0xFF: positive, segment 7, step 15: (2*15 + 33) << 6 = 4032 (table 1's top value), * 8
        assertThat(G711.alaw(0xAA)).isEqualTo((short) 32256);
    }

    @Test
    void alaw2aIsTheMostNegative() {
        // 0x2A XOR 0x55 = 0x7F: negative, segment 7, step 15
        assertThat(G711.alaw(0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void alaw45IsTheFirstStepOfSegmentOne() {
        // 0x45 XOR 0x55 = 0x10: negative, segment 1, step 0: (2*0 + 33) << 0 = 33, * 8 = 264
        assertThat(G711.alaw(0x45)).isEqualTo((short) -264);
    }

    @Test
    void everyCodeDecodesWithinTheG711Range() {
        for (int c = 0; c < 256; c++) {
            assertThat((int) G711.ulaw(c)).as("ulaw %02x", c).isBetween(-32124, 32124);
            assertThat((int) G711.alaw(c)).as("alaw %02x", c).isBetween(-32256, 32256).isNotZero();
        }
    }

    @Test
    void ulawIsMonotonicWithinEachSign() {
        // positive codes 0x80..0xFF run from loudest to silence; negative codes 0x00..0x7F from loudest to silence
        for (int c = 0x80; c < 0xFF; c++) {
            assertThat(G711.ulaw(c)).as("ulaw %02x", c).isGreaterThan(G711.ulaw(c + 1));
        }
        for (int c = 0x00; c < 0x7F; c++) {
            assertThat(G711.ulaw(c)).as("ulaw %02x", c).isLessThan(G711.ulaw(c + 1));
        }
    }

    @Test
    void alawIsMonotonicWithinEachSignAfterTheEvenBitMask() {
        // the 7 magnitude bits (after XOR 0x55) count up the steps; the sign bit set means positive
        for (int m = 0; m < 127; m++) {
            assertThat(G711.alaw((0x80 | m) ^ 0x55)).isLessThan(G711.alaw((0x80 | (m + 1)) ^ 0x55));
            assertThat(G711.alaw(m ^ 0x55)).isGreaterThan(G711.alaw((m + 1) ^ 0x55));
        }
    }

    @Test
    void encodingADecodedUlawValueGivesTheSameValueBack() {
        for (int c = 0; c < 256; c++) {
            short v = G711.ulaw(c);
            assertThat(G711.ulaw(G711.encodeUlaw(v))).as("ulaw %02x", c).isEqualTo(v);
        }
    }

    @Test
    void encodingADecodedAlawValueGivesTheSameCodeBack() {
        for (int c = 0; c < 256; c++) {
            assertThat(G711.encodeAlaw(G711.alaw(c)) & 0xFF).as("alaw %02x", c).isEqualTo(c);
        }
    }

    @Test
    void silenceEncodesToTheUsualSilenceCodes() {
        assertThat(G711.encodeUlaw(0) & 0xFF).isEqualTo(0xFF);
        assertThat(G711.encodeAlaw(0) & 0xFF).isEqualTo(0xD5);
    }

    @Test
    void encodersClampOutOfRangeSamples() {
        assertThat(G711.encodeUlaw(100_000) & 0xFF).isEqualTo(0x80);
        assertThat(G711.encodeAlaw(-100_000) & 0xFF).isEqualTo(0x2A);
    }

    @Test
    void arrayDecodingHonoursOffsets() {
        byte[] src = {0x11, (byte) 0xFF, 0x00, (byte) 0xD5, 0x22};
        short[] dst = new short[5];
        G711.decodeUlaw(src, 1, 2, dst, 2);
        assertThat(dst).containsExactly(0, 0, 0, -32124, 0);
        G711.decodeAlaw(src, 3, 1, dst, 0);
        assertThat(dst[0]).isEqualTo((short) 8);
    }
}
