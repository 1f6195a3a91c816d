package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;

/**
 * Names DNS messages (RFC 1035), multicast DNS (RFC 6762) and LLMNR (RFC 4795): query or response, the question,
 * the answers with their data (A, AAAA, CNAME, PTR, MX, TXT, and the SRV and NAPTR records that SIP resolution of
 * RFC 3263 uses), the response code. Compressed names are followed with a hop budget, so pointer loops end as an
 * anomaly instead of a hang; every read is checked against the message's end.
 */
final class DnsLabeler {
    /** Which of the three DNS-shaped protocols the message belongs to. */
    enum Flavor {
        DNS("dns", "DNS"), MDNS("mdns", "mDNS"), LLMNR("llmnr", "LLMNR");

        final String protocol;
        final String title;

        Flavor(String protocol, String title) {
            this.protocol = protocol;
            this.title = title;
        }
    }

    private static final int MAX_NAME_OCTETS = 255;
    private static final int MAX_POINTER_HOPS = 32;
    private static final int MAX_ANSWERS_SHOWN = 3;
    private static final int MAX_RECORDS_READ = 256;

    private DnsLabeler() {
    }

    /** A label for a payload that is DNS by its port; malformed parts become anomalies. Null if under 12 bytes. */
    static Label label(byte[] b, int off, int len, Flavor flavor) {
        if (len < 12) {
            return Label.of(flavor.protocol, flavor.title + ", " + len + " bytes: too short for a message header",
                    List.of(Anomaly.of("label.dns.truncated", WireText.plural(len, "byte", "bytes")
                            + ", the header alone is 12")));
        }
        Message m = Message.parse(b, off, len, false);
        return Label.of(flavor.protocol, m.describe(flavor, ""), m.anomalies);
    }

    /**
     * A label only when the payload is unmistakably a DNS message on a port that is not DNS's: one question of a known
     * type and class, standard query or its response, every record parsed, no byte left over. Null otherwise.
     */
    static Label strict(byte[] b, int off, int len) {
        if (len < 17) {
            return null;
        }
        int flags = Octets.u16be(b, off + 2);
        int qd = Octets.u16be(b, off + 4);
        int an = Octets.u16be(b, off + 6);
        int ns = Octets.u16be(b, off + 8);
        int ar = Octets.u16be(b, off + 10);
        boolean response = (flags & 0x8000) != 0;
        if ((flags & 0x7800) != 0 || (flags & 0x0040) != 0 || (flags & 0x000f) > 5 || qd != 1 || an + ns + ar > 64
                || (!response && (an != 0 || ns != 0 || (flags & 0x000f) != 0))) {
            return null;
        }
        Message m = Message.parse(b, off, len, false);
        boolean clean = m.anomalies.stream().allMatch(a -> a.id().equals("label.dns.tc_flag"));
        if (!clean || m.end != off + len || m.questions.isEmpty()) {
            return null;
        }
        Question q = m.questions.get(0);
        if ((q.qclass != 1 && q.qclass != 255) || typeName(q.type).startsWith("TYPE")) {
            return null;
        }
        return Label.of("dns", m.describe(Flavor.DNS, ""), m.anomalies);
    }

    /** DNS over TCP (RFC 1035 4.2.2): a two-byte length, then the message, which may continue in later segments. */
    static Label tcp(byte[] b, int off, int len) {
        if (len < 2) {
            return Label.of("dns", "DNS over TCP, " + len + " byte: part of a length prefix");
        }
        int declared = Octets.u16be(b, off);
        int have = len - 2;
        if (declared < 12 && declared <= have) {
            return Label.of("dns", "DNS over TCP, message of " + declared + " bytes: too short for a header",
                    List.of(Anomaly.of("label.dns.truncated", declared + " bytes, the header alone is 12")));
        }
        if (have < 12) {
            return Label.of("dns", "DNS over TCP, start of a " + declared + "-byte message (" + have
                    + " bytes here, continues in a later segment)");
        }
        boolean partial = declared > have;
        Message m = Message.parse(b, off + 2, Math.min(declared, have), partial);
        String tail = partial ? " (" + have + " of " + declared + " bytes here, continues in a later segment)"
                : have > declared ? " (+" + (have - declared) + " bytes of a further message)" : "";
        return Label.of("dns", m.describe(Flavor.DNS, " over TCP") + tail, m.anomalies);
    }

