package io.sipvista.sip.sdp;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Addresses#isIp4} reads the characters in one pass; these tests hold it to the rule it replaced, which split
 * on dots (kept here as {@link #splitRule}), over every short string of a small alphabet and many generated dotted
 * strings.
 */
class AddressesDifferentialTest {
    /** Digits, the dot, and what a part may wrongly hold: a letter, signs, a space, non-ASCII digits. */
    private static final char[] ALPHABET = {'0', '1', '2', '5', '9', '.', 'a', '+', '-', ' ', ':', '\u0663', '\uFF11'};

    /** The rule as it was: split on dots, four parts, each one to three ASCII digits at most 255. */
    private static boolean splitRule(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.length() > 3 || Tokens.number(p, 255) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void same(String s) {
        assertThat(Addresses.isIp4(s)).as("isIp4(\"%s\")", s).isEqualTo(splitRule(s));
    }

    @Test
    void everyShortString() {
        char[] buf = new char[5];
        for (int length = 0; length <= buf.length; length++) {
            int[] at = new int[length];
            while (true) {
                for (int i = 0; i < length; i++) {
                    buf[i] = ALPHABET[at[i]];
                }
                same(new String(buf, 0, length));
                int i = length - 1;
                while (i >= 0 && ++at[i] == ALPHABET.length) {
                    at[i--] = 0;
                }
                if (i < 0) {
                    break;
                }
            }
        }
    }

    @Test
    void generatedDottedStrings() {
        Random random = new Random(4566);
        int accepted = 0;
        for (int n = 0; n < 300_000; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextBoolean() ? 4 : 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                if (p > 0) {
                    sb.append('.');
                }
                // mostly one to three digits; sometimes empty, or more than three (leading zeros too)
                int length = random.nextInt(4) == 0 ? random.nextInt(6) : 1 + random.nextInt(3);
                for (int i = 0; i < length; i++) {
                    sb.append(random.nextInt(40) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)]
                            : (char) ('0' + random.nextInt(random.nextBoolean() ? 3 : 10)));
                }
            }
            String s = sb.toString();
            same(s);
            accepted += splitRule(s) ? 1 : 0;
        }
        assertThat(accepted).as("enough valid addresses among the generated ones").isGreaterThan(10_000);
    }

    @Test
    void edges() {
        for (String s : new String[] {"", ".", "...", "....", "1.2.3.4.", ".1.2.3.4", "255.255.255.255",
                "256.0.0.0", "0.0.0.256", "000.0.0.0", "0000.0.0.0", "1.2.3.04", "1.2.3.4 ", "1.2.3.\u0663",
                "999.1.1.1", "1.2.3", "1.2.3.4.5"}) {
            same(s);
        }
    }
}
