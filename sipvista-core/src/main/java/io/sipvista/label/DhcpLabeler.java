package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;

/**
 * Names DHCP (RFC 2131/2132) and BOOTP messages: message type, client hardware address, the address offered or
 * requested, the server, and the options a SIP phone boots from (RFC 3361 SIP servers, TFTP server name 66 and
 * address 150, host name).
 */
final class DhcpLabeler {
    private static final long MAGIC_COOKIE = 0x63825363L;
    private static final int FIXED = 236;

    private DhcpLabeler() {
    }

    /** A label for a payload on port 67 or 68; null when it is not BOOTP-shaped at all (op not 1 or 2). */
    static Label label(byte[] b, int off, int len) {
        if (len < 1 || (Octets.u8(b, off) != 1 && Octets.u8(b, off) != 2)) {
            return null;
        }
        List<Anomaly> anomalies = new ArrayList<>(1);
        if (len < FIXED) {
            anomalies.add(Anomaly.of("label.dhcp.truncated", WireText.plural(len, "byte", "bytes")
                    + ", the fixed part alone is " + FIXED));
            return Label.of("dhcp", "DHCP/BOOTP " + (Octets.u8(b, off) == 1 ? "request" : "reply") + ", cut short",
                    anomalies);
        }
        int op = Octets.u8(b, off);
        int htype = Octets.u8(b, off + 1);
        int hlen = Octets.u8(b, off + 2);
        long xid = Octets.u32be(b, off + 4);
        String chaddr = htype == 1 && hlen == 6 ? AddressText.mac(b, off + 28)
                : AddressText.hexBytes(b, off + 28, Math.min(hlen, 16));
        String yiaddr = AddressText.ipv4(b, off + 16);
        String ciaddr = AddressText.ipv4(b, off + 12);
        boolean dhcp = len >= FIXED + 4 && Octets.u32be(b, off + FIXED) == MAGIC_COOKIE;
        if (!dhcp) {
            String text = "BOOTP " + (op == 1 ? "request from " + chaddr : "reply to " + chaddr + ", address " + yiaddr)
                    + ", transaction " + WireText.hex32(xid);
            return Label.of("dhcp", text);
        }
        Options o = new Options();
        o.read(b, off + FIXED + 4, off + len, anomalies);
        StringBuilder sb = new StringBuilder(96).append("DHCP ");
        if (o.type < 0) {
            anomalies.add(Anomaly.of("label.dhcp.no_message_type", "no option 53"));
            sb.append(op == 1 ? "request" : "reply");
        } else {
            sb.append(typeName(o.type));
        }
        boolean fromClient = op == 1;
        switch (o.type) {
            case 2, 5 -> { // offer, ack
                String addr = !"0.0.0.0".equals(yiaddr) ? yiaddr : ciaddr;
                sb.append(' ').append(addr).append(" to ").append(chaddr);
                if (o.server != null) {
                    sb.append(", server ").append(o.server);
                }
                if (o.lease >= 0) {
                    sb.append(", lease ").append(o.lease).append(" s");
                }
            }
            case 3 -> { // request
                String addr = o.requested != null ? o.requested : ciaddr;
                sb.append(' ').append(addr).append(" from ").append(chaddr);
                if (o.server != null) {
                    sb.append(", server ").append(o.server);
                }
            }
            case 6 -> sb.append(" to ").append(chaddr).append(o.server != null ? ", server " + o.server : "");
            default -> sb.append(fromClient ? " from " : " to ").append(chaddr);
        }
        sb.append(", transaction ").append(WireText.hex32(xid));
        if (o.hostName != null) {
            sb.append(", host \"").append(o.hostName).append('"');
        }
        if (o.sipServer != null) {
            sb.append(", SIP server ").append(o.sipServer);
        }
        if (o.tftp != null) {
            sb.append(", TFTP server ").append(o.tftp);
        }
        if (o.message != null) {
            sb.append(", message \"").append(o.message).append('"');
        }
        return Label.of("dhcp", sb.toString(), anomalies);
    }