    static String typeName(int type) {
        return switch (type) {
            case 1 -> "A";
            case 2 -> "NS";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 28 -> "AAAA";
            case 33 -> "SRV";
            case 35 -> "NAPTR";
            case 39 -> "DNAME";
            case 41 -> "OPT";
            case 43 -> "DS";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 50 -> "NSEC3";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 99 -> "SPF";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 255 -> "ANY";
            case 257 -> "CAA";
            default -> "TYPE" + type;
        };
    }

    static String rcodeName(int rcode) {
        return switch (rcode) {
            case 0 -> "NOERROR";
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            case 6 -> "YXDOMAIN";
            case 7 -> "YXRRSET";
            case 8 -> "NXRRSET";
            case 9 -> "NOTAUTH";
            case 10 -> "NOTZONE";
            default -> "RCODE " + rcode;
        };
    }

    private record Question(String name, int type, int qclass) {
    }

    private record Answer(String name, int type, String data) {
    }

    /** A parsed message: header, questions, answers (data summarised), where parsing stopped, what went wrong. */
    private static final class Message {
        final List<Anomaly> anomalies = new ArrayList<>(2);
        final List<Question> questions = new ArrayList<>(1);
        final List<Answer> answers = new ArrayList<>(4);
        int flags;
        int qd;
        int an;
        int ns;
        int ar;
        int end;
        int ednsSize = -1;
        boolean stoppedEarly;

        static Message parse(byte[] b, int off, int len, boolean partial) {
            Message m = new Message();
            m.read(b, off, off + len, partial);
            return m;
        }

        private void read(byte[] b, int msg, int limit, boolean partial) {
            flags = Octets.u16be(b, msg + 2);
            qd = Octets.u16be(b, msg + 4);
            an = Octets.u16be(b, msg + 6);
            ns = Octets.u16be(b, msg + 8);
            ar = Octets.u16be(b, msg + 10);
            if ((flags & 0x8200) == 0x8200) {
                anomalies.add(Anomaly.of("label.dns.tc_flag", "the client is expected to ask again over TCP"));
            }
            int p = msg + 12;
            int[] next = new int[1];
            List<Anomaly> sink = partial ? new ArrayList<>() : anomalies;
            for (int i = 0; i < qd; i++) {
                if (i >= MAX_RECORDS_READ) {
                    stoppedEarly = true;
                    end = p;
                    return;
                }
                String name = readName(b, msg, limit, p, next, sink);
                if (name == null || next[0] + 4 > limit) {
                    if (name != null) {
                        sink.add(Anomaly.of("label.dns.truncated", "question " + (i + 1) + " of " + qd
                                + " runs past the end of the message"));
                    }
                    stoppedEarly = true;
                    end = p;
                    return;
                }
                p = next[0];
                questions.add(new Question(name, Octets.u16be(b, p), Octets.u16be(b, p + 2)));
                p += 4;
            }
            int records = an + ns + ar;
            for (int i = 0; i < records; i++) {
                if (i >= MAX_RECORDS_READ) {
                    stoppedEarly = true;
                    end = p;
                    return;
                }
                String section = i < an ? "answer " + (i + 1) + " of " + an
                        : i < an + ns ? "authority record " + (i - an + 1) + " of " + ns
                        : "additional record " + (i - an - ns + 1) + " of " + ar;
                String name = readName(b, msg, limit, p, next, sink);
                if (name == null || next[0] + 10 > limit) {
                    if (name != null) {
                        sink.add(Anomaly.of("label.dns.truncated", section + " runs past the end of the message"));
                    }
                    stoppedEarly = true;
                    end = p;
                    return;
                }
                p = next[0];
                int type = Octets.u16be(b, p);
                int rclass = Octets.u16be(b, p + 2);
                int rdlen = Octets.u16be(b, p + 8);
                int rdata = p + 10;
                if (rdata + rdlen > limit) {
                    sink.add(Anomaly.of("label.dns.truncated", section + " (" + typeName(type) + ") says " + rdlen
                            + " bytes of data, " + (limit - rdata) + " left"));
                    stoppedEarly = true;
                    end = p;
                    return;
                }
                if (type == 41) {
                    ednsSize = rclass;
                } else if (i < an) {
                    answers.add(new Answer(name, type, rdata(b, msg, limit, rdata, rdlen, type, sink)));
                }
                p = rdata + rdlen;
            }
            end = p;
            if (p < limit && !partial) {
                anomalies.add(Anomaly.of("label.dns.trailing", (limit - p) + " bytes after the last record"));
            }
        }

