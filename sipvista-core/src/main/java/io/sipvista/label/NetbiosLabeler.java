package io.sipvista.label;

import io.sipvista.bytes.Octets;

/**
 * Names NetBIOS name service (RFC 1002, UDP 137) and datagram service (UDP 138) packets, common on Windows LANs:
 * the operation and the decoded NetBIOS name with its type suffix ("WORKGROUP&lt;1d&gt;"), and the address a name
 * maps to.
 * Declines (null) when the name is not a valid first-level encoding.
 */
final class NetbiosLabeler {
    private NetbiosLabeler() {
    }

    /** Name service (137): DNS-shaped header, then the encoded name. */
    static Label nameService(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 12 + 34 + 4) {
            return null;
        }
        int flags = Octets.u16be(b, off + 2);
        String name = decodeName(b, off + 12, end);
        if (name == null) {
            return null;
        }
        int p = skipName(b, off + 12, end);
        if (p < 0 || p + 4 > end) {
            return null;
        }
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xf;
        int rcode = flags & 0xf;
        int qtype = Octets.u16be(b, p);
        String op = switch (opcode) {
            case 0 -> qtype == 0x21 ? "status query" : "name query";
            case 5 -> "name registration";
            case 6 -> "name release";
            case 7 -> "wait for acknowledgement";
            case 8, 9 -> "name refresh";
            default -> "opcode " + opcode;
        };
        StringBuilder sb = new StringBuilder("NetBIOS ").append(op).append(response ? " response " : " ").append(name);
        if (response && rcode != 0) {
            sb.append(" (").append(switch (rcode) {
                case 1 -> "format error";
                case 2 -> "server failure";
                case 3 -> "name not found";
                case 4 -> "not implemented";
                case 5 -> "refused";
                case 6 -> "name active elsewhere";
                case 7 -> "name in conflict";
                default -> "error " + rcode;
            }).append(')');
        }
        int records = Octets.u16be(b, off + 6) + Octets.u16be(b, off + 8) + Octets.u16be(b, off + 10);
        if (Octets.u16be(b, off + 4) == 0) {
            // No question: the name read is the owner of the first record, whose data follows directly.
            if (records > 0 && qtype == 0x20 && p + 16 <= end && Octets.u16be(b, p + 8) >= 6) {
                sb.append(": ").append(AddressText.ipv4(b, p + 12));
            }
        } else if (records > 0) {
            // First resource record: a name (pointer or full), type, class, TTL, length, then NB flags and address.
            int r = p + 4;
            if (r + 2 <= end && (Octets.u8(b, r) & 0xc0) == 0xc0) {
                r += 2;
            } else {
                r = skipName(b, r, end);
            }
            if (r >= 0 && r + 16 <= end && Octets.u16be(b, r) == 0x20 && Octets.u16be(b, r + 8) >= 6) {
                sb.append(": ").append(AddressText.ipv4(b, r + 12));
            }
        }
        return Label.of("nbns", sb.toString());
    }

    /** Datagram service (138): type, then source and destination names. */
    static Label datagramService(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 14) {
            return null;
        }
        int type = Octets.u8(b, off);
        if (type < 0x10 || type > 0x16) {
            return null;
        }
        String kind = switch (type) {
            case 0x10 -> "direct unique datagram";
            case 0x11 -> "direct group datagram";
            case 0x12 -> "broadcast datagram";
            case 0x13 -> "datagram error";
            case 0x14 -> "datagram query request";
            case 0x15 -> "datagram positive query response";
            default -> "datagram negative query response";
        };
        if (type > 0x12) {
            return Label.of("nbds", "NetBIOS " + kind);
        }
        String src = decodeName(b, off + 14, end);
        int p = skipName(b, off + 14, end);
        String dst = p < 0 ? null : decodeName(b, p, end);
        if (src == null || dst == null) {
            return null;
        }
        return Label.of("nbds", "NetBIOS " + kind + " from " + src + " to " + dst);
    }

    /** The first-level encoded name at {@code p} (length 32, letters A-P) as "NAME&lt;xx&gt;"; null if not one. */
    private static String decodeName(byte[] b, int p, int end) {
        if (p + 33 > end || Octets.u8(b, p) != 32) {
            return null;
        }
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            int hi = Octets.u8(b, p + 1 + 2 * i) - 'A';
            int lo = Octets.u8(b, p + 2 + 2 * i) - 'A';
            if (hi < 0 || hi > 15 || lo < 0 || lo > 15) {
                return null;
            }
            raw[i] = (byte) ((hi << 4) | lo);
        }
        int n = 15;
        while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == 0)) {
            n--;
        }
        String suffix = Integer.toHexString((raw[15] & 0xff) | 0x100).substring(1);
        return WireText.printable(raw, 0, n, 15) + "<" + suffix + ">";
    }

    /** Position after the uncompressed name (labels up to a zero byte) at {@code p}, or -1. */
    private static int skipName(byte[] b, int p, int end) {
        for (int i = 0; i < 64 && p < end; i++) {
            int l = Octets.u8(b, p);
            if (l == 0) {
                return p + 1;
            }
            if ((l & 0xc0) != 0) {
                return -1;
            }
            p += 1 + l;
        }
        return -1;
    }
}
