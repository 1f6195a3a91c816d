package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EModelTest {
    @Test
    void defaultParametersGiveTheG107Values() {
        // G.107 default values: Ro = 94.77, Is = 1.41, Id = 0.15 (listener echo at T = 0), R = 93.2
        assertThat(EModel.basicSignalToNoise()).isCloseTo(94.77, within(0.01));
        assertThat(EModel.simultaneousImpairment(0)).isCloseTo(1.41, within(0.01));
        assertThat(EModel.delayImpairment(0)).isCloseTo(0.15, within(0.01));
    }

    @Test
    void perfectG711CallRatesAbout93AndMos44() {
        QualityEstimate q = EModel.rate(CodecImpairment.G711_PLC, 0, 1, 0);
        assertThat(q.r()).isCloseTo(93.2, within(0.05));
        assertThat(q.mos()).isCloseTo(4.41, within(0.01));
    }

    @Test
    void mosFromRMatchesPublishedPoints() {
        // 1 + 0.035R + R(R-60)(100-R)7e-6: R=50 -> 2.575, R=70 -> 3.597, R=80 -> 4.024
        assertThat(EModel.mos(50)).isCloseTo(2.575, within(1e-9));
        assertThat(EModel.mos(70)).isCloseTo(3.597, within(1e-9));
        assertThat(EModel.mos(80)).isCloseTo(4.024, within(1e-9));
    }

    @Test
    void mosIsBoundedOutsideTheScale() {
        assertThat(EModel.mos(-5)).isEqualTo(1.0);
        assertThat(EModel.mos(100)).isEqualTo(4.5);
        assertThat(EModel.mos(120)).isEqualTo(4.5);
        assertThat(EModel.mos(Double.NaN)).isEqualTo(1.0);
    }

    @Test
    void effectiveImpairmentFollowsTheG107Formula() {
        // G.711 with PLC, 2 % random loss: 0 + 95 * 2 / (2 + 25.1) = 7.011
        assertThat(EModel.effectiveEquipmentImpairment(0, 25.1, 2, 1)).isCloseTo(7.0111, within(1e-4));
        // G.729A, 1 % loss, BurstR 2: 11 + 84 * 1 / (0.5 + 19) = 15.308
        assertThat(EModel.effectiveEquipmentImpairment(11, 19, 1, 2)).isCloseTo(15.3077, within(1e-4));
        assertThat(EModel.effectiveEquipmentImpairment(11, 19, 0, 1)).isEqualTo(11.0);
    }

    @Test
    void burstyLossHurtsMoreThanRandomLoss() {
        // Ie-eff at 5 %: 95 * 5 / (5 + 25.1) = 15.78 random, 95 * 5 / (5/4 + 25.1) = 18.03 with BurstR 4
        double random = EModel.rate(CodecImpairment.G711_PLC, 5, 1, 50).r();
        double bursty = EModel.rate(CodecImpairment.G711_PLC, 5, 4, 50).r();
        assertThat(random - bursty).isCloseTo(2.246, within(0.001));
    }

    @Test
    void g711WithoutPlcSuffersMoreFromLoss() {
        double plc = EModel.rate(CodecImpairment.G711_PLC, 2, 1, 0).mos();
        double none = EModel.rate(CodecImpairment.G711_NO_PLC, 2, 1, 0).mos();
        assertThat(none).isLessThan(plc - 0.5);
    }

    @Test
    void delayImpairmentFollowsTheDefaultEchoCurve() {
        // Cole & Rosenbluth's linear fit of the default-parameter G.107 Id: 0.024 d + 0.11 (d - 177.3) above 177.3 ms
        // gives 3.60 at 150 ms, 7.30 at 200 ms and 20.69 at 300 ms
        assertThat(EModel.delayImpairment(150)).isCloseTo(3.60, within(0.5));
        assertThat(EModel.delayImpairment(200)).isCloseTo(7.30, within(0.5));
        assertThat(EModel.delayImpairment(300)).isCloseTo(20.69, within(0.5));
        assertThat(EModel.delayImpairment(400)).isGreaterThan(EModel.delayImpairment(300));
    }

    @Test
    void g729StartsBelowG711() {
        QualityEstimate q = EModel.rate(CodecImpairment.forEncoding("G729"), 0, 1, 0);
        assertThat(q.ieEff()).isEqualTo(11.0);
        assertThat(q.r()).isCloseTo(82.2, within(0.1));
    }

    @Test
    void negativeLossFromDuplicatesIsTakenAsZero() {
        QualityEstimate q = EModel.rate(CodecImpairment.G711_PLC, -1.5, 1, 0);
        assertThat(q.lossPercent()).isZero();
        assertThat(q.assumptions()).anyMatch(s -> s.contains("negative loss"));
    }

    @Test
    void burstRatioIsBoundedToTheG107Range() {
        QualityEstimate q = EModel.rate(CodecImpairment.G711_PLC, 3, 0.9, 0);
        assertThat(q.burstR()).isEqualTo(1.0);
        assertThat(EModel.rate(CodecImpairment.G711_PLC, 3, 20, 0).burstR()).isEqualTo(8.0);
    }

    @Test
    void wideAndUnknownCodecsSayWhatWasAssumed() {
        assertThat(CodecImpairment.forEncoding("opus").basis()).contains("G.711");
        assertThat(CodecImpairment.forEncoding("G722").ie()).isZero();
        assertThat(CodecImpairment.forEncoding("X-FOO").basis()).contains("assumed");
        assertThat(CodecImpairment.forEncoding(null).codec()).contains("unknown");
        assertThat(CodecImpairment.forEncoding("PCMA")).isEqualTo(CodecImpairment.G711_PLC);
    }

    @Test
    void streamEstimateStatesItsDelayAssumptions() {
        RtpStreamStats st = new RtpStreamStats(ClockRates.staticOnly());
        for (int i = 0; i < 100; i++) {
            // 1 in 50 lost, arrival alternately delayed 0 and 10 ms: jitter converges to 10 ms
            if (i % 50 != 25) {
                st.update(i, 160L * i, 1, 0, false, 20_000_000L * i + (i % 2) * 10_000_000L, 160, i);
            }
        }
        RtpStreamSummary s = st.summary();
        QualityEstimate q = EModel.rate(s, "PCMU", DelayAssumptions.standard());
        double buffer = Math.max(20, Math.min(200, 2 * s.maxJitterMs()));
        assertThat(q.oneWayDelayMs()).isCloseTo(20 + buffer + 20, within(1e-9));
        assertThat(q.lossPercent()).isCloseTo(2.0, within(1e-9));
        assertThat(q.assumptions()).anyMatch(a -> a.contains("network 20.0 ms (assumed"));
        assertThat(q.assumptions()).anyMatch(a -> a.contains("packetization 20 ms (measured)"));
        assertThat(q.mos()).isBetween(4.0, 4.3);
    }

    /** The sentences are written when read (an estimate is kept per stream to the end): the same each time, fixed. */
    @Test
    void theAssumptionsReadTheSameEachTimeAndCannotBeChanged() {
        RtpStreamStats st = new RtpStreamStats(ClockRates.of(Map.of()));
        st.update(1, 0, 1, 0, false, 0, 160, 1);
        st.update(3, 320, 1, 0, false, 40_000_000L, 160, 2);
        QualityEstimate q = EModel.rate(st.summary(), "PCMU", DelayAssumptions.standard());
        java.util.List<String> first = java.util.List.copyOf(q.assumptions());
        assertThat(first).hasSize(6); // with "loss above 20 %"
        assertThat(first.get(0)).startsWith("codec G.711 with PLC");
        assertThat(first.get(2)).isEqualTo("BurstR from the loss pattern: 1 loss runs, longest 1 packets");
        assertThat(q.assumptions()).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(q.assumptions().get(4)).isEqualTo(first.get(4));
        assertThat(q).isEqualTo(new QualityEstimate(q.r(), q.mos(), q.ieEff(), q.id(), q.oneWayDelayMs(),
                q.lossPercent(), q.burstR(), q.codec(), first));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.assumptions().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.assumptions().iterator().remove())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownJitterUsesTheSmallestBuffer() {
        RtpStreamStats st = new RtpStreamStats(ClockRates.of(Map.of()));
        st.update(1, 0, 1, 96, false, 0, 100, 1);
        st.update(2, 960, 1, 96, false, 20_000_000L, 100, 2);
        QualityEstimate q = EModel.rate(st.summary(), null, DelayAssumptions.standard());
        assertThat(q.oneWayDelayMs()).isCloseTo(20 + 20 + 20, within(1e-9));
        assertThat(q.assumptions()).anyMatch(a -> a.contains("jitter unknown"));
    }

    @Test
    void jitterBufferIsBounded() {
        DelayAssumptions d = DelayAssumptions.standard();
        assertThat(d.jitterBufferMs(3)).isEqualTo(20.0);
        assertThat(d.jitterBufferMs(40)).isEqualTo(80.0);
        assertThat(d.jitterBufferMs(500)).isEqualTo(200.0);
        assertThat(d.jitterBufferMs(Double.NaN)).isEqualTo(20.0);
    }
}
