package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RtpStreamStatsTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_700_000_000_000_000_000L;
    private static final long SSRC = 0x1a2b3c4dL;

    private static final ClockRates RATES = ClockRates.of(Map.of(
            101, new ClockRates.Binding("telephone-event", 8000),
            111, new ClockRates.Binding("opus", 48000)));

    /** Feeds packets in order: sequence numbers from {@code seqs}, RTP time and arrival from the index. */
    private static RtpStreamStats feed(int... seqs) {
        RtpStreamStats s = new RtpStreamStats(RATES);
        long frame = 1;
        for (int seq : seqs) {
            s.update(seq, 160L * seq, SSRC, 0, false, EPOCH + 20 * MS * seq, 160, frame++);
        }
        return s;
    }

    private static int[] range(int from, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (from + i) & 0xFFFF;
        }
        return out;
    }

    @Test
    void cleanStreamHasNoLossNoJitterAndItsPtime() {
        RtpStreamSummary s = feed(range(1000, 100)).summary();
        assertThat(s.packets()).isEqualTo(100);
        assertThat(s.expected()).isEqualTo(100);
        assertThat(s.lost()).isZero();
        assertThat(s.lossPercent()).isZero();
        assertThat(s.jitterMs()).isZero();
        assertThat(s.jitterSamples()).isEqualTo(99);
        assertThat(s.ptimeMs()).isEqualTo(20);
        assertThat(s.maxDeltaMs()).isEqualTo(20.0);
        assertThat(s.meanDeltaMs()).isEqualTo(20.0);
        assertThat(s.bytes()).isEqualTo(16000);
        assertThat(s.dominantPayloadType()).isZero();
        assertThat(s.burstRatio()).isEqualTo(1.0);
    }

    @Test
    void missingSequenceNumbersAreLostInBursts() {
        int[] seqs = java.util.stream.IntStream.rangeClosed(1, 100).filter(i -> i != 10 && i != 11 && i != 50)
                .toArray();
        RtpStreamSummary s = feed(seqs).summary();
        assertThat(s.expected()).isEqualTo(100);
        assertThat(s.lost()).isEqualTo(3);
        assertThat(s.lossPercent()).isCloseTo(3.0, within(1e-9));
        assertThat(s.lossBursts()).isEqualTo(2);
        assertThat(s.maxLossBurst()).isEqualTo(2);
        assertThat(s.maxDeltaMs()).isEqualTo(60.0);
    }

    @Test
    void reorderedPacketIsOutOfOrderNotLost() {
        RtpStreamSummary s = feed(1, 2, 4, 3, 5).summary();
        assertThat(s.outOfOrder()).isEqualTo(1);
        assertThat(s.duplicates()).isZero();
        assertThat(s.lost()).isZero();
        assertThat(s.expected()).isEqualTo(5);
    }

    @Test
    void duplicateCountsAsReceivedSoLostGoesNegative() {
        RtpStreamSummary s = feed(1, 2, 2, 3).summary();
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.received()).isEqualTo(4);
        assertThat(s.expected()).isEqualTo(3);
        assertThat(s.lost()).isEqualTo(-1);
        assertThat(s.lossPercent()).isLessThan(0);
    }

    @Test
    void lateDuplicateIsToldFromReordering() {
        RtpStreamSummary s = feed(1, 2, 3, 4, 2).summary();
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.outOfOrder()).isZero();
    }

    @Test
    void sequenceWrapsAroundWithoutLoss() {
        RtpStreamSummary s = feed(range(65530, 20)).summary();
        assertThat(s.expected()).isEqualTo(20);
        assertThat(s.lost()).isZero();
        assertThat(s.sequenceJumps()).isZero();
        assertThat(s.strayPackets()).isZero();
        assertThat(s.outOfOrder()).isZero();
    }

    @Test
    void lossAcrossTheWrapIsCounted() {
        RtpStreamSummary s = feed(65534, 65535, 1, 2).summary();
        assertThat(s.expected()).isEqualTo(5);
        assertThat(s.lost()).isEqualTo(1);
    }

    @Test
    void reorderingAcrossTheWrapIsNotAJump() {
        RtpStreamSummary s = feed(65534, 0, 65535, 1).summary();
        assertThat(s.outOfOrder()).isEqualTo(1);
        assertThat(s.lost()).isZero();
        assertThat(s.sequenceJumps()).isZero();
    }

    @Test
    void bigJumpConfirmedByTheNextPacketRestartsTheRun() {
        int[] seqs = new int[21];
        for (int i = 0; i < 10; i++) {
            seqs[i] = 1 + i;
        }
        for (int i = 0; i < 11; i++) {
            seqs[10 + i] = 20000 + i;
        }
        RtpStreamSummary s = feed(seqs).summary();
        assertThat(s.sequenceJumps()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(21);
        assertThat(s.received()).isEqualTo(21);
        assertThat(s.lost()).isZero();
        assertThat(s.strayPackets()).isZero();
    }

    @Test
    void singleWildSequenceNumberIsAStray() {
        int[] seqs = new int[21];
        for (int i = 0; i < 10; i++) {
            seqs[i] = 1 + i;
        }
        seqs[10] = 30000;
        for (int i = 0; i < 10; i++) {
            seqs[11 + i] = 11 + i;
        }
        RtpStreamSummary s = feed(seqs).summary();
        assertThat(s.strayPackets()).isEqualTo(1);
        assertThat(s.sequenceJumps()).isZero();
        assertThat(s.packets()).isEqualTo(21);
        assertThat(s.received()).isEqualTo(20);
        assertThat(s.lost()).isZero();
    }

    @Test
    void packetOlderThanTheFirstMovesTheBaseBack() {
        RtpStreamSummary s = feed(5, 6, 4, 7).summary();
        assertThat(s.expected()).isEqualTo(4);
        assertThat(s.lost()).isZero();
        assertThat(s.outOfOrder()).isEqualTo(1);
    }

    @Test
    void ssrcChangeIsCountedWithItsFrameAndStartsANewRun() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 10; i++) {
            st.update(100 + i, 1000 + 160L * i, SSRC, 0, false, EPOCH + 20 * MS * i, 160, 1 + i);
        }
        for (int i = 0; i < 10; i++) {
            st.update(40000 + i, 9_000_000 + 160L * i, 0xcafeL, 0, i == 0, EPOCH + 20 * MS * (10 + i), 160, 11 + i);
        }
        RtpStreamSummary s = st.summary();
        assertThat(s.ssrcChanges()).isEqualTo(1);
        assertThat(s.lastSsrcChangeFrame()).isEqualTo(11);
        assertThat(s.ssrc()).isEqualTo(0xcafeL);
        assertThat(s.expected()).isEqualTo(20);
        assertThat(s.lost()).isZero();
        assertThat(s.sequenceJumps()).isZero();
        assertThat(s.jitterMs()).isZero();
        assertThat(s.markers()).isEqualTo(1);
    }

    @Test
    void constantNetworkDelayGivesZeroJitter() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 50; i++) {
            st.update(i, 123_456 + 160L * i, SSRC, 8, false, EPOCH + 73 * MS + 20 * MS * i, 160, i);
        }
        assertThat(st.summary().jitterMs()).isZero();
        assertThat(st.summary().maxJitterMs()).isZero();
    }

    @Test
    void firstTransitDifferenceMovesJitterBySixteenth() {
        // D = 30 ms of arrival (240 units at 8 kHz) - 160 units of timestamp = 80; J = 0 + (80 - 0) / 16 = 5 units
        RtpStreamStats st = new RtpStreamStats(RATES);
        st.update(1, 0, SSRC, 0, false, EPOCH, 160, 1);
        st.update(2, 160, SSRC, 0, false, EPOCH + 30 * MS, 160, 2);
        RtpStreamSummary s = st.summary();
        assertThat(s.jitterTimestampUnits()).isCloseTo(5.0, within(1e-9));
        assertThat(s.jitterMs()).isCloseTo(0.625, within(1e-9));
    }

    /** Sent every 20 ms, delayed alternately 0 and 10 ms: every D is ±80 units at 8 kHz. */
    private static RtpStreamSummary alternating(int pt, int clock, int count) {
        RtpStreamStats st = new RtpStreamStats(RATES);
        long step = clock / 50;
        for (int i = 0; i < count; i++) {
            long delay = (i % 2 == 0) ? 0 : 10 * MS;
            st.update(i, step * i, SSRC, pt, false, EPOCH + 20 * MS * i + delay, 160, i);
        }
        return st.summary();
    }

    @Test
    void alternatingDelayConvergesToTheRfcValue() {
        // |D| = 10 ms = 80 units every packet; J_n = 80 (1 - (15/16)^n), n = 299 samples: 80 - 80 * 4.3e-9 ≈ 80 units
        RtpStreamSummary s = alternating(0, 8000, 300);
        assertThat(s.jitterTimestampUnits()).isCloseTo(80.0, within(1e-3));
        assertThat(s.jitterMs()).isCloseTo(10.0, within(1e-3));
        assertThat(s.maxJitterMs()).isCloseTo(10.0, within(1e-3));
        assertThat(s.jitterClockRate()).isEqualTo(8000);
    }

    @Test
    void g722JitterUsesTheEightKilohertzClock() {
        RtpStreamSummary s = alternating(9, 8000, 300);
        assertThat(s.jitterClockRate()).isEqualTo(8000);
        assertThat(s.jitterTimestampUnits()).isCloseTo(80.0, within(1e-3));
        assertThat(s.jitterMs()).isCloseTo(10.0, within(1e-3));
        assertThat(s.ptimeMs()).isEqualTo(20);
    }

    @Test
    void opusJitterUsesTheFortyEightKilohertzClock() {
        RtpStreamSummary s = alternating(111, 48000, 300);
        assertThat(s.jitterClockRate()).isEqualTo(48000);
        assertThat(s.jitterTimestampUnits()).isCloseTo(480.0, within(1e-2));
        assertThat(s.jitterMs()).isCloseTo(10.0, within(1e-3));
        assertThat(s.ptimeMs()).isEqualTo(20);
    }

    @Test
    void unknownClockRateLeavesJitterUnknown() {
        RtpStreamSummary s = alternating(96, 8000, 10);
        assertThat(s.jitterKnown()).isFalse();
        assertThat(s.jitterClockRate()).isZero();
        assertThat(s.unknownClockPackets()).isEqualTo(10);
        assertThat(s.ptimeMs()).isZero();
        assertThat(s.payloadTypes().contains(96)).isTrue();
    }

    @Test
    void telephoneEventsDoNotDistortAudioJitter() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        long frame = 0;
        int seq = 0;
        for (int i = 0; i < 40; i++) {
            long at = EPOCH + 20 * MS * i;
            if (i >= 10 && i < 20) {
                // an RFC 4733 event: one timestamp (that of its start) for every packet
                st.update(seq++, 160L * 10, SSRC, 101, i == 10, at, 4, frame++);
            } else {
                st.update(seq++, 160L * i, SSRC, 0, false, at, 160, frame++);
            }
        }
        RtpStreamSummary s = st.summary();
        assertThat(s.jitterMs()).isZero();
        assertThat(s.maxJitterMs()).isZero();
        assertThat(s.dominantPayloadType()).isZero();
        assertThat(s.payloadTypes().types()).containsExactly(0, 101);
        assertThat(s.ptimeMs()).isEqualTo(20);
        assertThat(s.lost()).isZero();
    }

    @Test
    void ptimeIsTheMostCommonTimestampIncrement() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 20; i++) {
            // G.723.1: 240 units (30 ms) per packet; one long silence gap in the middle does not win
            long ts = 240L * i + (i >= 10 ? 8000 : 0);
            st.update(i, ts, SSRC, 4, false, EPOCH + 30 * MS * i, 24, i);
        }
        assertThat(st.summary().ptimeMs()).isEqualTo(30);
    }

    @Test
    void burstyLossHasBurstRatioAboveOne() {
        // 10 lost of every 100 (90-99, 190-199, ...) up to 989: 9 runs of 10 lost, 900 received
        int[] seqs = java.util.stream.IntStream.range(0, 1000).filter(i -> i % 100 < 90).toArray();
        RtpStreamSummary s = feed(seqs).summary();
        assertThat(s.lossBursts()).isEqualTo(9);
        // p = P(lost | received) = 9/900, q = P(received | lost) = 9/90, BurstR = 1/(p+q) = 9.09
        assertThat(s.burstRatio()).isCloseTo(1.0 / (9.0 / 900 + 9.0 / 90), within(1e-9));
        assertThat(s.burstRatio()).isGreaterThan(8.0);
    }

    @Test
    void isolatedLossHasBurstRatioNearOne() {
        // every 10th lost: p = 100/900, q = 1, BurstR = 0.9 (no more bursty than random)
        int[] seqs = java.util.stream.IntStream.range(0, 1000).filter(i -> i % 10 != 5).toArray();
        RtpStreamSummary s = feed(seqs).summary();
        assertThat(s.lossBursts()).isEqualTo(100);
        assertThat(s.burstRatio()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void reorderedPacketFillingAGapShrinksTheLossRun() {
        RtpStreamSummary s = feed(1, 2, 4, 5, 3, 6).summary();
        assertThat(s.lossBursts()).isEqualTo(1);
        assertThat(s.lost()).isZero();
        assertThat(s.burstRatio()).isEqualTo(1.0);
    }

    @Test
    void silenceBeforeATalkspurtIsNotAnArrivalGap() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        st.update(1, 0, SSRC, 0, true, EPOCH, 160, 1);
        st.update(2, 160, SSRC, 0, false, EPOCH + 20 * MS, 160, 2);
        // one second of silence suppression, then a new talkspurt with the marker bit
        st.update(3, 8320, SSRC, 0, true, EPOCH + 1040 * MS, 160, 3);
        st.update(4, 8480, SSRC, 0, false, EPOCH + 1070 * MS, 160, 4);
        RtpStreamSummary s = st.summary();
        assertThat(s.maxDeltaMs()).isEqualTo(30.0);
        assertThat(s.meanDeltaMs()).isEqualTo(25.0);
        assertThat(s.lost()).isZero();
    }

    @Test
    void firstAndLastArrivalAndFrameAreKept() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        st.update(7, 0, SSRC, 0, true, 5 * MS, 160, 42);
        st.update(8, 160, SSRC, 0, false, 25 * MS, 100, 57);
        RtpStreamSummary s = st.summary();
        assertThat(s.firstFrame()).isEqualTo(42);
        assertThat(s.lastFrame()).isEqualTo(57);
        assertThat(s.firstArrivalNanos()).isEqualTo(5 * MS);
        assertThat(s.lastArrivalNanos()).isEqualTo(25 * MS);
        assertThat(s.durationMs()).isEqualTo(20.0);
        assertThat(s.markers()).isEqualTo(1);
        assertThat(s.bytes()).isEqualTo(260);
    }

    @Test
    void emptyStreamSummarisesToZeros() {
        RtpStreamSummary s = new RtpStreamStats(RATES).summary();
        assertThat(s.packets()).isZero();
        assertThat(s.expected()).isZero();
        assertThat(s.lossPercent()).isZero();
        assertThat(s.firstFrame()).isEqualTo(-1);
        assertThat(s.dominantPayloadType()).isEqualTo(-1);
        assertThat(s.jitterKnown()).isFalse();
    }

    @Test
    void outOfRangeValuesNeverThrow() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        st.update(70000, -1, -1, 200, false, EPOCH, -5, 1);
        st.update(-3, Long.MAX_VALUE, 1L << 40, -1, true, EPOCH - MS, Integer.MIN_VALUE, 2);
        RtpStreamSummary s = st.summary();
        assertThat(s.packets()).isEqualTo(2);
        assertThat(s.bytes()).isZero();
        assertThat(s.payloadTypes().isEmpty()).isTrue();
        assertThat(s.ssrc()).isEqualTo(0);
    }

    @Test
    void aTimestampRestartUnderTheSameSsrcIsAJumpNotJitter() {
        RtpStreamStats st = new RtpStreamStats(RATES);
        for (int i = 0; i < 200; i++) {
            long ts = i < 100 ? 500_000L + 160L * i : 160L * (i - 100); // restarts at 0 on packet 100
            st.update(i, ts, SSRC, 0, false, EPOCH + 20 * MS * i, 160, i + 1);
        }
        RtpStreamSummary s = st.summary();
        assertThat(s.timestampJumps()).isEqualTo(1);
        assertThat(s.maxJitterMs()).isLessThan(0.001);
        assertThat(s.jitterSamples()).isEqualTo(198);
        assertThat(s.lost()).isZero();
    }
}
