package io.sipvista.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The E-model's sentences are the ones {@code String.format} wrote before they were written by hand. */
class EModelNotesTest {
    private static final CodecImpairment[] CODECS = {CodecImpairment.G711_PLC, CodecImpairment.G711_NO_PLC,
        CodecImpairment.G729A, CodecImpairment.G723_1, CodecImpairment.GSM_FR, CodecImpairment.ILBC,
        CodecImpairment.WIDEBAND_AS_G711, new CodecImpairment(null, -0.0, 9.95, 2.675, 0.5, null)};

    private static final String[] GOLDEN = {
        "codec G.711 with PLC: Ie 0.0, Bpl 25.1 (ITU-T G.113 Appendix I (G.711 with packet-loss concealment, random"
            + " loss))",
        "one-way delay 126.8 ms = network 20.0 ms (assumed: one capture point cannot measure it) + fixed jitter buffer"
            + " 86.8 ms (2.0 x highest jitter 43.39 ms, bounded to 20..200 ms) + packetization 20 ms (measured) +"
            + " lookahead 0.0 ms",
        "BurstR from the loss pattern: 106 loss runs, longest 3 packets",
        "packet loss Ppl 28.07 %, BurstR 1.00 (0.76 bounded to G.107's 1..8)",
        "loss above 20 %: outside the range G.107 was validated for",
        "R = Ro 94.77 - Is 1.41 - Id 3.23 - Ie-eff 50.15 + A 0 = 39.97; other G.107 parameters at their defaults (TELR"
            + " 65 dB, WEPL 110 dB, no advantage factor)"};

    /** The sentences as they were written with {@code String.format}: the reference. */
    private static List<String> formatted(CodecImpairment codec, EModel.Notes.Delay delay, double lossPercent,
                                          double burstR, double ppl, double b, double ro, double is, double id,
                                          double ieEff, double r, double rated) {
        List<String> notes = new ArrayList<>(6);
        notes.add(String.format(Locale.ROOT, "codec %s: Ie %.1f, Bpl %.1f (%s)", codec.codec(), codec.ie(),
                codec.bpl(), codec.basis()));
        if (delay != null) {
            DelayAssumptions d = delay.delay();
            String bufferWhy = delay.jitterKnown()
                    ? String.format(Locale.ROOT, "%.1f x highest jitter %.2f ms, bounded to %.0f..%.0f ms",
                            d.jitterBufferFactor(), delay.maxJitterMs(), d.minJitterBufferMs(), d.maxJitterBufferMs())
                    : String.format(Locale.ROOT, "jitter unknown, the %.0f ms minimum", d.minJitterBufferMs());
            notes.add(String.format(Locale.ROOT, "one-way delay %.1f ms = network %.1f ms (assumed: one capture "
                            + "point cannot measure it) + fixed jitter buffer %.1f ms (%s) + packetization %.0f ms "
                            + "(%s) + lookahead %.1f ms", delay.oneWayMs(), d.networkMs(), delay.bufferMs(),
                    bufferWhy, delay.frameMs(), delay.ptimeMeasured() ? "measured" : "assumed",
                    codec.lookaheadMs()));
            notes.add(delay.lossBursts() > 0
                    ? String.format(Locale.ROOT, "BurstR from the loss pattern: %d loss runs, longest %d packets",
                            delay.lossBursts(), delay.maxLossBurst())
                    : "BurstR 1: no loss run seen");
        }
        notes.add(String.format(Locale.ROOT, "packet loss Ppl %.2f %%%s, BurstR %.2f%s", ppl,
                lossPercent < 0 ? " (negative loss from duplicates taken as 0)" : "", b,
                b != burstR ? String.format(Locale.ROOT, " (%.2f bounded to G.107's 1..8)", burstR) : ""));
        if (ppl > 20) {
            notes.add("loss above 20 %: outside the range G.107 was validated for");
        }
        notes.add(String.format(Locale.ROOT, "R = Ro %.2f - Is %.2f - Id %.2f - Ie-eff %.2f + A 0 = %.2f; other "
                + "G.107 parameters at their defaults (TELR 65 dB, WEPL 110 dB, no advantage factor)", ro, is, id,
                ieEff, r));
        if (rated != r) {
            notes.add(String.format(Locale.ROOT, "R %.2f is outside 0..100 and is reported as %.0f (G.107 rates R "
                    + "on 0..100)", r, rated));
        }
        return notes;
    }

    @Test
    void randomEstimatesReadAsTheFormatterWroteThem() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < 50_000 && differences.size() < 10; i++) {
            CodecImpairment codec = CODECS[random.nextInt(CODECS.length)];
            EModel.Notes.Delay delay = null;
            if (random.nextInt(4) != 0) {
                double min = assumed(random);
                DelayAssumptions d = new DelayAssumptions(assumed(random), assumed(random), min,
                        min + assumed(random));
                delay = new EModel.Notes.Delay(d, random.nextBoolean(), pick(random), pick(random), pick(random),
                        random.nextBoolean(), pick(random), random.nextInt(-1, 1000), random.nextInt(-1, 60));
            }
            double lossPercent = pick(random);
            double burstR = pick(random);
            double ppl = random.nextBoolean() ? Math.max(0, lossPercent) : pick(random);
            double b = random.nextBoolean() ? burstR : pick(random);
            double r = pick(random);
            double rated = random.nextBoolean() ? r : Math.max(0, Math.min(100, r));
            double ro = pick(random);
            double is = pick(random);
            double id = pick(random);
            double ieEff = pick(random);
            EModel.Notes notes = new EModel.Notes(codec, delay, lossPercent, burstR, ppl, b, ro, is, id, ieEff, r,
                    rated);
            List<String> want = formatted(codec, delay, lossPercent, burstR, ppl, b, ro, is, id, ieEff, r, rated);
            if (!List.copyOf(notes).equals(want)) {
                differences.add(want + " became " + List.copyOf(notes));
            }
        }
        assertThat(differences).isEmpty();
    }

    /** A stream with loss and jitter: its sentences as the formatter wrote them (printed by main before this). */
    @Test
    void aRealEstimateReadsAsBefore() {
        RtpStreamStats st = new RtpStreamStats(ClockRates.of(java.util.Map.of()));
        for (int i = 1; i <= 400; i++) {
            if (i % 4 != 0 && i % 37 != 0 && i % 38 != 0) {
                st.update(i, 160L * i, 1, 0, false, 20_000_000L * i + (i % 3) * 30_000_000L, 160, i);
            }
        }
        QualityEstimate q = EModel.rate(st.summary(), "PCMU", DelayAssumptions.standard());
        assertThat(List.copyOf(q.assumptions())).containsExactly(GOLDEN);
    }

    /** A delay assumption: not negative and finite, as {@link DelayAssumptions} demands. */
    private static double assumed(SplittableRandom random) {
        double x = Math.abs(pick(random));
        return Double.isFinite(x) ? x : 0;
    }

    /** A number as the E-model may meet it: ordinary, a tie at the decimals written, negative, zero or not a number. */
    private static double pick(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextDouble() * 100;
            case 1 -> random.nextDouble() * 300 - 100;
            case 2 -> random.nextInt(0, 2000) / 20.0 + 0.005; // a tie at two decimals, as the shortest decimal
            case 3 -> random.nextInt(0, 200) + 0.5;
            case 4 -> random.nextInt(-3, 3) * 0.0;
            case 5 -> random.nextInt(8) == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
            case 6 -> random.nextInt(1, 9) + 0.05;
            default -> Math.round(random.nextDouble() * 1e4) / 100.0;
        };
    }
}
