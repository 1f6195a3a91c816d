package io.sipvista.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampResolutionTest {

    @Test
    void microsecondsByDefault() {
        TimestampResolution r = TimestampResolution.MICROS;
        assertThat(r.seconds(1_700_000_000_654_321L)).isEqualTo(1_700_000_000L);
        assertThat(r.nanos(1_700_000_000_654_321L)).isEqualTo(654_321_000);
        assertThat(r.timeDigits()).isEqualTo(6);
    }

    @Test
    void nanosecondTicksAboveTheSignedRangeAreUnsigned() {
        TimestampResolution r = TimestampResolution.of(9);
        long ticks = 0xFFFF_FFFF_FFFF_FFFFL; // 18446744073.709551615 s
        assertThat(r.seconds(ticks)).isEqualTo(18_446_744_073L);
        assertThat(r.nanos(ticks)).isEqualTo(709_551_615);
    }

    @Test
    void powerOfTwoTwentyIsExactToTheNanosecondFloor() {
        TimestampResolution r = TimestampResolution.of(0x80 | 20);
        assertThat(r.binary()).isTrue();
        assertThat(r.seconds((3L << 20) | 1)).isEqualTo(3);
        assertThat(r.nanos((3L << 20) | 1)).isEqualTo(953);             // 10^9 / 2^20 = 953.67
        assertThat(r.nanos((3L << 20) | ((1 << 20) - 1))).isEqualTo(999_999_046);
        assertThat(r.timeDigits()).isEqualTo(7);
    }

    @Test
    void finePowersOfTwoUseWideArithmetic() {
        TimestampResolution r = TimestampResolution.of(0x80 | 40);
        long ticks = (5L << 40) | (1L << 39);
        assertThat(r.seconds(ticks)).isEqualTo(5);
        assertThat(r.nanos(ticks)).isEqualTo(500_000_000);
        assertThat(r.nanos((5L << 40) | 1)).isZero(); // 2^-40 s is below a nanosecond
        assertThat(r.timeDigits()).isEqualTo(9);
    }

    @Test
    void finerThanNanosecondsDropsTheRest() {
        TimestampResolution r = TimestampResolution.of(12);
        assertThat(r.seconds(7_123_456_789_999L)).isEqualTo(7);
        assertThat(r.nanos(7_123_456_789_999L)).isEqualTo(123_456_789);
        assertThat(r.timeDigits()).isEqualTo(9);
    }

    @Test
    void exponentsBeyondSignedLongPowersOfTen() {
        TimestampResolution r = TimestampResolution.of(19);
        long ticks = 0xFFFF_FFFF_FFFF_FFFFL; // 1.8446744073709551615 s
        assertThat(r.seconds(ticks)).isEqualTo(1);
        assertThat(r.nanos(ticks)).isEqualTo(844_674_407);
    }

    @Test
    void wholeSeconds() {
        TimestampResolution r = TimestampResolution.of(0);
        assertThat(r.seconds(42)).isEqualTo(42);
        assertThat(r.nanos(42)).isZero();
        assertThat(r.timeDigits()).isZero();
        assertThat(TimestampResolution.of(0x80).nanos(42)).isZero();
    }

    @Test
    void milliseconds() {
        TimestampResolution r = TimestampResolution.of(3);
        assertThat(r.nanos(1_999)).isEqualTo(999_000_000);
        assertThat(r.timeDigits()).isEqualTo(3);
    }
}
