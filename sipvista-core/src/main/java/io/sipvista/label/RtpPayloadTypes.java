package io.sipvista.label;

/**
 * The RTP payload types of RFC 3551 (section 6, tables 4 and 5): encoding name and clock rate of each static type.
 * 96-127 are "dynamic" (bound by SDP {@code a=rtpmap}); 72-76 are "reserved" because they collide with RTCP; the
 * rest of 0-95 that RFC 3551 does not assign are "unassigned".
 */
public final class RtpPayloadTypes {
    private static final String[] NAMES = new String[128];
    private static final int[] RATES = new int[128];
    private static final int[] CHANNELS = new int[128];

    static {
        for (int pt = 0; pt < 128; pt++) {
            NAMES[pt] = pt >= 96 ? "dynamic" : (pt == 1 || pt == 2 || pt == 19 || (pt >= 72 && pt <= 76)) ? "reserved"
                    : "unassigned";
        }
        audio(0, "PCMU", 8000, 1);
        audio(3, "GSM", 8000, 1);
        audio(4, "G723", 8000, 1);
        audio(5, "DVI4", 8000, 1);
        audio(6, "DVI4", 16000, 1);
        audio(7, "LPC", 8000, 1);
        audio(8, "PCMA", 8000, 1);
        audio(9, "G722", 8000, 1);
        audio(10, "L16", 44100, 2);
        audio(11, "L16", 44100, 1);
        audio(12, "QCELP", 8000, 1);
        audio(13, "CN", 8000, 1);
        audio(14, "MPA", 90000, 0);
        audio(15, "G728", 8000, 1);
        audio(16, "DVI4", 11025, 1);
        audio(17, "DVI4", 22050, 1);
        audio(18, "G729", 8000, 1);
        audio(25, "CelB", 90000, 0);
        audio(26, "JPEG", 90000, 0);
        audio(28, "nv", 90000, 0);
        audio(31, "H261", 90000, 0);
        audio(32, "MPV", 90000, 0);
        audio(33, "MP2T", 90000, 0);
        audio(34, "H263", 90000, 0);
    }

    private static void audio(int pt, String name, int rate, int channels) {
        NAMES[pt] = name;
        RATES[pt] = rate;
        CHANNELS[pt] = channels;
    }

    private RtpPayloadTypes() {
    }

    /**
     * Encoding name of a static payload type ("PCMU", "G729", ...), or "dynamic" (96-127), "reserved" (1, 2, 19,
     * 72-76), "unassigned", and "invalid" outside 0-127.
     */
    public static String name(int pt) {
        return pt < 0 || pt > 127 ? "invalid" : NAMES[pt];
    }

    /** Clock rate in Hz of a static payload type (8000 for PCMU), 0 when the type has none fixed. */
    public static int clockRate(int pt) {
        return pt < 0 || pt > 127 ? 0 : RATES[pt];
    }

    /** The SDP rtpmap form of a static type ("PCMU/8000", "L16/44100/2"), or null when the type has none. */
    public static String rtpmap(int pt) {
        if (!isStatic(pt)) {
            return null;
        }
        return NAMES[pt] + "/" + RATES[pt] + (CHANNELS[pt] > 1 ? "/" + CHANNELS[pt] : "");
    }

    /** True for a payload type that RFC 3551 assigns to an encoding. */
    public static boolean isStatic(int pt) {
        return pt >= 0 && pt < 96 && RATES[pt] != 0;
    }

    /** True for 96-127. */
    public static boolean isDynamic(int pt) {
        return pt >= 96 && pt <= 127;
    }
}
