package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SeriesRecorder} against a model that knows every arrival up front: a packet lands in the first-resolution
 * interval of its offset, or in the latest one so far when its clock went back, and the final series is those
 * intervals merged by the power of two that brings the last under {@value StreamSeries#MAX_INTERVALS}.
 */
class SeriesRecorderTest {
    private static final long SECOND = StreamSeries.FIRST_INTERVAL_MS * 1_000_000L;
    private static final long EPOCH = 1_700_000_000_000_000_000L;

    private static StreamSeries model(List<Long> arrivals, List<Long> losses) {
        return model(arrivals, losses, null);
    }

    /** The model; with {@code jitters}, each packet's jitter estimate (negative: none given) kept as a maximum. */
    private static StreamSeries model(List<Long> arrivals, List<Long> losses, List<Double> jitters) {
        long first = arrivals.get(0);
        long[] base = new long[arrivals.size()];
        long latest = 0;
        for (int i = 0; i < base.length; i++) {
            long offset = arrivals.get(i) - first;
            latest = Math.max(latest, offset < 0 ? 0 : offset / SECOND);
            base[i] = latest;
        }
        int shift = 0;
        while ((latest >> shift) >= StreamSeries.MAX_INTERVALS) {
            shift++;
        }
        int n = (int) (latest >> shift) + 1;
        long[] packets = new long[n];
        long[] lost = new long[n];
        double[] jitter = new double[n];
        java.util.Arrays.fill(jitter, Double.NaN);
        for (int i = 0; i < base.length; i++) {
            int k = (int) (base[i] >> shift);
            packets[k]++;
            lost[k] += losses.get(i);
            if (jitters != null && jitters.get(i) >= 0 && !(jitter[k] >= jitters.get(i))) {
                jitter[k] = jitters.get(i);
            }
        }
        for (int k = 0; k < n; k++) {
            lost[k] = Math.max(0, lost[k]);
        }
        return new StreamSeries(StreamSeries.FIRST_INTERVAL_MS << shift, packets, lost, jitter);
    }

    private static void check(long seed, long maxStepNanos, double backChance, double jumpChance, long jumpNanos) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> arrivals = new ArrayList<>();
        List<Long> losses = new ArrayList<>();
        List<Double> jitters = new ArrayList<>();
        SeriesRecorder recorder = new SeriesRecorder();
        long t = EPOCH;
        for (int i = 0; i < 5_000; i++) {
            if (i == 2_500) { // frozen half way, for a look at the stream so far; it goes on after
                assertSame(seed, recorder.freeze(), model(arrivals, losses, jitters));
            }
            double roll = random.nextDouble();
            if (roll < backChance) {
                t -= random.nextLong(1, 3 * SECOND);
            } else if (roll < backChance + jumpChance) {
                t += random.nextLong(1, jumpNanos);
            } else {
                t += random.nextLong(0, maxStepNanos);
            }
            long loss = random.nextInt(-1, 3);
            double jitter = random.nextDouble() < 0.3 ? -1 : random.nextDouble(0, 80);
            arrivals.add(t);
            losses.add(loss);
            jitters.add(jitter);
            recorder.packet(t, loss);
            if (jitter >= 0) {
                recorder.jitter(jitter);
            }
        }
        assertSame(seed, recorder.freeze(), model(arrivals, losses, jitters));
    }

    private static void assertSame(long seed, StreamSeries got, StreamSeries want) {
        assertThat(got.intervalMs()).as("seed %d", seed).isEqualTo(want.intervalMs());
        assertThat(got.packets()).as("seed %d", seed).containsExactly(want.packets());
        assertThat(got.lost()).as("seed %d", seed).containsExactly(want.lost());
        assertThat(got.jitterMaxMs()).as("seed %d", seed).containsExactly(want.jitterMaxMs());
    }

    @Test
    void aSteadyStreamWithSomeClockStepsBackMatchesTheModel() {
        for (long seed = 1; seed <= 20; seed++) {
            check(seed, 40_000_000L, 0.01, 0, 1);
        }
    }

    @Test
    void pausesOfMinutesThatForceMergingMatchTheModel() {
        for (long seed = 21; seed <= 40; seed++) {
            check(seed, 40_000_000L, 0.01, 0.002, 3_600 * SECOND);
        }
    }

    @Test
    void jumpsNearTheRangeOfALongMatchTheModel() {
        for (long seed = 41; seed <= 60; seed++) {
            check(seed, 40_000_000L, 0.05, 0.0005, Long.MAX_VALUE / 16);
        }
    }

    @Test
    void aCaptureTimeAtTheEndOfALongsRangeMatchesTheModel() {
        List<Long> arrivals = List.of(Long.MIN_VALUE + 5, 0L, Long.MAX_VALUE - SECOND, 7L, Long.MAX_VALUE);
        List<Long> losses = List.of(0L, 1L, 2L, 0L, 1L);
        SeriesRecorder recorder = new SeriesRecorder();
        for (int i = 0; i < arrivals.size(); i++) {
            recorder.packet(arrivals.get(i), losses.get(i));
        }
        StreamSeries got = recorder.freeze();
        StreamSeries want = model(arrivals, losses);
        assertThat(got.intervalMs()).isEqualTo(want.intervalMs());
        assertThat(got.packets()).containsExactly(want.packets());
        assertThat(got.lost()).containsExactly(want.lost());
    }
}