        String describe(Flavor flavor, String transport) {
            boolean response = (flags & 0x8000) != 0;
            int opcode = (flags >> 11) & 0xf;
            int rcode = flags & 0xf;
            StringBuilder sb = new StringBuilder(128).append(flavor.title).append(transport).append(' ');
            String op = switch (opcode) {
                case 0 -> "";
                case 1 -> "inverse ";
                case 2 -> "status ";
                case 4 -> "NOTIFY ";
                case 5 -> "UPDATE ";
                default -> "opcode " + opcode + " ";
            };
            sb.append(op).append(response ? "response" : "query");
            Question q = questions.isEmpty() ? null : questions.get(0);
            if (response && rcode != 0) {
                sb.append(' ').append(rcodeName(rcode));
                if (q != null) {
                    sb.append(" for ").append(typeName(q.type)).append(' ').append(q.name);
                }
                return sb.toString();
            }
            if (q != null) {
                sb.append(' ').append(typeName(q.type)).append(' ').append(q.name);
                if (questions.size() > 1 || qd > 1) {
                    sb.append(" (+").append(qd - 1).append(qd == 2 ? " more question)" : " more questions)");
                }
            } else if (qd > 0) {
                sb.append(", question unreadable");
            } else if (!response) {
                sb.append(" with no question");
            }
            if (!response) {
                if (flavor == Flavor.MDNS && an > 0) {
                    sb.append(", ").append(WireText.plural(an, "known answer", "known answers"));
                }
                return sb.toString();
            }
            if (an == 0) {
                sb.append(", no answers");
                if (ns > 0) {
                    sb.append(", ").append(WireText.plural(ns, "authority record", "authority records"));
                }
                return sb.toString();
            }
            sb.append(", ").append(WireText.plural(an, "answer", "answers"));
            if (answers.isEmpty()) {
                return sb.append(" (unreadable)").toString();
            }
            sb.append(": ");
            for (int i = 0; i < Math.min(answers.size(), MAX_ANSWERS_SHOWN); i++) {
                Answer a = answers.get(i);
                if (i > 0) {
                    sb.append(", ");
                }
                if (q == null) {
                    sb.append(typeName(a.type)).append(' ').append(a.name).append(" → ");
                } else if (a.type != q.type) {
                    sb.append(typeName(a.type)).append(' ');
                }
                sb.append(a.data);
            }
            if (an > MAX_ANSWERS_SHOWN || answers.size() < an) {
                sb.append(", …");
            }
            return sb.toString();
        }
    }

    /** A short rendering of a record's data; {@code r..r+n} is inside the message. */
    private static String rdata(byte[] b, int msg, int limit, int r, int n, int type, List<Anomaly> sink) {
        int[] next = new int[1];
        switch (type) {
            case 1:
                return n == 4 ? AddressText.ipv4(b, r) : bad(sink, "A", n);
            case 28:
                return n == 16 ? AddressText.ipv6(b, r) : bad(sink, "AAAA", n);
            case 2, 5, 12, 39: {
                String name = readName(b, msg, r + n, r, next, sink);
                return name == null ? "?" : name;
            }
            case 15: {
                if (n < 3) {
                    return bad(sink, "MX", n);
                }
                String name = readName(b, msg, r + n, r + 2, next, sink);
                return Octets.u16be(b, r) + " " + (name == null ? "?" : name);
            }
            case 33: {
                if (n < 7) {
                    return bad(sink, "SRV", n);
                }
                String name = readName(b, msg, r + n, r + 6, next, sink);
                return Octets.u16be(b, r) + " " + Octets.u16be(b, r + 2) + " " + Octets.u16be(b, r + 4) + " "
                        + (name == null ? "?" : name);
            }
            case 35:
                return naptr(b, msg, r, n, sink);
            case 16: {
                if (n < 1 || 1 + Octets.u8(b, r) > n) {
                    return bad(sink, "TXT", n);
                }
                return "\"" + WireText.printable(b, r + 1, Octets.u8(b, r), 60) + "\"";
            }
            case 6: {
                String name = readName(b, msg, r + n, r, next, sink);
                return "primary " + (name == null ? "?" : name);
            }
            default:
                return n + " bytes";
        }
    }

