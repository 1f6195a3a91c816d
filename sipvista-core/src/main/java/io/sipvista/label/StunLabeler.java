package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;

/**
 * Names STUN messages (RFC 5389/8489, with the TURN methods of RFC 8656 and the ICE attributes of RFC 8445):
 * method and class, the (XOR-)mapped and relayed addresses, error code, user name. Recognised by the magic cookie
 * 0x2112A442 and the two zero leading bits. Also TURN ChannelData (channel 0x4000-0x7FFF, length matching).
 */
final class StunLabeler {
    static final long MAGIC_COOKIE = 0x2112A442L;

    private StunLabeler() {
    }

    /** True when the bytes start like a STUN message: two zero bits, then the magic cookie at byte 4. */
    static boolean looksLikeStun(byte[] b, int off, int len) {
        return len >= 8 && (Octets.u8(b, off) & 0xc0) == 0 && Octets.u32be(b, off + 4) == MAGIC_COOKIE
                && (Octets.u16be(b, off + 2) & 3) == 0;
    }

    /**
     * A label for a STUN message, or null when the bytes are not one. {@code datagram}: the message must fill the
     * payload exactly (UDP); otherwise (TCP) a message may continue in a later segment or be followed by another.
     */
    static Label label(byte[] b, int off, int len, boolean datagram) {
        if (!looksLikeStun(b, off, len)) {
            return null;
        }
        List<Anomaly> anomalies = new ArrayList<>(1);
        int type = Octets.u16be(b, off);
        String name = "STUN " + methodName(type) + " " + className(type);
        if (len < 20) {
            anomalies.add(Anomaly.of("label.stun.truncated", WireText.plural(len, "byte", "bytes")
                    + ", the header alone is 20"));
            return Label.of("stun", name + ", cut short", anomalies);
        }
        int msgLen = Octets.u16be(b, off + 2);
        int end = off + len;
        int msgEnd = off + 20 + msgLen;
        String tail = "";
        if (msgEnd > end) {
            if (datagram) {
                anomalies.add(Anomaly.of("label.stun.truncated", "length says " + (20 + msgLen) + " bytes, "
                        + len + " present"));
            } else {
                tail = " (continues in a later segment)";
            }
            msgEnd = end;
        } else if (msgEnd < end) {
            if (datagram) {
                anomalies.add(Anomaly.of("label.stun.length", "length says " + (20 + msgLen) + " bytes, datagram has "
                        + len));
            } else {
                tail = " (+" + (end - msgEnd) + " bytes of a further message)";
            }
        }
        List<String> details = new ArrayList<>(4);
        int p = off + 20;
        while (p + 4 <= msgEnd) {
            int at = Octets.u16be(b, p);
            int n = Octets.u16be(b, p + 2);
            int v = p + 4;
            if (v + n > msgEnd) {
                if (msgEnd == off + 20 + msgLen) {
                    anomalies.add(Anomaly.of("label.stun.attribute.invalid", "attribute " + WireText.hex16(at)
                            + " says " + n + " bytes, " + (msgEnd - v) + " left"));
                }
                break;
            }
            String d = attribute(b, off, at, v, n, anomalies);
            if (d != null && details.size() < 6) {
                details.add(d);
            }
            p = v + ((n + 3) & ~3);
        }
        StringBuilder sb = new StringBuilder(name);
        if (!details.isEmpty()) {
            sb.append(": ").append(String.join(", ", details));
        }
        return Label.of("stun", sb.append(tail).toString(), anomalies);
    }

