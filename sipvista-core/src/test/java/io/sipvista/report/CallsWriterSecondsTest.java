package io.sipvista.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallsWriterSecondsTest {
    @Test
    void writesDurationsInMillisecondsAndLongOnesInWords() {
        assertThat(CallsWriter.seconds(java.time.Duration.ofMillis(1_000))).isEqualTo("1.000 s");
        assertThat(CallsWriter.seconds(java.time.Duration.ofMillis(5))).isEqualTo("0.005 s");
        assertThat(CallsWriter.seconds(java.time.Duration.ofMillis(42_070))).isEqualTo("42.070 s");
        assertThat(CallsWriter.seconds(java.time.Duration.ofNanos(599_999_999_999L))).isEqualTo("599.999 s");
        assertThat(CallsWriter.seconds(java.time.Duration.ofMillis(-500))).isEqualTo("-0.500 s");
        assertThat(CallsWriter.seconds(java.time.Duration.ofMinutes(10)))
                .isEqualTo(io.sipvista.insight.Durations.words(java.time.Duration.ofMinutes(10)));
        // capture times far apart (pcapng timestamps are 64 bits) must not overflow the milliseconds
        assertThat(CallsWriter.seconds(java.time.Duration.ofSeconds(Long.MIN_VALUE / 2))).startsWith("-");
    }
}