    private static String naptr(byte[] b, int msg, int r, int n, List<Anomaly> sink) {
        int end = r + n;
        if (n < 7) {
            return bad(sink, "NAPTR", n);
        }
        StringBuilder sb = new StringBuilder().append(Octets.u16be(b, r)).append(' ').append(Octets.u16be(b, r + 2));
        int p = r + 4;
        for (int i = 0; i < 3; i++) {
            if (p >= end || p + 1 + Octets.u8(b, p) > end) {
                return bad(sink, "NAPTR", n);
            }
            int l = Octets.u8(b, p);
            sb.append(" \"").append(WireText.printable(b, p + 1, l, 60)).append('"');
            p += 1 + l;
        }
        int[] next = new int[1];
        String name = readName(b, msg, end, p, next, sink);
        return sb.append(' ').append(name == null ? "?" : name).toString();
    }

    private static String bad(List<Anomaly> sink, String type, int n) {
        sink.add(Anomaly.of("label.dns.rdata.invalid", type + " record with " + n + " bytes of data"));
        return "?";
    }

    /**
     * Reads a possibly compressed name at {@code pos}. Labels must end before {@code limit}; pointers may go anywhere
     * in the message before {@code limit}, at most {@value #MAX_POINTER_HOPS} times. Returns the name ("." for the
     * root) and, in {@code next[0]}, the position after it; or null with an anomaly.
     */
    static String readName(byte[] b, int msg, int limit, int pos, int[] next, List<Anomaly> sink) {
        StringBuilder sb = new StringBuilder(32);
        int p = pos;
        int after = -1;
        int hops = 0;
        int octets = 1;
        while (true) {
            if (p >= limit) {
                sink.add(Anomaly.of("label.dns.truncated", "a name runs past the end of the message"));
                return null;
            }
            int l = Octets.u8(b, p);
            if ((l & 0xc0) == 0xc0) {
                if (p + 1 >= limit) {
                    sink.add(Anomaly.of("label.dns.truncated", "a compression pointer is cut in half"));
                    return null;
                }
                int target = msg + (((l & 0x3f) << 8) | Octets.u8(b, p + 1));
                if (after < 0) {
                    after = p + 2;
                }
                if (++hops > MAX_POINTER_HOPS) {
                    sink.add(Anomaly.of("label.dns.name.loop", "more than " + MAX_POINTER_HOPS
                            + " compression pointers in one name, at byte " + (pos - msg)));
                    return null;
                }
                if (target >= limit) {
                    sink.add(Anomaly.of("label.dns.name.invalid", "compression pointer to byte " + (target - msg)
                            + ", past the end of the message"));
                    return null;
                }
                if (target == p) {
                    sink.add(Anomaly.of("label.dns.name.loop", "compression pointer at byte " + (p - msg)
                            + " points to itself"));
                    return null;
                }
                p = target;
                continue;
            }
            if ((l & 0xc0) != 0) {
                sink.add(Anomaly.of("label.dns.name.invalid", "label type 0x" + Integer.toHexString(l & 0xc0)
                        + " at byte " + (p - msg)));
                return null;
            }
            if (l == 0) {
                next[0] = after >= 0 ? after : p + 1;
                return sb.length() == 0 ? "." : sb.toString();
            }
            if (p + 1 + l > limit) {
                sink.add(Anomaly.of("label.dns.truncated", "a name runs past the end of the message"));
                return null;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            appendLabel(sb, b, p + 1, l);
            octets += 1 + l;
            if (octets > MAX_NAME_OCTETS) {
                sink.add(Anomaly.of("label.dns.name.invalid", "name longer than " + MAX_NAME_OCTETS
                        + " bytes at byte " + (pos - msg)));
                return null;
            }
            p += 1 + l;
        }
    }

    private static void appendLabel(StringBuilder sb, byte[] b, int off, int len) {
        boolean plain = true;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c <= 0x20 || c == 0x7f || c == '.' || c == '\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            sb.append(WireText.printable(b, off, len, 63));
            return;
        }
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '.' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c > 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append('\\').append(c / 100).append(c / 10 % 10).append(c % 10);
            }
        }
    }
}