    private static String attribute(byte[] b, int msg, int at, int v, int n, List<Anomaly> anomalies) {
        return switch (at) {
            case 0x0001 -> address(b, msg, v, n, false, "MAPPED-ADDRESS", anomalies);
            case 0x0020, 0x8020 -> address(b, msg, v, n, true, "XOR-MAPPED-ADDRESS", anomalies);
            case 0x0016 -> address(b, msg, v, n, true, "XOR-RELAYED-ADDRESS", anomalies);
            case 0x0012 -> address(b, msg, v, n, true, "XOR-PEER-ADDRESS", anomalies);
            case 0x0009 -> n >= 4 ? (Octets.u8(b, v + 2) & 7) * 100 + Octets.u8(b, v + 3)
                    + (n > 4 ? " " + WireText.printable(b, v + 4, n - 4, 60) : "") : null;
            case 0x0006 -> "user \"" + WireText.printable(b, v, n, 60) + "\"";
            case 0x000D -> n == 4 ? "lifetime " + Octets.u32be(b, v) + " s" : null;
            case 0x000C -> n >= 2 ? "channel " + WireText.hex16(Octets.u16be(b, v)) : null;
            case 0x0025 -> "use-candidate";
            case 0x8022 -> "software \"" + WireText.printable(b, v, n, 40) + "\"";
            default -> null;
        };
    }

    private static String address(byte[] b, int msg, int v, int n, boolean xor, String name, List<Anomaly> anomalies) {
        int family = n >= 4 ? Octets.u8(b, v + 1) : 0;
        if (!(family == 1 && n == 8) && !(family == 2 && n == 20)) {
            anomalies.add(Anomaly.of("label.stun.attribute.invalid", name + " of " + n + " bytes, family " + family));
            return null;
        }
        int port = Octets.u16be(b, v + 2) ^ (xor ? 0x2112 : 0);
        byte[] addr = new byte[family == 1 ? 4 : 16];
        for (int i = 0; i < addr.length; i++) {
            // The XOR key is the magic cookie followed by the transaction id: bytes 4..19 of the message.
            addr[i] = (byte) (b[v + 4 + i] ^ (xor ? b[msg + 4 + i] : 0));
        }
        String a = family == 1 ? AddressText.ipv4(addr, 0) : AddressText.ipv6(addr, 0);
        return name + " " + AddressText.endpoint(a, port);
    }

    static String methodName(int type) {
        int m = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
        return switch (m) {
            case 0x001 -> "Binding";
            case 0x002 -> "Shared Secret";
            case 0x003 -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            case 0x00a -> "Connect";
            case 0x00b -> "ConnectionBind";
            case 0x00c -> "ConnectionAttempt";
            default -> "method " + WireText.hex16(m);
        };
    }

    static String className(int type) {
        int c = ((type & 0x0100) >> 7) | ((type & 0x0010) >> 4);
        return switch (c) {
            case 0 -> "request";
            case 1 -> "indication";
            case 2 -> "success response";
            default -> "error response";
        };
    }

    /**
     * TURN ChannelData (RFC 8656 section 12.4): channel number 0x4000-0x7FFF, a length, the data (padded to 4 bytes
     * over TCP, may be padded over UDP). The data is named too when it is RTP, RTCP or DTLS. Null when the shape
     * does not fit.
     */
    static Label channelData(byte[] b, int off, int len, int srcPort, int dstPort) {
        if (len < 4) {
            return null;
        }
        int channel = Octets.u16be(b, off);
        int n = Octets.u16be(b, off + 2);
        if (channel < 0x4000 || channel > 0x7ffe || n == 0 || 4 + n > len || len > 4 + ((n + 3) & ~3)) {
            return null;
        }
        StringBuilder sb = new StringBuilder("TURN ChannelData on channel ").append(WireText.hex16(channel))
                .append(", ").append(n).append(" bytes");
        Label inner = TlsLabeler.dtls(b, off + 4, n);
        if (inner == null) {
            inner = RtcpLabeler.label(b, off + 4, n, srcPort, dstPort);
        }
        if (inner == null) {
            inner = RtpLabeler.label(b, off + 4, n, srcPort, dstPort);
        }
        if (inner != null) {
            sb.append(": ").append(inner.text());
            return Label.of("stun", sb.toString(), inner.anomalies());
        }
        return Label.of("stun", sb.toString());
    }
}
