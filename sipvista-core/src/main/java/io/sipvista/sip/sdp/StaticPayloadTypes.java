package io.sipvista.sip.sdp;

/** The RFC 3551 static RTP payload types (table 4 and 5), used when an m= line lists one without an rtpmap. */
final class StaticPayloadTypes {
    private StaticPayloadTypes() {
    }

    /** {@code encoding/clock[/channels]} for a static payload type, or null when the number is not assigned. */
    static String name(int pt) {
        return switch (pt) {
            case 0 -> "PCMU/8000";
            case 3 -> "GSM/8000";
            case 4 -> "G723/8000";
            case 5 -> "DVI4/8000";
            case 6 -> "DVI4/16000";
            case 7 -> "LPC/8000";
            case 8 -> "PCMA/8000";
            case 9 -> "G722/8000";
            case 10 -> "L16/44100/2";
            case 11 -> "L16/44100";
            case 12 -> "QCELP/8000";
            case 13 -> "CN/8000";
            case 14 -> "MPA/90000";
            case 15 -> "G728/8000";
            case 16 -> "DVI4/11025";
            case 17 -> "DVI4/22050";
            case 18 -> "G729/8000";
            case 25 -> "CelB/90000";
            case 26 -> "JPEG/90000";
            case 28 -> "nv/90000";
            case 31 -> "H261/90000";
            case 32 -> "MPV/90000";
            case 33 -> "MP2T/90000";
            case 34 -> "H263/90000";
            default -> null;
        };
    }
}