    static String typeName(int type) {
        return switch (type) {
            case 1 -> "Discover";
            case 2 -> "Offer";
            case 3 -> "Request";
            case 4 -> "Decline";
            case 5 -> "ACK";
            case 6 -> "NAK";
            case 7 -> "Release";
            case 8 -> "Inform";
            case 9 -> "Force Renew";
            case 10 -> "Lease Query";
            case 11 -> "Lease Unassigned";
            case 12 -> "Lease Unknown";
            case 13 -> "Lease Active";
            default -> "message type " + type;
        };
    }

    /** The options that the label uses, read from the options field (pad, end, code-length-value). */
    private static final class Options {
        int type = -1;
        long lease = -1;
        String server;
        String requested;
        String hostName;
        String sipServer;
        String tftp;
        String message;

        void read(byte[] b, int p, int end, List<Anomaly> anomalies) {
            while (p < end) {
                int code = Octets.u8(b, p);
                if (code == 0) {
                    p++;
                    continue;
                }
                if (code == 255) {
                    return;
                }
                if (p + 2 > end || p + 2 + Octets.u8(b, p + 1) > end) {
                    anomalies.add(Anomaly.of("label.dhcp.option.invalid", "option " + code + " runs past the end"));
                    return;
                }
                int n = Octets.u8(b, p + 1);
                int v = p + 2;
                switch (code) {
                    case 53 -> type = n >= 1 ? Octets.u8(b, v) : type;
                    case 51 -> lease = n == 4 ? Octets.u32be(b, v) : lease;
                    case 54 -> server = n == 4 ? AddressText.ipv4(b, v) : server;
                    case 50 -> requested = n == 4 ? AddressText.ipv4(b, v) : requested;
                    case 12 -> hostName = WireText.printable(b, v, n, 40);
                    case 56 -> message = WireText.printable(b, v, n, 60);
                    case 66 -> tftp = tftp == null ? WireText.printable(b, v, trimNul(b, v, n), 60) : tftp;
                    case 150 -> tftp = n >= 4 ? AddressText.ipv4(b, v) : tftp;
                    case 120 -> sipServer = sipServers(b, v, n, anomalies);
                    default -> {
                    }
                }
                p = v + n;
            }
        }

        private static int trimNul(byte[] b, int v, int n) {
            int m = n;
            while (m > 0 && b[v + m - 1] == 0) {
                m--;
            }
            return m;
        }

        /** RFC 3361: encoding byte 0 then DNS names, or 1 then IPv4 addresses; the first server is shown. */
        private static String sipServers(byte[] b, int v, int n, List<Anomaly> anomalies) {
            if (n < 2) {
                anomalies.add(Anomaly.of("label.dhcp.option.invalid", "option 120 (SIP servers) of " + n + " bytes"));
                return null;
            }
            int enc = Octets.u8(b, v);
            if (enc == 1) {
                if ((n - 1) % 4 != 0) {
                    anomalies.add(Anomaly.of("label.dhcp.option.invalid", "option 120 (SIP servers): "
                            + (n - 1) + " bytes is not a list of IPv4 addresses"));
                    return null;
                }
                return AddressText.ipv4(b, v + 1) + ((n - 1) / 4 > 1 ? " (+" + ((n - 1) / 4 - 1) + " more)" : "");
            }
            if (enc == 0) {
                int[] next = new int[1];
                List<Anomaly> nameProblems = new ArrayList<>(1);
                // Names in this option are uncompressed; a pointer would point into the option itself.
                String name = DnsLabeler.readName(b, v + 1, v + n, v + 1, next, nameProblems);
                if (name == null) {
                    anomalies.add(Anomaly.of("label.dhcp.option.invalid", "option 120 (SIP servers): bad domain name"));
                    return null;
                }
                return name + (next[0] < v + n ? " (+more)" : "");
            }
            anomalies.add(Anomaly.of("label.dhcp.option.invalid", "option 120 (SIP servers): unknown encoding " + enc));
            return null;
        }
    }
}
