package io.sipvista.analysis;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MediaStreams#hex} writes an SSRC as {@code String.format("0x%08X")} of its low 32 bits did. */
class SsrcHexTest {
    private static String formatted(long ssrc) {
        return String.format(Locale.ROOT, "0x%08X", ssrc & 0xFFFFFFFFL);
    }

    @Test
    void edgesArePaddedAndUpperCase() {
        assertThat(MediaStreams.hex(0)).isEqualTo("0x00000000");
        assertThat(MediaStreams.hex(0xABCL)).isEqualTo("0x00000ABC");
        assertThat(MediaStreams.hex(0xFFFFFFFFL)).isEqualTo("0xFFFFFFFF");
        assertThat(MediaStreams.hex(0x1_2345_6789L)).as("only the low 32 bits").isEqualTo("0x23456789");
        assertThat(MediaStreams.hex(-1)).isEqualTo("0xFFFFFFFF");
        for (long v : new long[] {0, 1, 0xF, 0x10, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0x100000000L,
                Long.MIN_VALUE, Long.MAX_VALUE, -2}) {
            assertThat(MediaStreams.hex(v)).as("%d", v).isEqualTo(formatted(v));
        }
    }

    @Test
    void randomValuesMatchTheFormatter() {
        SplittableRandom r = new SplittableRandom(20261201);
        for (int i = 0; i < 200_000; i++) {
            long v = i % 2 == 0 ? r.nextLong() : r.nextLong(1L << (1 + r.nextInt(33)));
            assertThat(MediaStreams.hex(v)).isEqualTo(formatted(v));
        }
    }
}
