package io.sipvista.capture;

import java.math.BigInteger;

/**
 * A pcapng interface's clock unit from its {@code if_tsresol} option: 10^-n seconds when the top bit of the
 * option byte is clear, 2^-n seconds when it is set. Converts a 64-bit unsigned tick count into whole seconds and
 * nanoseconds exactly (integer arithmetic, fractions below a nanosecond are dropped).
 *
 * @param binary   true for 2^-n, false for 10^-n
 * @param exponent n, 0 to 127
 */
record TimestampResolution(boolean binary, int exponent) {
    /** The pcapng default when an interface has no if_tsresol: microseconds. */
    static final TimestampResolution MICROS = new TimestampResolution(false, 6);

    private static final long[] POW10 = new long[19];
    private static final BigInteger TEN = BigInteger.TEN;
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Decodes the option byte. */
    static TimestampResolution of(int optionByte) {
        return new TimestampResolution((optionByte & 0x80) != 0, optionByte & 0x7f);
    }

    /**
     * Fractional-second digits worth showing: n for 10^-n, and for 2^-n the fewest decimal digits that resolve one
     * tick (2^-20 s ~ 0.95 us needs 7); never more than 9 since times are kept in nanoseconds.
     */
    int timeDigits() {
        if (!binary) {
            return Math.min(exponent, 9);
        }
        int digits = 0;
        // smallest d with 10^d >= 2^n
        while (digits < 9 && (exponent >= 63 || POW10[digits] < (1L << exponent))) {
            digits++;
        }
        return digits;
    }

    /** Whole seconds in {@code ticks} (unsigned). */
    long seconds(long ticks) {
        if (binary) {
            return exponent >= 64 ? 0 : ticks >>> exponent;
        }
        if (exponent < POW10.length) {
            return Long.divideUnsigned(ticks, POW10[exponent]);
        }
        return unsigned(ticks).divide(TEN.pow(exponent)).longValue();
    }

    /** Nanoseconds past the whole second in {@code ticks} (unsigned). */
    int nanos(long ticks) {
        if (binary) {
            if (exponent == 0) {
                return 0;
            }
            long fraction = exponent >= 64 ? ticks : ticks & ((1L << exponent) - 1);
            if (exponent <= 33) {
                return (int) ((fraction * 1_000_000_000L) >>> exponent);
            }
            return unsigned(fraction).multiply(BILLION).shiftRight(exponent).intValue();
        }
        if (exponent < POW10.length) {
            long fraction = Long.remainderUnsigned(ticks, POW10[exponent]);
            return exponent <= 9 ? (int) (fraction * POW10[9 - exponent]) : (int) (fraction / POW10[exponent - 9]);
        }
        return unsigned(ticks).mod(TEN.pow(exponent)).divide(TEN.pow(exponent - 9)).intValue();
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }
}
