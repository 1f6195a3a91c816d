package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;

/**
 * Names DHCPv6 messages (RFC 8415): message type and transaction id, or for relay messages the peer address; the
 * SIP server options of RFC 3319 (21 domain names, 22 addresses) when present.
 */
final class Dhcpv6Labeler {
    private Dhcpv6Labeler() {
    }

    /** A label for a payload on port 546 or 547; null when the message type is not a DHCPv6 one. */
    static Label label(byte[] b, int off, int len) {
        if (len < 1) {
            return null;
        }
        int type = Octets.u8(b, off);
        if (type < 1 || type > 13) {
            return null;
        }
        List<Anomaly> anomalies = new ArrayList<>(1);
        String name = typeName(type);
        if (type == 12 || type == 13) {
            if (len < 34) {
                anomalies.add(Anomaly.of("label.dhcpv6.truncated", WireText.plural(len, "byte", "bytes")
                        + ", a relay header is 34"));
                return Label.of("dhcpv6", "DHCPv6 " + name + ", cut short", anomalies);
            }
            return Label.of("dhcpv6", "DHCPv6 " + name + ", hop " + Octets.u8(b, off + 1) + ", peer "
                    + AddressText.ipv6(b, off + 18) + ", link " + AddressText.ipv6(b, off + 2), anomalies);
        }
        if (len < 4) {
            anomalies.add(Anomaly.of("label.dhcpv6.truncated", WireText.plural(len, "byte", "bytes")
                    + ", the header is 4"));
            return Label.of("dhcpv6", "DHCPv6 " + name + ", cut short", anomalies);
        }
        int xid = (Octets.u8(b, off + 1) << 16) | Octets.u16be(b, off + 2);
        StringBuilder sb = new StringBuilder("DHCPv6 ").append(name).append(", transaction 0x")
                .append(String.format("%06x", xid));
        int p = off + 4;
        int end = off + len;
        String sip = null;
        String status = null;
        while (p + 4 <= end) {
            int code = Octets.u16be(b, p);
            int n = Octets.u16be(b, p + 2);
            if (p + 4 + n > end) {
                anomalies.add(Anomaly.of("label.dhcpv6.truncated", "option " + code + " says " + n + " bytes, "
                        + (end - p - 4) + " left"));
                break;
            }
            int v = p + 4;
            if (code == 22 && n >= 16 && sip == null) {
                sip = AddressText.ipv6(b, v) + (n >= 32 ? " (+more)" : "");
            } else if (code == 21 && n >= 2 && sip == null) {
                String found = DnsLabeler.readName(b, v, v + n, v, new int[1], new ArrayList<>(1));
                sip = found;
            } else if (code == 13 && n >= 2) {
                int sc = Octets.u16be(b, v);
                status = statusName(sc) + (n > 2 ? " \"" + WireText.printable(b, v + 2, n - 2, 60) + "\"" : "");
            }
            p = v + n;
        }
        if (p != end && anomalies.isEmpty()) {
            anomalies.add(Anomaly.of("label.dhcpv6.truncated", (end - p) + " bytes left over after the options"));
        }
        if (status != null) {
            sb.append(", status ").append(status);
        }
        if (sip != null) {
            sb.append(", SIP server ").append(sip);
        }
        return Label.of("dhcpv6", sb.toString(), anomalies);
    }

    static String typeName(int type) {
        return switch (type) {
            case 1 -> "Solicit";
            case 2 -> "Advertise";
            case 3 -> "Request";
            case 4 -> "Confirm";
            case 5 -> "Renew";
            case 6 -> "Rebind";
            case 7 -> "Reply";
            case 8 -> "Release";
            case 9 -> "Decline";
            case 10 -> "Reconfigure";
            case 11 -> "Information-request";
            case 12 -> "Relay-forward";
            case 13 -> "Relay-reply";
            default -> "message type " + type;
        };
    }

    private static String statusName(int code) {
        return switch (code) {
            case 0 -> "Success";
            case 1 -> "UnspecFail";
            case 2 -> "NoAddrsAvail";
            case 3 -> "NoBinding";
            case 4 -> "NotOnLink";
            case 5 -> "UseMulticast";
            case 6 -> "NoPrefixAvail";
            default -> "code " + code;
        };
    }
}
