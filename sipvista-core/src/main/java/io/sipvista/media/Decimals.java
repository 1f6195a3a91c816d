package io.sipvista.media;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A number with a fixed count of decimals, written exactly as {@code String.format(Locale.ROOT, "%.Nf", x)} writes
 * it, without a {@code Formatter} per number.
 *
 * <p>What the formatter writes: the shortest decimal that reads back as the double (the digits of
 * {@link Double#toString(double)}), rounded half up at the last decimal kept; a minus sign whenever the sign bit is
 * set, so {@code -0.0} and a small negative number rounded to zero both keep it ({@code "-0.0"}); no decimal point
 * for no decimals; {@code NaN}, {@code Infinity} and {@code -Infinity} as words; large numbers in full, the shortest
 * digits followed by zeros ({@code 1e20} is {@code 100000000000000000000.0}).
 *
 * <p>How it is done here: most numbers are scaled by the power of ten and rounded in binary. That gives the same
 * digits because the shortest decimal and the scaled double are both within a few units in the last place of the
 * number, far closer than the distance from a half; only a number whose scaled value is within that distance of
 * a half (a tie such as {@code 0.125} to two decimals, where the shortest decimal decides), or one too large to
 * scale into a long, is rounded from its shortest decimal as a {@link BigDecimal}. {@code DecimalsTest} checks
 * both ways against the formatter, on edge values and a million random ones.
 */
public final class Decimals {
    /** Most decimals: the powers of ten up to this are exact doubles and longs. */
    static final int MAX_DIGITS = 9;
    private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};
    /** Scaled values below this are rounded in binary: far inside a long, and a double's error is tiny beside 0.5. */
    private static final double FAST_BELOW = 0x1p40;
    /**
     * How close to a half, relative to the scaled value, a fraction may be and still be rounded in binary. The
     * scaled double and the shortest decimal each lie within 2^-53 of the number, relative; this allows 2^-48.
     */
    private static final double TIE_MARGIN = 0x1p-48;

    private Decimals() {
    }

    /** {@code x} with {@code digits} decimals (0 to {@link #MAX_DIGITS}), as {@code "%.<digits>f"} would write it. */
    public static String format(double x, int digits) {
        StringBuilder out = new StringBuilder(24);
        append(out, x, digits);
        return out.toString();
    }

    /** Appends {@code x} with {@code digits} decimals (0 to {@link #MAX_DIGITS}), as {@code "%.<digits>f"} would. */
    public static void append(StringBuilder out, double x, int digits) {
        if (digits < 0 || digits > MAX_DIGITS) {
            throw new IllegalArgumentException("decimals must be 0.." + MAX_DIGITS + ": " + digits);
        }
        if (Double.isNaN(x)) {
            out.append("NaN");
            return;
        }
        boolean negative = Double.doubleToRawLongBits(x) < 0;
        if (negative) {
            out.append('-');
        }
        double magnitude = Math.abs(x);
        if (magnitude == Double.POSITIVE_INFINITY) {
            out.append("Infinity");
            return;
        }
        double scaled = magnitude * POWERS[digits];
        if (scaled < FAST_BELOW) {
            double whole = Math.floor(scaled);
            double fraction = scaled - whole; // exact: both are multiples of the scaled value's unit in the last place
            if (Math.abs(fraction - 0.5) > scaled * TIE_MARGIN) {
                appendScaled(out, (long) whole + (fraction > 0.5 ? 1 : 0), digits);
                return;
            }
        }
        out.append(new BigDecimal(Double.toString(magnitude)).setScale(digits, RoundingMode.HALF_UP).toPlainString());
    }

    /** Writes {@code scaled / 10^digits} with exactly {@code digits} decimals; {@code scaled} is not negative. */
    private static void appendScaled(StringBuilder out, long scaled, int digits) {
        if (digits == 0) {
            out.append(scaled);
            return;
        }
        long power = POWERS[digits];
        out.append(scaled / power).append('.');
        long fraction = scaled % power;
        for (long p = power / 10; p > fraction && p > 1; p /= 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
