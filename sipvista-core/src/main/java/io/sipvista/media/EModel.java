package io.sipvista.media;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The ITU-T G.107 E-model as a listening-quality estimate for one RTP stream: R = Ro - Is - Id - Ie-eff + A, and MOS
 * from R by G.107 Annex B.
 *
 * <p>Every parameter G.107 has a default for keeps it (SLR 8 dB, RLR 2 dB, STMR 15 dB, LSTR 18 dB, Ds = Dr = 3,
 * TELR 65 dB, WEPL 110 dB, qdu 1, Nc -70 dBm0p, Nfor -64 dBmp, Ps = Pr = 35 dB(A), A 0): Ro and Is are computed from
 * them (Ro 94.77, Is 1.41), which gives the familiar R = 93.2 for a perfect G.711 call. What the capture tells:
 * <ul>
 *   <li>Ie-eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl) with Ie and Bpl from {@link CodecImpairment}, Ppl the
 *       stream's loss (negative loss, from duplicates, taken as 0) and BurstR the stream's two-state burst ratio,
 *       bounded to G.107's range 1..8;</li>
 *   <li>Id = Idte + Idle + Idd with T = Ta = the one-way delay and Tr = 2T (the E-model's talker echo, listener echo
 *       and absolute delay terms at default echo loss), the delay built by {@link DelayAssumptions}.</li>
 * </ul>
 * Stateless; every method is a pure function.
 */
public final class EModel {
    private static final double SLR = 8;
    private static final double RLR = 2;
    private static final double STMR = 15;
    private static final double LSTR = 18;
    private static final double DS = 3;
    private static final double TELR = 65;
    private static final double WEPL = 110;
    private static final double QDU = 1;
    private static final double NC = -70;
    private static final double NFOR = -64;
    private static final double PS = 35;
    private static final double PR = 35;
    private static final double ADVANTAGE = 0;

    private EModel() {
    }

    private static double lg(double x) {
        return Math.log10(x);
    }

    /** Total noise No at the default parameters, dBm0p (G.107 §7.2). */
    private static double noise() {
        double olr = SLR + RLR;
        double nos = PS - SLR - DS - 100 + 0.004 * Math.pow(PS - olr - DS - 14, 2);
        double pre = PR + 10 * lg(1 + Math.pow(10, (10 - LSTR) / 10));
        double nor = RLR - 121 + pre + 0.008 * Math.pow(pre - 35, 2);
        double nfo = NFOR + RLR;
        return 10 * lg(Math.pow(10, NC / 10) + Math.pow(10, nos / 10) + Math.pow(10, nor / 10)
                + Math.pow(10, nfo / 10));
    }

    /** Basic signal-to-noise ratio Ro at the default parameters (about 94.77). */
    public static double basicSignalToNoise() {
        return 15 - 1.5 * (SLR + noise());
    }

