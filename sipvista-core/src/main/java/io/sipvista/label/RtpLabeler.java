package io.sipvista.label;

import io.sipvista.bytes.Octets;

/**
 * Decides whether a UDP payload is RTP and names it. Without SDP this is a heuristic: version 2, a header whose CSRC
 * list, extension and padding fit the datagram, a payload type that is assigned (static) or dynamic and not 72-76
 * (RTCP), and both ports unprivileged (at least 1024); a dynamic payload type also needs an even port on one side.
 * A dynamic payload of whole 4-byte RFC 4733/4734 events is named telephone-event.
 */
final class RtpLabeler {
    private static final String EVENTS = "0123456789*#ABCD";

    /** The label of an RTP datagram when its text is not wanted. */
    private static final Label UNTOLD = Label.of("rtp", "RTP");

    private RtpLabeler() {
    }

    static Label label(byte[] b, int off, int len, int srcPort, int dstPort) {
        return label(b, off, len, srcPort, dstPort, true);
    }

    /** {@link #label(byte[], int, int, int, int)}; without {@code text} the same decision, labelled only "RTP". */
    static Label label(byte[] b, int off, int len, int srcPort, int dstPort, boolean text) {
        if (srcPort < 1024 || dstPort < 1024) {
            return null;
        }
        if (RtpHeader.layout(b, off, len) < 0) {
            return null; // decided without building the header: the analysis asks this of every RTP packet
        }
        int pt = Octets.u8(b, off + 1) & 0x7f;
        boolean dynamic = RtpPayloadTypes.isDynamic(pt);
        if (!dynamic && !RtpPayloadTypes.isStatic(pt)) {
            return null;
        }
        if (dynamic && (srcPort & 1) != 0 && (dstPort & 1) != 0) {
            return null;
        }
        if (!text) {
            return UNTOLD;
        }
        RtpHeader h = RtpHeader.parse(b, off, len).orElseThrow(); // its structure was just checked
        String ids = "SSRC " + WireText.hex32(h.ssrc()) + ", seq " + h.sequence();
        if (dynamic) {
            String event = telephoneEvent(b, off + h.headerLength(), h.payloadLength());
            if (event != null) {
                return Label.of("rtp", "RTP telephone-event (dynamic PT " + pt + "?): " + event + ", " + ids
                        + (h.marker() ? ", marker" : ""));
            }
        }
        String name = dynamic ? "RTP (heuristic) dynamic PT " + pt : "RTP " + RtpPayloadTypes.name(pt);
        StringBuilder sb = new StringBuilder(96).append(name).append(", ").append(ids)
                .append(", ts ").append(h.timestamp()).append(", ")
                .append(WireText.plural(h.payloadLength(), "byte", "bytes")).append(" payload");
        if (h.marker()) {
            sb.append(", marker");
        }
        if (h.csrcCount() > 0) {
            sb.append(", ").append(WireText.plural(h.csrcCount(), "CSRC", "CSRCs"));
        }
        return Label.of("rtp", sb.toString());
    }

    /**
     * "digit 5, end, duration 800, volume -10 dBm0" when the payload is whole RFC 4733 events (4 bytes each, reserved
     * bit clear, event 0-16: DTMF and flash, or 23-58: the modem, fax and text events of RFC 4734), else null.
     */
    static String telephoneEvent(byte[] b, int off, int len) {
        if (len < 4 || len % 4 != 0 || len > 16) {
            return null;
        }
        for (int p = off; p < off + len; p += 4) {
            int e = Octets.u8(b, p);
            if ((e > 16 && (e < 23 || e > 58)) || (Octets.u8(b, p + 1) & 0x40) != 0) {
                return null;
            }
        }
        int event = Octets.u8(b, off);
        int flags = Octets.u8(b, off + 1);
        String what = event < 16 ? "digit " + EVENTS.charAt(event) : event == 16 ? "flash" : modemEvent(event);
        StringBuilder sb = new StringBuilder(what);
        if ((flags & 0x80) != 0) {
            sb.append(", end");
        }
        sb.append(", duration ").append(Octets.u16be(b, off + 2)).append(", volume ")
                .append((flags & 0x3f) == 0 ? "0" : "-" + (flags & 0x3f)).append(" dBm0");
        if (len > 4) {
            sb.append(" (+").append(len / 4 - 1).append(" more)");
        }
        return sb.toString();
    }

    private static String modemEvent(int event) {
        return switch (event) {
            case 32 -> "fax/modem answer tone ANS (CED)";
            case 33 -> "fax/modem answer tone /ANS (phase reversed)";
            case 34 -> "modem answer tone ANSam";
            case 35 -> "modem answer tone /ANSam (phase reversed)";
            case 36 -> "fax calling tone CNG";
            default -> "modem/fax event " + event;
        };
    }
}
