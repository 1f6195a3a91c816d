package io.sipvista.testkit;

/** Makes G.711 payloads of a pure tone, bit-for-bit reproducible on every JVM ({@link StrictMath}). */
final class G711Tone {
    private static final int SAMPLE_RATE = 8000;

    private G711Tone() {
    }

    /** {@code samples} μ-law bytes of a {@code hz} sine of peak {@code amplitude}, from sample {@code start}. */
    static byte[] ulaw(int hz, int samples, long start, int amplitude) {
        byte[] out = new byte[samples];
        for (int i = 0; i < samples; i++) {
            double phase = 2 * StrictMath.PI * hz * ((start + i) % SAMPLE_RATE) / SAMPLE_RATE;
            out[i] = linearToUlaw((int) StrictMath.round(amplitude * StrictMath.sin(phase)));
        }
        return out;
    }

    /** ITU-T G.711 μ-law encoding of one 16-bit linear sample. */
    static byte linearToUlaw(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }
}