    /** Simultaneous impairment Is at the default parameters for one-way delay {@code t} ms (about 1.41). */
    public static double simultaneousImpairment(double t) {
        double no = noise();
        double ro = basicSignalToNoise();
        double xolr = SLR + RLR + 0.2 * (64 + no - RLR);
        double iolr = 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
        double stmro = -10 * lg(Math.pow(10, -STMR / 10) + Math.exp(-t / 4) * Math.pow(10, -TELR / 10));
        double ist = 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13) + 29;
        double q = 37 - 15 * lg(QDU);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double y = (ro - 100) / 15 + 46 / 8.4 - g / 9;
        double z = 46 / 30.0 - g / 40;
        double iq = 15 * lg(1 + Math.pow(10, y) + Math.pow(10, z));
        return iolr + ist + iq;
    }

    /**
     * Delay impairment Id = Idte + Idle + Idd for a mouth-to-ear delay of {@code oneWayMs} (T = Ta, Tr = 2T) at the
     * default echo parameters (G.107 §7.4). About 0.15 at 0 ms, 3.8 at 150 ms, rising steeply past 200 ms.
     */
    public static double delayImpairment(double oneWayMs) {
        double t = Math.max(0, oneWayMs);
        double ro = basicSignalToNoise();
        double roe = -1.5 * (noise() - RLR);
        double terv = TELR - 40 * lg((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
        double re = 80 + 2.5 * (terv - 14);
        double idte = ((roe - re) / 2 + Math.sqrt((roe - re) * (roe - re) / 4 + 100) - 1) * (1 - Math.exp(-t));
        double rle = 10.5 * (WEPL + 7) * Math.pow(2 * t + 1, -0.25);
        double idle = (ro - rle) / 2 + Math.sqrt((ro - rle) * (ro - rle) / 4 + 169);
        double idd = 0;
        if (t > 100) {
            double x = lg(t / 100) / lg(2);
            idd = 25 * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6) - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6) + 2);
        }
        return idte + idle + idd;
    }

    /** Ie-eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl), Ppl in percent (G.107 §7.5). */
    public static double effectiveEquipmentImpairment(double ie, double bpl, double lossPercent, double burstR) {
        double ppl = Math.max(0, lossPercent);
        if (ppl == 0) {
            return ie;
        }
        return ie + (95 - ie) * ppl / (ppl / burstR + bpl);
    }

    /** MOS-CQE from R, G.107 Annex B: 1 below 0, 4.5 above 100, else 1 + 0.035R + R(R - 60)(100 - R) 7e-6. */
    public static double mos(double r) {
        if (Double.isNaN(r) || r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }

    /**
     * R and MOS for a codec, a loss percentage, a burst ratio and a one-way delay; the assumptions list states the
     * inputs.
     */
    public static QualityEstimate rate(CodecImpairment codec, double lossPercent, double burstR, double oneWayMs) {
        return rate(codec, lossPercent, burstR, oneWayMs, null);
    }

    private static QualityEstimate rate(CodecImpairment codec, double lossPercent, double burstR, double oneWayMs,
                                        Notes.Delay delay) {
        double ppl = Double.isNaN(lossPercent) ? 0 : Math.max(0, lossPercent);
        double b = Double.isNaN(burstR) ? 1 : Math.max(1, Math.min(8, burstR));
        double t = Double.isNaN(oneWayMs) ? 0 : Math.max(0, oneWayMs);
        double ro = basicSignalToNoise();
        double is = simultaneousImpairment(t);
        double id = delayImpairment(t);
        double ieEff = effectiveEquipmentImpairment(codec.ie(), codec.bpl(), ppl, b);
        double r = ro - is - id - ieEff + ADVANTAGE;
        double rated = Math.max(0, Math.min(100, r));
        Notes notes = new Notes(codec, delay, lossPercent, burstR, ppl, b, ro, is, id, ieEff, r, rated);
        return new QualityEstimate(rated, mos(rated), ieEff, id, t, ppl, b, codec, notes);
    }

    /**
     * R and MOS for a stream: loss, burst ratio, packetization time and highest jitter from {@code stream}, the codec
     * from {@code encoding} (as in SDP or RFC 3551, e.g. {@code PCMU}; null when unknown), the delay from
     * {@code delay}.
     */
    public static QualityEstimate rate(RtpStreamSummary stream, String encoding, DelayAssumptions delay) {
        CodecImpairment codec = CodecImpairment.forEncoding(encoding);
        double buffer = delay.jitterBufferMs(stream.jitterKnown() ? stream.maxJitterMs() : 0);
        double frame = stream.ptimeMs() > 0 ? stream.ptimeMs() : codec.defaultFrameMs();
        double oneWay = delay.networkMs() + buffer + frame + codec.lookaheadMs();
        Notes.Delay how = new Notes.Delay(delay, stream.jitterKnown(), stream.maxJitterMs(), buffer, frame,
                stream.ptimeMs() > 0, oneWay, stream.lossBursts(), stream.maxLossBurst());
        return rate(codec, stream.lossPercent(), stream.burstRatio(), oneWay, how);
    }

    /**
     * The assumptions of one estimate in words, written when read: an estimate is kept for every stream to the end of
     * the capture, and its numbers are a small part of what its sentences take. Each reading writes the same
     * sentences from the same numbers.
     */
    static final class Notes extends AbstractList<String> {
        /** What a stream's delay was built from. */
        record Delay(DelayAssumptions delay, boolean jitterKnown, double maxJitterMs, double bufferMs, double frameMs,
                     boolean ptimeMeasured, double oneWayMs, long lossBursts, long maxLossBurst) {
        }

        private final CodecImpairment codec;
        private final Delay delay;
        private final double lossPercent;
        private final double burstR;
        private final double ppl;
        private final double b;
        private final double ro;
        private final double is;
        private final double id;
        private final double ieEff;
        private final double r;
        private final double rated;

        Notes(CodecImpairment codec, Delay delay, double lossPercent, double burstR, double ppl, double b, double ro,
              double is, double id, double ieEff, double r, double rated) {
            this.codec = codec;
            this.delay = delay;
            this.lossPercent = lossPercent;
            this.burstR = burstR;
            this.ppl = ppl;
            this.b = b;
            this.ro = ro;
            this.is = is;
            this.id = id;
            this.ieEff = ieEff;
            this.r = r;
            this.rated = rated;
        }

        private List<String> written() {
            List<String> notes = new ArrayList<>(6);
            StringBuilder sb = new StringBuilder(160);
            sb.append("codec ").append(codec.codec()).append(": Ie ");
            number(sb, codec.ie(), 1).append(", Bpl ");
            number(sb, codec.bpl(), 1).append(" (").append(codec.basis()).append(')');
            notes.add(take(sb));
            if (delay != null) {
                DelayAssumptions d = delay.delay();
                sb.append("one-way delay ");
                number(sb, delay.oneWayMs(), 1).append(" ms = network ");
                number(sb, d.networkMs(), 1).append(" ms (assumed: one capture point cannot measure it) + fixed jitter"
                        + " buffer ");
                number(sb, delay.bufferMs(), 1).append(" ms (");
                if (delay.jitterKnown()) {
                    number(sb, d.jitterBufferFactor(), 1).append(" x highest jitter ");
                    number(sb, delay.maxJitterMs(), 2).append(" ms, bounded to ");
                    number(sb, d.minJitterBufferMs(), 0).append("..");
                    number(sb, d.maxJitterBufferMs(), 0).append(" ms");
                } else {
                    sb.append("jitter unknown, the ");
                    number(sb, d.minJitterBufferMs(), 0).append(" ms minimum");
                }
                sb.append(") + packetization ");
                number(sb, delay.frameMs(), 0).append(" ms (").append(delay.ptimeMeasured() ? "measured" : "assumed")
                        .append(") + lookahead ");
                number(sb, codec.lookaheadMs(), 1).append(" ms");
                notes.add(take(sb));
                notes.add(delay.lossBursts() > 0
                        ? "BurstR from the loss pattern: " + delay.lossBursts() + " loss runs, longest "
                                + delay.maxLossBurst() + " packets"
                        : "BurstR 1: no loss run seen");
            }
            sb.append("packet loss Ppl ");
            number(sb, ppl, 2).append(" %");
            if (lossPercent < 0) {
                sb.append(" (negative loss from duplicates taken as 0)");
            }
            sb.append(", BurstR ");
            number(sb, b, 2);
            if (b != burstR) {
                sb.append(" (");
                number(sb, burstR, 2).append(" bounded to G.107's 1..8)");
            }
            notes.add(take(sb));
            if (ppl > 20) {
                notes.add("loss above 20 %: outside the range G.107 was validated for");
            }
            sb.append("R = Ro ");
            number(sb, ro, 2).append(" - Is ");
            number(sb, is, 2).append(" - Id ");
            number(sb, id, 2).append(" - Ie-eff ");
            number(sb, ieEff, 2).append(" + A 0 = ");
            number(sb, r, 2).append("; other G.107 parameters at their defaults (TELR 65 dB, WEPL 110 dB, no"
                    + " advantage factor)");
            notes.add(take(sb));
            if (rated != r) {
                sb.append("R ");
                number(sb, r, 2).append(" is outside 0..100 and is reported as ");
                number(sb, rated, 0).append(" (G.107 rates R on 0..100)");
                notes.add(take(sb));
            }
            return notes;
        }

        /** Appends {@code x} with {@code digits} decimals, as {@code %.<digits>f} would; returns {@code sb}. */
        private static StringBuilder number(StringBuilder sb, double x, int digits) {
            Decimals.append(sb, x, digits);
            return sb;
        }

        /** The sentence written so far; the builder is emptied for the next. */
        private static String take(StringBuilder sb) {
            String s = sb.toString();
            sb.setLength(0);
            return s;
        }

        @Override
        public String get(int index) {
            return written().get(index);
        }

        @Override
        public int size() {
            return written().size();
        }

        @Override
        public Iterator<String> iterator() {
            return Collections.unmodifiableList(written()).iterator();
        }
    }
}
