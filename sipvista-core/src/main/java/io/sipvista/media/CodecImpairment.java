package io.sipvista.media;

import java.util.Locale;

/**
 * How a speech codec enters the ITU-T G.107 E-model: its equipment impairment {@code Ie} and packet-loss robustness
 * {@code Bpl} (ITU-T G.113 Appendix I where it tabulates the codec), and the delay it adds before the first packet
 * leaves (lookahead; the packetization time comes from the stream).
 *
 * @param codec          what the values are for ("G.711 with PLC", "G.729A")
 * @param ie             equipment impairment factor at zero loss, R-scale units
 * @param bpl            packet-loss robustness factor
 * @param lookaheadMs    algorithmic lookahead, milliseconds
 * @param defaultFrameMs packetization time to assume when the stream gives none, milliseconds
 * @param basis          where the numbers come from, in words, for the report
 */
public record CodecImpairment(String codec, double ie, double bpl, double lookaheadMs, double defaultFrameMs,
                              String basis) {
    private static final String G113 = "ITU-T G.113 Appendix I";

    /** G.711 (PCMU/PCMA) with packet-loss concealment at the receiver: Ie 0, Bpl 25.1. */
    public static final CodecImpairment G711_PLC = new CodecImpairment("G.711 with PLC", 0, 25.1, 0, 20,
            G113 + " (G.711 with packet-loss concealment, random loss)");
    /** G.711 without packet-loss concealment: Ie 0, Bpl 4.3. */
    public static final CodecImpairment G711_NO_PLC = new CodecImpairment("G.711 without PLC", 0, 4.3, 0, 20,
            G113 + " (G.711 without packet-loss concealment)");
    /** G.729 Annex A (the common deployment of payload type 18): Ie 11, Bpl 19.0, 5 ms lookahead, 10 ms frames. */
    public static final CodecImpairment G729A = new CodecImpairment("G.729A", 11, 19.0, 5, 20,
            G113 + " (G.729A with VAD); payload type 18 does not say whether Annex A is used, so the Annex A values"
                    + " are taken");
    /** G.723.1 at 6.3 kbit/s: Ie 15, Bpl 16.1, 7.5 ms lookahead, 30 ms frames. */
    public static final CodecImpairment G723_1 = new CodecImpairment("G.723.1", 15, 16.1, 7.5, 30,
            G113 + " (G.723.1 6.3 kbit/s with VAD)");
    /** GSM full rate (GSM 06.10): Ie 20; Bpl 10 is GSM-EFR's, taken for want of a full-rate value. */
    public static final CodecImpairment GSM_FR = new CodecImpairment("GSM-FR", 20, 10.0, 0, 20,
            G113 + " Ie for GSM 06.10 full rate; Bpl 10 is the GSM-EFR value (no full-rate Bpl is tabulated)");
    /** iLBC: not tabulated where the others come from; Ie 10 and Bpl 25.1 (a concealing codec) are assumptions. */
    public static final CodecImpairment ILBC = new CodecImpairment("iLBC", 10, 25.1, 0, 20,
            "assumed: Ie 10 (a 15.2 kbit/s low-bit-rate codec) and Bpl 25.1 (iLBC conceals loss by design); "
                    + "not taken from G.113 Appendix I");
    /** Wideband and fullband codecs (G.722, Opus, ...) rated as G.711 with PLC on the narrowband scale. */
    public static final CodecImpairment WIDEBAND_AS_G711 = new CodecImpairment("wideband as G.711", 0, 25.1, 0, 20,
            "the narrowband E-model cannot credit wideband speech (that is ITU-T G.107.1); rated as G.711 with PLC"
                    + " (Ie 0, Bpl 25.1), so the score is a floor, not the codec's own quality");

    /**
     * The impairment of an encoding named as in SDP or RFC 3551 ({@code PCMU}, {@code G729}, {@code opus}); an
     * unknown or null name gets G.711 with PLC, and {@code basis} says it was assumed.
     */
    public static CodecImpairment forEncoding(String encoding) {
        String e = encoding == null ? "" : encoding.toUpperCase(Locale.ROOT);
        switch (e) {
            case "PCMU", "PCMA" -> {
                return G711_PLC;
            }
            case "G729", "G729A", "G729AB", "G729D", "G729E" -> {
                return G729A;
            }
            case "G723" -> {
                return G723_1;
            }
            case "GSM" -> {
                return GSM_FR;
            }
            case "ILBC" -> {
                return ILBC;
            }
            case "G722", "G7221", "OPUS", "SILK", "AMR-WB", "EVS", "L16" -> {
                return new CodecImpairment(encoding + " (wideband as G.711)", WIDEBAND_AS_G711.ie(),
                        WIDEBAND_AS_G711.bpl(), 0, 20, WIDEBAND_AS_G711.basis());
            }
            default -> {
                String name = encoding == null || encoding.isEmpty() ? "unknown codec" : encoding;
                return new CodecImpairment(name + " (as G.711)", 0, 25.1, 0, 20,
                        "codec not known to the E-model table; G.711 with PLC values (Ie 0, Bpl 25.1) assumed");
            }
        }
    }
}
