package io.sipvista.label;

import java.util.Map;

/**
 * The RTP payload types of RFC 3551 (section 6, tables 4 and 5): encoding name and clock rate of each static type.
 * 96-127 are "dynamic" (bound by SDP {@code a=rtpmap}); 1, 2, 19 and 72-76 are "reserved" (72-76 collide with RTCP);
 * the rest of 0-95 that RFC 3551 does not assign are "unassigned".
 */
public final class RtpPayloadTypes {
    /** One static assignment: encoding name, clock rate, audio channels (0 for video). */
    private record Static(String name, int rate, int channels) {
    }

    private RtpPayloadTypes() {
    }

    /** RFC 3551 tables 4 and 5, built once (immutable). */
    private static final Map<Integer, Static> ASSIGNED = Map.ofEntries(
            Map.entry(0, new Static("PCMU", 8000, 1)),
            Map.entry(3, new Static("GSM", 8000, 1)),
            Map.entry(4, new Static("G723", 8000, 1)),
            Map.entry(5, new Static("DVI4", 8000, 1)),
            Map.entry(6, new Static("DVI4", 16000, 1)),
            Map.entry(7, new Static("LPC", 8000, 1)),
            Map.entry(8, new Static("PCMA", 8000, 1)),
            Map.entry(9, new Static("G722", 8000, 1)),
            Map.entry(10, new Static("L16", 44100, 2)),
            Map.entry(11, new Static("L16", 44100, 1)),
            Map.entry(12, new Static("QCELP", 8000, 1)),
            Map.entry(13, new Static("CN", 8000, 1)),
            Map.entry(14, new Static("MPA", 90000, 0)),
            Map.entry(15, new Static("G728", 8000, 1)),
            Map.entry(16, new Static("DVI4", 11025, 1)),
            Map.entry(17, new Static("DVI4", 22050, 1)),
            Map.entry(18, new Static("G729", 8000, 1)),
            Map.entry(25, new Static("CelB", 90000, 0)),
            Map.entry(26, new Static("JPEG", 90000, 0)),
            Map.entry(28, new Static("nv", 90000, 0)),
            Map.entry(31, new Static("H261", 90000, 0)),
            Map.entry(32, new Static("MPV", 90000, 0)),
            Map.entry(33, new Static("MP2T", 90000, 0)),
            Map.entry(34, new Static("H263", 90000, 0)));

    /** The types of {@link #ASSIGNED}, bit {@code pt} of 0-63 then 64-127: a mask test for the per-packet check. */
    private static final long STATIC_LOW = mask(0);
    private static final long STATIC_HIGH = mask(64);

    private static long mask(int from) {
        long m = 0;
        for (int pt : ASSIGNED.keySet()) {
            if (pt >= from && pt < from + 64) {
                m |= 1L << (pt - from);
            }
        }
        return m;
    }

    private static Static assigned(int pt) {
        return ASSIGNED.get(pt); // payload types are 0-127: Integer.valueOf is cached, nothing is allocated
    }

    /**
     * Encoding name of a static payload type ("PCMU", "G729", ...), or "dynamic" (96-127), "reserved" (1, 2, 19,
     * 72-76), "unassigned", and "invalid" outside 0-127.
     */
    public static String name(int pt) {
        if (pt < 0 || pt > 127) {
            return "invalid";
        }
        if (pt >= 96) {
            return "dynamic";
        }
        Static s = assigned(pt);
        if (s != null) {
            return s.name();
        }
        return pt == 1 || pt == 2 || pt == 19 || (pt >= 72 && pt <= 76) ? "reserved" : "unassigned";
    }

    /** Clock rate in Hz of a static payload type (8000 for PCMU), 0 when the type has none fixed. */
    public static int clockRate(int pt) {
        Static s = assigned(pt);
        return s == null ? 0 : s.rate();
    }

    /** The SDP rtpmap form of a static type ("PCMU/8000", "L16/44100/2"), or null when the type has none. */
    public static String rtpmap(int pt) {
        Static s = assigned(pt);
        return s == null ? null : s.name() + "/" + s.rate() + (s.channels() > 1 ? "/" + s.channels() : "");
    }

    /** True for a payload type that RFC 3551 assigns to an encoding. */
    public static boolean isStatic(int pt) {
        return pt >= 0 && pt < 128 && ((pt < 64 ? STATIC_LOW : STATIC_HIGH) & (1L << pt)) != 0;
    }

    /** True for 96-127. */
    public static boolean isDynamic(int pt) {
        return pt >= 96 && pt <= 127;
    }
}
