package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RecentValues#getAscii} must do what {@link RecentValues#get} does with the same text as a string: the same
 * hits, the same values pushed out. Tables of one, two and eight buckets, so that near-equal keys (one byte apart)
 * meet in a bucket.
 */
class RecentValuesAsciiTest {
    @Test
    void bytesLookedUpGiveWhatTheirStringGives() {
        for (int bits = 1; bits <= 4; bits++) {
            Random rnd = new Random(7 + bits);
            RecentValues<String, String> byBytes = new RecentValues<>(bits);
            RecentValues<String, String> byString = new RecentValues<>(bits);
            OneForOne pairs = new OneForOne();
            for (int step = 0; step < 20000; step++) {
                byte[] b = new byte[8 + rnd.nextInt(8)];
                rnd.nextBytes(b);
                int from = rnd.nextInt(4);
                int to = from + rnd.nextInt(4);
                nearKeys(rnd, b, from, to);
                String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
                pairs.check(step, text, RecentValues.getAscii(byBytes, b, from, to, String::new),
                        byString.get(text, String::new));
            }
        }
    }

    @Test
    void stringsAndBytesLookedUpInOneTableGiveWhatStringsAloneGive() {
        for (int bits = 1; bits <= 4; bits++) {
            Random rnd = new Random(70 + bits);
            RecentValues<String, String> mixed = new RecentValues<>(bits);
            RecentValues<String, String> byString = new RecentValues<>(bits);
            OneForOne pairs = new OneForOne();
            for (int step = 0; step < 20000; step++) {
                byte[] b = new byte[12];
                int from = rnd.nextInt(3);
                int to = from + rnd.nextInt(9);
                nearKeys(rnd, b, from, to);
                String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
                // half the lookups by a string (as HeaderValuePool.text and SDP words are), half by bytes
                String got = rnd.nextBoolean() ? mixed.get(new String(text), String::new)
                        : RecentValues.getAscii(mixed, b, from, to, String::new);
                pairs.check(step, text, got, byString.get(text, String::new));
            }
        }
    }

    /**
     * What the table under test gave against what a table looked up by strings alone gave at the same step: equal to
     * the key, and one for one (the same value of the one whenever the other gave the same value).
     */
    private static final class OneForOne {
        private final Map<String, String> mine = new IdentityHashMap<>();
        private final Map<String, String> theirs = new IdentityHashMap<>();

        void check(int step, String text, String got, String expected) {
            assertThat(got).isEqualTo(text);
            String before = mine.putIfAbsent(expected, got);
            assertThat(before == null ? got : before).as("step %d, key \"%s\"", step, text).isSameAs(got);
            String other = theirs.putIfAbsent(got, expected);
            assertThat(other == null ? expected : other).as("step %d, key \"%s\"", step, text).isSameAs(expected);
        }
    }

    /** Writes {@code b[from, to)} from five letters, so that keys come again, often one byte apart. */
    private static void nearKeys(Random rnd, byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            b[i] = (byte) "ab\u0000~ ".charAt(rnd.nextInt(5));
        }
    }
}
