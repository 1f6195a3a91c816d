package io.sipvista.media;

import java.util.List;

/**
 * An ITU-T G.107 E-model estimate for one stream: the transmission rating R, the MOS it maps to (G.107 Annex B), the
 * impairments it was built from and every assumption in words, so a report can print how the number was reached.
 *
 * @param r              transmission rating factor R (may fall below 0 or above 100 in extreme cases)
 * @param mos            estimated MOS-CQE, 1.0 to 4.5
 * @param ieEff          effective equipment impairment Ie-eff (codec and packet loss)
 * @param id             delay impairment Id (talker echo, listener echo, absolute delay)
 * @param oneWayDelayMs  the assumed mouth-to-ear delay T = Ta, milliseconds
 * @param lossPercent    the packet loss Ppl used, percent
 * @param burstR         the burst ratio used
 * @param codec          the codec impairment used
 * @param assumptions    each assumption and input, one sentence each, in the order they enter the model
 */
public record QualityEstimate(double r, double mos, double ieEff, double id, double oneWayDelayMs,
                              double lossPercent, double burstR, CodecImpairment codec, List<String> assumptions) {
    /** Copies the list, unless it is the model's own (immutable, written when read). */
    public QualityEstimate {
        if (!(assumptions instanceof EModel.Notes)) {
            assumptions = List.copyOf(assumptions);
        }
    }
}
