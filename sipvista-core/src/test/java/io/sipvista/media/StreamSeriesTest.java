package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-interval series of {@link RtpStreamStats}: packets, loss and jitter per second, merged past 600. */
class StreamSeriesTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_700_000_000_000_000_000L;
    private static final long SSRC = 0x1a2b3c4dL;
    private static final ClockRates RATES = ClockRates.of(Map.of(
            101, new ClockRates.Binding("telephone-event", 8000)));

    /** A PCMU packet of 20 ms: packet {@code i} of the stream, sequence {@code seq}, sent at {@code i * 20} ms. */
    private static void send(RtpStreamStats s, int i, int seq, long extraDelayMs) {
        s.update(seq & 0xFFFF, 160L * i, SSRC, 0, false, EPOCH + 20 * MS * i + extraDelayMs * MS, 160, i + 1);
    }

    private static RtpStreamStats steady(int count, int seq0) {
        RtpStreamStats s = new RtpStreamStats(RATES);
        for (int i = 0; i < count; i++) {
            send(s, i, seq0 + i, 0);
        }
        return s;
    }

    private static long sum(long[] a) {
        return Arrays.stream(a).sum();
    }

    @Test
    void aSteadyTwentyMillisecondStreamGivesFiftyPacketsAndNoLossPerSecond() {
        StreamSeries s = steady(500, 1000).series();
        assertThat(s.intervalMs()).isEqualTo(1000);
        assertThat(s.size()).isEqualTo(10);
        assertThat(s.packets()).containsOnly(50);
        assertThat(s.lost()).containsOnly(0);
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.jitterKnown(i)).isTrue();
            assertThat(s.jitterMaxMs(i)).isZero();
        }
    }

    @Test
    void tenPacketsDroppedInTheFourthSecondAreLostThere() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 300; i++) {
            if (i < 160 || i >= 170) { // packets 160-169 are sent at 3.2 s .. 3.38 s
                send(st, i, 7 + i, 0);
            }
        }
        StreamSeries s = st.series();
        assertThat(s.lost()).containsExactly(0, 0, 0, 10, 0, 0);
        assertThat(s.packets()).containsExactly(50, 50, 50, 40, 50, 50);
        assertThat(sum(s.lost())).isEqualTo(st.summary().lost());
    }

    @Test
    void aTwentyMinuteStreamFoldsIntoAtMostSixHundredIntervals() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 60_000; i++) {
            if (i % 1000 != 500) { // one packet in a thousand lost: 60 in all
                send(st, i, i, 0);
            }
        }
        StreamSeries s = st.series();
        RtpStreamSummary r = st.summary();
        // 1200 s: 1000 ms intervals overflow at 600 s, 2000 ms ones hold 1200 s exactly
        assertThat(s.intervalMs()).isEqualTo(2000);
        assertThat(s.size()).isEqualTo(600);
        assertThat(sum(s.packets())).isEqualTo(r.packets()).isEqualTo(59_940);
        assertThat(sum(s.lost())).isEqualTo(r.lost()).isEqualTo(60);
        assertThat(s.packets(0)).isEqualTo(100);
        assertThat(s.lost(5)).isEqualTo(1); // packet 500 was due at 10.0 s, revealed by packet 501 at 10.02 s
        assertThat(s.lost(4)).isZero();
    }

    @Test
    void aStreamJustPastTwentyMinutesDoublesAgain() {
        RtpStreamStats st = steady(60_001, 0);
        StreamSeries s = st.series();
        assertThat(s.intervalMs()).isEqualTo(4000);
        assertThat(s.size()).isEqualTo(301);
        assertThat(s.packets(0)).isEqualTo(200);
        assertThat(s.packets(300)).isEqualTo(1);
        assertThat(sum(s.packets())).isEqualTo(60_001);
    }

    @Test
    void mergedIntervalsAreThePairwiseSumsAndMaximaOfTheFinerOnes() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        int before = 29_950; // 599 s: still 1000 ms intervals
        java.util.Random random = new java.util.Random(7);
        int seq = 0;
        for (int i = 0; i < before; i++) {
            seq += random.nextInt(20) == 0 ? 2 : 1;
            send(st, i, seq, random.nextInt(5));
        }
        StreamSeries fine = st.series();
        assertThat(fine.intervalMs()).isEqualTo(1000);
        for (int i = before; i < 30_100; i++) {
            send(st, i, ++seq, 0);
        }
        StreamSeries coarse = st.series();
        assertThat(coarse.intervalMs()).isEqualTo(2000);
        for (int j = 0; j < 299; j++) {
            assertThat(coarse.packets(j)).isEqualTo(fine.packets(2 * j) + fine.packets(2 * j + 1));
            assertThat(coarse.lost(j)).isEqualTo(fine.lost(2 * j) + fine.lost(2 * j + 1));
            assertThat(coarse.jitterMaxMs(j)).isEqualTo(Math.max(fine.jitterMaxMs(2 * j), fine.jitterMaxMs(2 * j + 1)));
        }
    }

    @Test
    void jitterPeaksInTheIntervalWhereItWasInjected() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 500; i++) {
            // from 6.0 s to 6.8 s (packets 300-339) they arrive alternately 0 and 15 ms late
            send(st, i, i, i >= 300 && i < 340 && i % 2 == 1 ? 15 : 0);
        }
        StreamSeries s = st.series();
        int peak = 0;
        for (int i = 1; i < s.size(); i++) {
            if (s.jitterMaxMs(i) > s.jitterMaxMs(peak)) {
                peak = i;
            }
        }
        assertThat(peak).isEqualTo(6);
        assertThat(s.jitterMaxMs(6)).isGreaterThan(5.0);
        assertThat(s.jitterMaxMs(5)).isZero();
        assertThat(s.jitterMaxMs(6)).isCloseTo(st.summary().maxJitterMs(), within(1e-9));
        assertThat(s.jitterMaxMs(8)).isLessThan(s.jitterMaxMs(7)); // decays once the network is calm again
    }

    @Test
    void aFiveSecondGapGivesZeroPacketIntervalsAndItsLossLandsWhereItIsRevealed() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 400; i++) {
            if (i < 100 || i >= 350) { // nothing from 2.0 s to 7.0 s: 250 packets never arrive
                send(st, i, i, 0);
            }
        }
        StreamSeries s = st.series();
        assertThat(s.packets()).containsExactly(50, 50, 0, 0, 0, 0, 0, 50);
        assertThat(s.lost()).containsExactly(0, 0, 0, 0, 0, 0, 0, 250);
        for (int i = 2; i <= 6; i++) {
            assertThat(s.jitterKnown(i)).as("interval %d", i).isFalse();
        }
        assertThat(sum(s.lost())).isEqualTo(st.summary().lost());
    }

    @Test
    void aSequenceWrapInsideAnIntervalLosesNothing() {
        RtpStreamStats st = steady(100, 65_510); // 65510 .. 65535, 0 .. 73 within the first second
        StreamSeries s = st.series();
        assertThat(s.packets()).containsExactly(50, 50);
        assertThat(s.lost()).containsExactly(0, 0);
    }

    @Test
    void aLossAcrossTheSequenceWrapCountsOnlyTheMissingNumbers() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 100; i++) {
            if (i < 20 || i > 22) { // 65530, 65531 and 65532 missing just before the wrap
                send(st, i, 65_510 + i, 0);
            }
        }
        assertThat(st.series().lost()).containsExactly(3, 0);
        assertThat(st.series().packets()).containsExactly(47, 50);
    }

    @Test
    void duplicatesNeverMakeAnIntervalsLossNegative() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 100; i++) {
            send(st, i, i, 0);
            if (i >= 60 && i < 65) {
                send(st, i, i, 1); // sent twice
            }
        }
        StreamSeries s = st.series();
        assertThat(s.packets()).containsExactly(50, 55);
        assertThat(s.lost()).containsExactly(0, 0);
        assertThat(st.summary().lost()).isEqualTo(-5);
    }

    @Test
    void aPacketWhoseCaptureTimeGoesBackCountsInTheLatestInterval() {
        RtpStreamStats st = steady(100, 0);
        st.update(100, 160L * 100, SSRC, 0, false, EPOCH + 500 * MS, 160, 101); // clock stepped back to 0.5 s
        StreamSeries s = st.series();
        assertThat(s.packets()).containsExactly(50, 51);
        assertThat(sum(s.packets())).isEqualTo(101);
    }

    @Test
    void telephoneEventsCountAsPacketsButNotAsJitter() {
        RtpStreamStats st = steady(50, 0);
        for (int i = 50; i < 100; i++) {
            st.update(i, 160L * 50, SSRC, 101, i == 50, EPOCH + 20 * MS * i + (i % 2) * 7 * MS, 4, i + 1);
        }
        StreamSeries s = st.series();
        assertThat(s.packets()).containsExactly(50, 50);
        assertThat(s.lost()).containsExactly(0, 0);
        assertThat(s.jitterKnown(0)).isTrue();
        assertThat(s.jitterKnown(1)).isFalse();
    }

    @Test
    void aPauseOfDaysStaysWithinSixHundredIntervals() {
        RtpStreamStats st = steady(50, 0);
        long later = EPOCH + 3L * 24 * 3600 * 1000 * MS;
        for (int i = 0; i < 50; i++) {
            st.update(50 + i, 160L * (50 + i), SSRC, 0, false, later + 20 * MS * i, 160, 51 + i);
        }
        StreamSeries s = st.series();
        assertThat(s.size()).isLessThanOrEqualTo(StreamSeries.MAX_INTERVALS);
        assertThat(s.intervalMs()).isEqualTo(512_000); // 259,200 s / 512 s = 506.25: the last interval is 506
        assertThat(s.size()).isEqualTo(507);
        assertThat(s.packets(0)).isEqualTo(50);
        assertThat(s.packets(506)).isEqualTo(50);
        assertThat(sum(s.packets())).isEqualTo(100);
    }

    @Test
    void wildCaptureTimesNeitherThrowNorOutgrowTheBound() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        long[] times = {0, Long.MAX_VALUE, Long.MIN_VALUE, 5 * MS, Long.MAX_VALUE - 1};
        for (int i = 0; i < times.length; i++) {
            st.update(i, 160L * i, SSRC, 0, false, times[i], 160, i + 1);
        }
        StreamSeries s = st.series();
        assertThat(s.size()).isBetween(1, StreamSeries.MAX_INTERVALS);
        assertThat(sum(s.packets())).isEqualTo(times.length);
        assertThat(s.packets(0)).isEqualTo(1);
    }

    @Test
    void aStreamWithNoPacketHasAnEmptySeries() {
        StreamSeries s = new RtpStreamStats(RATES).series();
        assertThat(s.size()).isZero();
        assertThat(s.intervalMs()).isEqualTo(StreamSeries.FIRST_INTERVAL_MS);
    }

    @Test
    void aFrozenSeriesIsNotChangedByLaterPacketsOrByItsReaders() {
        RtpStreamStats st = steady(50, 0);
        StreamSeries s = st.series();
        s.packets()[0] = 99;
        send(st, 50, 50, 0);
        assertThat(s.packets()).containsExactly(50);
        assertThat(s).isEqualTo(steady(50, 0).series()).hasSameHashCodeAs(steady(50, 0).series());
    }

    @Test
    void givesBackWhatItWasGivenWhateverTheSizeOfTheCounts() {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 2_000; round++) {
            int n = random.nextInt(40);
            long[] packets = new long[n];
            long[] lost = new long[n];
            double[] jitter = new double[n];
            int kind = random.nextInt(4); // 0: no loss; 1: small counts; 2: a count past an int; 3: negative values
            for (int i = 0; i < n; i++) {
                packets[i] = kind == 2 && random.nextBoolean() ? Integer.MAX_VALUE + 1L + random.nextInt(1000)
                        : random.nextInt(200);
                lost[i] = kind == 0 ? 0 : kind == 2 && random.nextInt(5) == 0 ? Long.MAX_VALUE - random.nextInt(9)
                        : kind == 3 ? -random.nextInt(3) : random.nextInt(3);
                jitter[i] = random.nextInt(6) == 0 ? Double.NaN : random.nextDouble() * 80;
            }
            StreamSeries s = new StreamSeries(1000L << random.nextInt(3), packets, lost, jitter);
            assertThat(s.size()).isEqualTo(n);
            assertThat(s.packets()).containsExactly(packets);
            assertThat(s.lost()).containsExactly(lost);
            assertThat(s.jitterMaxMs()).containsExactly(jitter);
            for (int i = 0; i < n; i++) {
                assertThat(s.packets(i)).isEqualTo(packets[i]);
                assertThat(s.lost(i)).isEqualTo(lost[i]);
                assertThat(s.jitterKnown(i)).isEqualTo(!Double.isNaN(jitter[i]));
            }
            StreamSeries same = new StreamSeries(s.intervalMs(), packets.clone(), lost.clone(), jitter.clone());
            assertThat(same).isEqualTo(s).hasSameHashCodeAs(s).hasToString(s.toString());
            if (n > 0) {
                packets[0]++; // the series holds a copy
                assertThat(s.packets(0)).isEqualTo(packets[0] - 1);
                long[] out = s.packets();
                out[0] = -5; // and gives one
                assertThat(s.packets(0)).isEqualTo(packets[0] - 1);
                assertThat(new StreamSeries(s.intervalMs(), packets, lost, jitter)).isNotEqualTo(s);
            }
            int outside = n;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.packets(outside))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.lost(outside))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
