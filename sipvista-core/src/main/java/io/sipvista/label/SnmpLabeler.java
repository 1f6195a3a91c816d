package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.List;

/**
 * Names SNMP messages (RFC 1157, RFC 3416; UDP 161 and 162) from their BER encoding: version, community, PDU type,
 * request id, error status and the first variable's OID. SNMPv3 messages are only named (their PDU may be encrypted).
 */
final class SnmpLabeler {
    private SnmpLabeler() {
    }

    /** A label, or null when the payload does not start with a BER SEQUENCE holding a version INTEGER. */
    static Label label(byte[] b, int off, int len) {
        Ber r = new Ber(b, off, off + len);
        int[] seq = r.element(0x30);
        if (seq == null) {
            return null;
        }
        Ber msg = new Ber(b, seq[0], seq[1]);
        long version = msg.integer();
        if (version < 0 || version > 3 || version == 2) {
            return null;
        }
        String v = version == 0 ? "SNMPv1" : version == 1 ? "SNMPv2c" : "SNMPv3";
        if (version == 3) {
            return Label.of("snmp", "SNMPv3 message, " + len + " bytes (not decoded; may be encrypted)");
        }
        int[] community = msg.element(0x04);
        if (community == null) {
            return malformed(v, "no community string");
        }
        String comm = WireText.printable(b, community[0], community[1] - community[0], 40);
        if (msg.pos >= msg.end) {
            return malformed(v, "no PDU");
        }
        int tag = Octets.u8(b, msg.pos);
        int[] pdu = msg.element(tag);
        if (pdu == null || tag < 0xa0 || tag > 0xa8) {
            return malformed(v, "no PDU");
        }
        StringBuilder sb = new StringBuilder(v).append(' ').append(pduName(tag)).append(", community \"")
                .append(comm).append('"');
        if (tag == 0xa4) {
            return Label.of("snmp", sb.toString());
        }
        Ber body = new Ber(b, pdu[0], pdu[1]);
        long requestId = body.integer();
        long status = body.integer();
        body.integer();
        if (requestId == Long.MIN_VALUE || status == Long.MIN_VALUE) {
            return Label.of("snmp", sb.append(", cut short").toString(),
                    List.of(Anomaly.of("label.snmp.malformed", "PDU fields are cut short")));
        }
        sb.append(", request ").append(requestId);
        if (status != 0 && tag != 0xa5) {
            sb.append(", error ").append(errorName(status));
        }
        int[] binds = body.element(0x30);
        if (binds != null) {
            Ber list = new Ber(b, binds[0], binds[1]);
            int[] first = list.element(0x30);
            if (first != null) {
                Ber bind = new Ber(b, first[0], first[1]);
                int[] oid = bind.element(0x06);
                if (oid != null) {
                    sb.append(", ").append(oid(b, oid[0], oid[1]));
                }
            }
        }
        return Label.of("snmp", sb.toString());
    }

    private static Label malformed(String v, String detail) {
        return Label.of("snmp", v + " message, malformed", List.of(Anomaly.of("label.snmp.malformed", detail)));
    }

    private static String pduName(int tag) {
        return switch (tag) {
            case 0xa0 -> "GetRequest";
            case 0xa1 -> "GetNextRequest";
            case 0xa2 -> "Response";
            case 0xa3 -> "SetRequest";
            case 0xa4 -> "Trap";
            case 0xa5 -> "GetBulkRequest";
            case 0xa6 -> "InformRequest";
            case 0xa7 -> "Trap (v2)";
            default -> "Report";
        };
    }

    private static String errorName(long e) {
        String[] names = {"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
            "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
            "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable",
            "inconsistentName"};
        return e >= 0 && e < names.length ? names[(int) e] : "status " + e;
    }

    /** Dotted OID, at most 32 arcs shown. */
    private static String oid(byte[] b, int p, int end) {
        if (p >= end) {
            return "empty OID";
        }
        StringBuilder sb = new StringBuilder();
        int first = Octets.u8(b, p);
        sb.append(Math.min(first / 40, 2)).append('.').append(first >= 80 ? first - 80 : first % 40);
        long arc = 0;
        int arcs = 2;
        for (int i = p + 1; i < end && arcs < 32; i++) {
            int c = Octets.u8(b, i);
            arc = (arc << 7) | (c & 0x7f);
            if ((c & 0x80) == 0) {
                sb.append('.').append(arc);
                arc = 0;
                arcs++;
            } else if (arc > 0xffffffffL) {
                sb.append(".?");
                break;
            }
        }
        return sb.toString();
    }

    /** A forward reader of BER type-length-value elements within {@code pos..end}. */
    private static final class Ber {
        final byte[] b;
        int pos;
        final int end;

        Ber(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        /** Reads one element of the given tag: returns {start, end} of its value, or null (position unchanged). */
        int[] element(int tag) {
            if (pos + 2 > end || Octets.u8(b, pos) != tag) {
                return null;
            }
            int l = Octets.u8(b, pos + 1);
            int p = pos + 2;
            long length;
            if (l < 0x80) {
                length = l;
            } else {
                int n = l & 0x7f;
                if (n == 0 || n > 3 || p + n > end) {
                    return null;
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | Octets.u8(b, p + i);
                }
                p += n;
            }
            if (p + length > end) {
                return null;
            }
            pos = (int) (p + length);
            return new int[] {p, pos};
        }

        /** Reads an INTEGER of up to 8 bytes; Long.MIN_VALUE when there is none. */
        long integer() {
            int[] v = element(0x02);
            if (v == null || v[1] == v[0] || v[1] - v[0] > 8) {
                return Long.MIN_VALUE;
            }
            long x = (byte) b[v[0]];
            for (int i = v[0] + 1; i < v[1]; i++) {
                x = (x << 8) | Octets.u8(b, i);
            }
            return x;
        }
    }
}
