package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest {
    private static final int RANDOM_NUMBERS = 1_200_000;

    /** What append writes after what is already there; format gives the same on its own. */
    private static String written(double x, int digits) {
        StringBuilder sb = new StringBuilder(">");
        Decimals.append(sb, x, digits);
        String appended = sb.substring(1);
        assertThat(Decimals.format(x, digits)).isEqualTo(appended);
        return appended;
    }

    private static String formatted(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    /** The cases the formatter is known for, written out: half up on the shortest decimal, signs, words, zeros. */
    @Test
    void writesWhatTheFormatterWritesForTheKnownCases() {
        assertThat(written(9.95, 1)).isEqualTo("10.0");
        assertThat(written(9.95, 0)).isEqualTo("10");
        assertThat(written(0.125, 2)).isEqualTo("0.13"); // an exact tie rounds up
        assertThat(written(2.675, 2)).isEqualTo("2.68"); // below the tie in binary, a tie as the shortest decimal
        assertThat(written(1.005, 2)).isEqualTo("1.01");
        assertThat(written(0.5, 0)).isEqualTo("1");
        assertThat(written(2.5, 0)).isEqualTo("3");
        assertThat(written(-0.5, 0)).isEqualTo("-1");
        assertThat(written(-0.0, 1)).isEqualTo("-0.0");
        assertThat(written(-0.0, 0)).isEqualTo("-0");
        assertThat(written(-0.04, 1)).isEqualTo("-0.0");
        assertThat(written(0.0, 3)).isEqualTo("0.000");
        assertThat(written(0.0005, 3)).isEqualTo("0.001");
        assertThat(written(0.045, 2)).isEqualTo("0.05");
        assertThat(written(93.2, 2)).isEqualTo("93.20");
        assertThat(written(7, 3)).isEqualTo("7.000");
        assertThat(written(1e20, 1)).isEqualTo("100000000000000000000.0");
        assertThat(written(1.2345678901234567e20, 0)).isEqualTo("123456789012345670000");
        assertThat(written(Double.NaN, 2)).isEqualTo("NaN");
        assertThat(written(Double.POSITIVE_INFINITY, 2)).isEqualTo("Infinity");
        assertThat(written(Double.NEGATIVE_INFINITY, 0)).isEqualTo("-Infinity");
        assertThat(written(Double.MIN_VALUE, 3)).isEqualTo("0.000");
        assertThat(written(-Double.MIN_VALUE, 3)).isEqualTo("-0.000");
    }

    @Test
    void edgeValuesAreWrittenAsTheFormatterWritesThem() {
        List<Double> edges = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 0.5, 1.5, 0.05,
                0.005, 0.0005, 0.00049999999999999999, 0.49999999999999994, 0.5000000000000001, 9.5, 9.95, 9.995,
                99.95, 999.9995, 0x1p40, 0x1p40 - 0.5, 0x1p40 + 0.5, 0x1p52, 0x1p52 + 1, 0x1p53, 0x1p53 + 2, 0x1p63,
                0x1p64, 1e15, 1e16, 1e17, 1e20, 1e22, 1e23, 9007199254740993.0, 4503599627370495.5,
                (double) Long.MAX_VALUE, 1e-5, 1e-300, 123456.785, 1234567.125, 12345678.5, 0.1, 0.2, 0.3, 0.7));
        for (int exponent = -12; exponent <= 25; exponent++) {
            double power = Math.pow(10, exponent);
            edges.add(power);
            edges.add(Math.nextUp(power));
            edges.add(Math.nextDown(power));
            edges.add(5 * power);
            edges.add(Math.nextUp(5 * power));
            edges.add(Math.nextDown(5 * power));
            edges.add(9.5 * power);
            edges.add(9.95 * power);
        }
        List<String> differences = new ArrayList<>();
        for (double x : edges) {
            for (double signed : new double[] {x, -x}) {
                for (int digits = 0; digits <= Decimals.MAX_DIGITS; digits++) {
                    compare(signed, digits, differences);
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    /**
     * A million and more numbers of every kind, with 0 to 3 decimals (and some with more): any double at all, numbers
     * of each magnitude from 1e-7 to 1e21, ties at the decimal kept, and small integers with a half.
     */
    @Test
    void randomNumbersAreWrittenAsTheFormatterWritesThem() {
        SplittableRandom random = new SplittableRandom(20_260_107);
        List<String> differences = new ArrayList<>();
        int ties = 0;
        for (int i = 0; i < RANDOM_NUMBERS; i++) {
            int digits = i % 10 == 9 ? random.nextInt(Decimals.MAX_DIGITS + 1) : random.nextInt(4);
            double x;
            switch (random.nextInt(5)) {
                case 0 -> x = Double.longBitsToDouble(random.nextLong());
                case 1 -> x = random.nextDouble() * Math.pow(10, random.nextInt(-7, 22));
                case 2 -> {
                    // a decimal ending in 5 just past the decimals kept: a tie, as the shortest decimal
                    long mantissa = random.nextLong(1, 100_000_000L) * 10 + 5;
                    x = Double.parseDouble(mantissa + "e-" + (digits + 1));
                    ties++;
                }
                case 3 -> x = random.nextInt(0, 100_000) + 0.5;
                default -> x = Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(0, 7));
            }
            if (random.nextBoolean()) {
                x = -x;
            }
            compare(x, digits, differences);
        }
        assertThat(ties).isGreaterThan(RANDOM_NUMBERS / 10);
        assertThat(differences).isEmpty();
    }

    @Test
    void writesAfterWhatIsAlreadyThere() {
        StringBuilder sb = new StringBuilder("R ");
        Decimals.append(sb, 93.2, 1);
        sb.append(", MOS ");
        Decimals.append(sb, 4.41, 2);
        assertThat(sb.toString()).isEqualTo("R 93.2, MOS 4.41");
    }

    @Test
    void refusesDecimalsItCannotWrite() {
        assertThatThrownBy(() -> Decimals.append(new StringBuilder(), 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decimals.append(new StringBuilder(), 1, Decimals.MAX_DIGITS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void compare(double x, int digits, List<String> differences) {
        String want = formatted(x, digits);
        String got = written(x, digits);
        if (!want.equals(got) && differences.size() < 20) {
            differences.add(x + " (" + Double.doubleToRawLongBits(x) + ") to " + digits + ": formatter " + want
                    + ", written " + got);
        }
    }
}
