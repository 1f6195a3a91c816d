package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ModeCounterTest {
    /** The most common value of a plain count per value, the smallest on a tie, as streams used to tell it. */
    private static int plainMode(long[] counts) {
        int mode = -1;
        long best = 0;
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] > best) {
                best = counts[v];
                mode = v;
            }
        }
        return mode;
    }

    @Test
    void nothingCountedHasNoMode() {
        assertThat(new ModeCounter(127).mode()).isEqualTo(-1);
    }

    @Test
    void aTieGoesToTheSmallestValueWhateverTheOrderSeen() {
        ModeCounter c = new ModeCounter(127);
        c.add(101);
        c.add(8);
        c.add(101);
        c.add(8);
        assertThat(c.mode()).isEqualTo(8);
        c.add(101);
        assertThat(c.mode()).isEqualTo(101);
    }

    @Test
    void zeroAndTheMaximumAreValues() {
        ModeCounter c = new ModeCounter(255);
        c.add(255);
        assertThat(c.mode()).isEqualTo(255);
        ModeCounter z = new ModeCounter(127);
        z.add(0);
        assertThat(z.mode()).isZero();
    }

    @Test
    void agreesWithAPlainCountPerValueAcrossTheSwitchToOne() {
        Random r = new Random(42);
        for (int round = 0; round < 2000; round++) {
            int max = r.nextBoolean() ? 127 : 255;
            int distinct = 1 + r.nextInt(2 * ModeCounter.LISTED + 2);
            int[] values = new int[distinct];
            for (int i = 0; i < distinct; i++) {
                values[i] = r.nextInt(max + 1);
            }
            ModeCounter c = new ModeCounter(max);
            long[] plain = new long[max + 1];
            int n = 1 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                // runs of one value, as streams send them, and jumps between values
                int v = values[r.nextInt(4) == 0 ? r.nextInt(distinct) : (i / 5) % distinct];
                c.add(v);
                plain[v]++;
                assertThat(c.mode()).as("round %d after %d values", round, i + 1).isEqualTo(plainMode(plain));
            }
        }
    }

    @Test
    void aRunAddedAtOnceCountsAsItsSightsOneByOne() {
        Random r = new Random(7);
        for (int round = 0; round < 2000; round++) {
            int max = r.nextBoolean() ? 127 : 255;
            int distinct = 1 + r.nextInt(2 * ModeCounter.LISTED + 2);
            ModeCounter runs = new ModeCounter(max);
            long[] plain = new long[max + 1];
            for (int i = 0, n = 1 + r.nextInt(30); i < n; i++) {
                int v = r.nextInt(distinct) * (max / distinct);
                long times = 1 + r.nextInt(r.nextBoolean() ? 3 : 5_000);
                runs.add(v, times);
                plain[v] += times;
                assertThat(runs.mode()).as("round %d after %d runs", round, i + 1).isEqualTo(plainMode(plain));
            }
        }
    }
}
