package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.Octets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Names ICMP (RFC 792, RFC 1191) and ICMPv6 (RFC 4443, RFC 4861, RFC 3810) messages: echo with id and sequence,
 * errors with the meaning of their code and the flow of the packet they quote ("port unreachable for UDP
 * 192.168.1.2:5060 → 10.0.0.1:5060", with the quoted SIP start line when there is one), neighbour and router
 * discovery with target, link-layer address and prefix. Always returns a label; short messages get an anomaly.
 */
public final class IcmpLabeler {
    private IcmpLabeler() {
    }

    /** The label of the ICMP message at {@code b[off..off+len)} (the bytes after the IPv4 header). */
    public static Label labelV4(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < 4) {
            return headerCutShort("icmp", "ICMP", "label.icmp.truncated", len);
        }
        List<Anomaly> anomalies = new ArrayList<>(1);
        int type = Octets.u8(b, off);
        int code = Octets.u8(b, off + 1);
        String text = switch (type) {
            case 0, 8, 13, 14, 15, 16, 17, 18 -> {
                String name = switch (type) {
                    case 0 -> "echo reply";
                    case 8 -> "echo request";
                    case 13 -> "timestamp request";
                    case 14 -> "timestamp reply";
                    case 15 -> "information request";
                    case 16 -> "information reply";
                    case 17 -> "address mask request";
                    default -> "address mask reply";
                };
                yield "ICMP " + name + idSeq(b, off, len, "label.icmp.truncated", anomalies);
            }
            case 3, 4, 5, 11, 12 -> errorText(b, "ICMP ", errorName(4, type, code, b, off, len),
                    quotedPacketV4(b, off, len), len, "label.icmp.truncated", anomalies);
            case 9 -> "ICMP router advertisement";
            case 10 -> "ICMP router solicitation";
            default -> "ICMP type " + type + " code " + code;
        };
        return Label.of("icmp", text, anomalies);
    }

    /** The label of the ICMPv6 message at {@code b[off..off+len)} (the bytes after the IPv6 headers). */
    public static Label labelV6(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < 4) {
            return headerCutShort("icmpv6", "ICMPv6", "label.icmpv6.truncated", len);
        }
        List<Anomaly> anomalies = new ArrayList<>(1);
        int type = Octets.u8(b, off);
        int code = Octets.u8(b, off + 1);
        String text = switch (type) {
            case 1, 2, 3, 4 -> errorText(b, "ICMPv6 ", errorName(6, type, code, b, off, len),
                    quotedPacketV6(b, off, len), len, "label.icmpv6.truncated", anomalies);
            case 128 -> "ICMPv6 echo request" + idSeq(b, off, len, "label.icmpv6.truncated", anomalies);
            case 129 -> "ICMPv6 echo reply" + idSeq(b, off, len, "label.icmpv6.truncated", anomalies);
            case 130 -> "ICMPv6 multicast listener query" + group(b, off, len);
            case 131 -> "ICMPv6 multicast listener report" + group(b, off, len);
            case 132 -> "ICMPv6 multicast listener done" + group(b, off, len);
            case 143 -> "ICMPv6 multicast listener report v2"
                    + (len >= 8 ? ", " + WireText.plural(Octets.u16be(b, off + 6), "record", "records") : "");
            case 133 -> "ICMPv6 router solicitation" + from(b, off, len, 8, anomalies);
            case 134 -> routerAdvertisement(b, off, len, anomalies);
            case 135 -> neighbourSolicitation(b, off, len, anomalies);
            case 136 -> neighbourAdvertisement(b, off, len, anomalies);
            case 137 -> redirect(b, off, len, anomalies);
            default -> "ICMPv6 type " + type + " code " + code;
        };
        return Label.of("icmpv6", text, anomalies);
    }

    /**
     * The packet an ICMP error quotes (types 3, 4, 5, 11, 12): the IPv4 header's protocol and addresses, and the
     * ports when the quote reaches the transport header of a first fragment. Empty for other types or when fewer than
     * 20 bytes of IPv4 header are quoted.
     */
    public static Optional<IcmpError> quotedPacketV4(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < 8) {
            return Optional.empty();
        }
        int type = Octets.u8(b, off);
        int code = Octets.u8(b, off + 1);
        if (type != 3 && type != 4 && type != 5 && type != 11 && type != 12) {
            return Optional.empty();
        }
        int q = off + 8;
        int end = off + len;
        if (end - q < 20 || Octets.u8(b, q) >> 4 != 4) {
            return Optional.empty();
        }
        int ihl = (Octets.u8(b, q) & 0xf) * 4;
        if (ihl < 20 || q + ihl > end) {
            return Optional.empty();
        }
        int protocol = Octets.u8(b, q + 9);
        boolean firstFragment = (Octets.u16be(b, q + 6) & 0x1fff) == 0;
        String src = AddressText.ipv4(b, q + 12);
        String dst = AddressText.ipv4(b, q + 16);
        return Optional.of(withTransport(b, 4, type, code, errorName(4, type, code, b, off, len), protocol, src, dst,
                firstFragment ? q + ihl : -1, end));
    }

    /**
     * The packet an ICMPv6 error quotes (types 1-4): the IPv6 header's addresses, the protocol after any extension
     * headers, and the ports when quoted. Empty for other types or when fewer than 40 bytes of header are quoted.
     */
    public static Optional<IcmpError> quotedPacketV6(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < 8) {
            return Optional.empty();
        }
        int type = Octets.u8(b, off);
        int code = Octets.u8(b, off + 1);
        if (type < 1 || type > 4) {
            return Optional.empty();
        }
        int q = off + 8;
        int end = off + len;
        if (end - q < 40 || Octets.u8(b, q) >> 4 != 6) {
            return Optional.empty();
        }
        String src = AddressText.ipv6(b, q + 8);
        String dst = AddressText.ipv6(b, q + 24);
        int next = Octets.u8(b, q + 6);
        int p = q + 40;
        boolean firstFragment = true;
        for (int hops = 0; hops < 8 && p + 8 <= end; hops++) {
            if (next == 0 || next == 43 || next == 60) {
                int size = (Octets.u8(b, p + 1) + 1) * 8;
                next = Octets.u8(b, p);
                p += size;
            } else if (next == 44) {
                firstFragment = (Octets.u16be(b, p + 2) & 0xfff8) == 0;
                next = Octets.u8(b, p);
                p += 8;
            } else if (next == 51) {
                int size = (Octets.u8(b, p + 1) + 2) * 4;
                next = Octets.u8(b, p);
                p += size;
            } else {
                break;
            }
        }
        boolean known = next != 0 && next != 43 && next != 60 && next != 44 && next != 51;
        return Optional.of(withTransport(b, 6, type, code, errorName(6, type, code, b, off, len), next, src, dst,
                known && firstFragment && p <= end ? p : -1, end));
    }

    private static Label headerCutShort(String protocol, String title, String anomalyId, int len) {
        String bytes = WireText.plural(len, "byte", "bytes");
        return Label.of(protocol, title + ", cut short (" + bytes + ")",
                List.of(Anomaly.of(anomalyId, bytes + ", the header alone is 4")));
    }

    private static IcmpError withTransport(byte[] b, int version, int type, int code, String reason, int protocol,
                                           String src, String dst, int transport, int end) {
        int sport = -1;
        int dport = -1;
        int payload = -1;
        int payloadLen = 0;
        boolean hasPorts = protocol == 6 || protocol == 17 || protocol == 132;
        if (transport >= 0 && hasPorts && transport + 4 <= end) {
            sport = Octets.u16be(b, transport);
            dport = Octets.u16be(b, transport + 2);
            int header = switch (protocol) {
                case 17 -> 8;
                case 132 -> 12;
                default -> transport + 13 <= end ? (Octets.u8(b, transport + 12) >> 4) * 4 : -1;
            };
            if (header >= 8 && (protocol != 6 || header >= 20) && transport + header < end) {
                payload = transport + header;
                payloadLen = end - payload;
                if (protocol == 17) {
                    int udpLength = Octets.u16be(b, transport + 4);
                    if (udpLength >= 8) {
                        payloadLen = Math.min(payloadLen, udpLength - 8);
                    }
                }
                if (payloadLen <= 0) {
                    payload = -1;
                    payloadLen = 0;
                }
            }
        }
        return new IcmpError(version, type, code, reason, protocol, src, dst, sport, dport, payload, payloadLen);
    }

    private static String idSeq(byte[] b, int off, int len, String truncatedId, List<Anomaly> anomalies) {
        if (len < 8) {
            anomalies.add(Anomaly.of(truncatedId, WireText.plural(len, "byte", "bytes") + ", an echo header is 8"));
            return ", cut short";
        }
        return " id " + WireText.hex16(Octets.u16be(b, off + 4)) + ", seq " + Octets.u16be(b, off + 6)
                + (len > 8 ? ", " + (len - 8) + " bytes data" : "");
    }

    private static String errorText(byte[] b, String prefix, String name, Optional<IcmpError> quoted, int len,
                                    String truncatedId, List<Anomaly> anomalies) {
        StringBuilder sb = new StringBuilder(prefix).append(name);
        if (len < 8) {
            anomalies.add(Anomaly.of(truncatedId, WireText.plural(len, "byte", "bytes")
                    + ", an error message header is 8"));
            return sb.append(", cut short").toString();
        }
        if (quoted.isEmpty()) {
            anomalies.add(Anomaly.of("label.icmp.quote.truncated", (len - 8) + " bytes quoted, not a whole IP header"));
            return sb.toString();
        }
        IcmpError e = quoted.get();
        sb.append(" for ").append(e.quotedFlow());
        if (e.payloadOffset() >= 0) {
            String line = WireText.asciiLine(b, e.payloadOffset(), Math.min(e.payloadLength(), 200), 100);
            if (line != null && line.contains("SIP/2.0")) {
                sb.append(": SIP \"").append(line).append('"');
            }
        }
        return sb.toString();
    }

    /** "destination unreachable (port unreachable)"; for type 3 code 4 and ICMPv6 type 2 with the MTU. */
    private static String errorName(int version, int type, int code, byte[] b, int off, int len) {
        if (version == 4) {
            return switch (type) {
                case 3 -> "destination unreachable (" + unreachableV4(code) + ")"
                        + (code == 4 && len >= 8 ? ", next-hop MTU " + Octets.u16be(b, off + 6) : "");
                case 4 -> "source quench";
                case 5 -> "redirect (" + switch (code) {
                    case 0 -> "for network";
                    case 1 -> "for host";
                    case 2 -> "for type of service and network";
                    case 3 -> "for type of service and host";
                    default -> "code " + code;
                } + ")" + (len >= 8 ? " to gateway " + AddressText.ipv4(b, off + 4) : "");
                case 11 -> "time exceeded (" + (code == 0 ? "TTL exceeded in transit"
                        : code == 1 ? "fragment reassembly time exceeded" : "code " + code) + ")";
                default -> "parameter problem" + (len >= 5 && code == 0 ? " at byte " + Octets.u8(b, off + 4) : "");
            };
        }
        return switch (type) {
            case 1 -> "destination unreachable (" + switch (code) {
                case 0 -> "no route to destination";
                case 1 -> "communication administratively prohibited";
                case 2 -> "beyond scope of source address";
                case 3 -> "address unreachable";
                case 4 -> "port unreachable";
                case 5 -> "source address failed ingress/egress policy";
                case 6 -> "reject route to destination";
                default -> "code " + code;
            } + ")";
            case 2 -> "packet too big" + (len >= 8 ? " (MTU " + Octets.u32be(b, off + 4) + ")" : "");
            case 3 -> "time exceeded (" + (code == 0 ? "hop limit exceeded in transit"
                    : code == 1 ? "fragment reassembly time exceeded" : "code " + code) + ")";
            default -> "parameter problem (" + switch (code) {
                case 0 -> "erroneous header field";
                case 1 -> "unrecognized next header";
                case 2 -> "unrecognized IPv6 option";
                default -> "code " + code;
            } + ")" + (len >= 8 ? " at byte " + Octets.u32be(b, off + 4) : "");
        };
    }

    static String unreachableV4(int code) {
        return switch (code) {
            case 0 -> "network unreachable";
            case 1 -> "host unreachable";
            case 2 -> "protocol unreachable";
            case 3 -> "port unreachable";
            case 4 -> "fragmentation needed and DF set";
            case 5 -> "source route failed";
            case 6 -> "destination network unknown";
            case 7 -> "destination host unknown";
            case 8 -> "source host isolated";
            case 9 -> "network administratively prohibited";
            case 10 -> "host administratively prohibited";
            case 11 -> "network unreachable for type of service";
            case 12 -> "host unreachable for type of service";
            case 13 -> "communication administratively prohibited";
            case 14 -> "host precedence violation";
            case 15 -> "precedence cutoff in effect";
            default -> "code " + code;
        };
    }

    private static String group(byte[] b, int off, int len) {
        return len >= 24 ? " for " + AddressText.ipv6(b, off + 8) : "";
    }

    /** Neighbour discovery options from {@code start}: the link-layer address of the given option type, if any. */
    private static String option(byte[] b, int start, int end, int wanted, List<Anomaly> anomalies) {
        String found = null;
        int p = start;
        while (p + 2 <= end) {
            int t = Octets.u8(b, p);
            int size = Octets.u8(b, p + 1) * 8;
            if (size == 0 || p + size > end) {
                anomalies.add(Anomaly.of("label.icmpv6.option.invalid", "option type " + t + " has length "
                        + size + " with " + (end - p) + " bytes left"));
                return found;
            }
            if (t == wanted && size == 8 && found == null) {
                found = AddressText.mac(b, p + 2);
            }
            p += size;
        }
        return found;
    }

    private static String from(byte[] b, int off, int len, int optionsAt, List<Anomaly> anomalies) {
        if (len < optionsAt) {
            anomalies.add(Anomaly.of("label.icmpv6.truncated", WireText.plural(len, "byte", "bytes")
                    + ", the message needs " + optionsAt));
            return ", cut short";
        }
        String mac = option(b, off + optionsAt, off + len, 1, anomalies);
        return mac == null ? "" : " from " + mac;
    }

    private static String neighbourSolicitation(byte[] b, int off, int len, List<Anomaly> anomalies) {
        if (len < 24) {
            anomalies.add(Anomaly.of("label.icmpv6.truncated", WireText.plural(len, "byte", "bytes")
                    + ", a neighbour solicitation needs 24"));
            return "ICMPv6 neighbour solicitation, cut short";
        }
        String mac = option(b, off + 24, off + len, 1, anomalies);
        return "ICMPv6 neighbour solicitation: who has " + AddressText.ipv6(b, off + 8) + "?"
                + (mac == null ? "" : " tell " + mac);
    }

    private static String neighbourAdvertisement(byte[] b, int off, int len, List<Anomaly> anomalies) {
        if (len < 24) {
            anomalies.add(Anomaly.of("label.icmpv6.truncated", WireText.plural(len, "byte", "bytes")
                    + ", a neighbour advertisement needs 24"));
            return "ICMPv6 neighbour advertisement, cut short";
        }
        int flags = Octets.u8(b, off + 4);
        String mac = option(b, off + 24, off + len, 2, anomalies);
        List<String> f = new ArrayList<>(3);
        if ((flags & 0x80) != 0) {
            f.add("router");
        }
        if ((flags & 0x40) != 0) {
            f.add("solicited");
        }
        if ((flags & 0x20) != 0) {
            f.add("override");
        }
        return "ICMPv6 neighbour advertisement: " + AddressText.ipv6(b, off + 8)
                + (mac == null ? "" : " is at " + mac) + (f.isEmpty() ? "" : " (" + String.join(", ", f) + ")");
    }

    private static String routerAdvertisement(byte[] b, int off, int len, List<Anomaly> anomalies) {
        if (len < 16) {
            anomalies.add(Anomaly.of("label.icmpv6.truncated", WireText.plural(len, "byte", "bytes")
                    + ", a router advertisement needs 16"));
            return "ICMPv6 router advertisement, cut short";
        }
        StringBuilder sb = new StringBuilder("ICMPv6 router advertisement");
        List<String> parts = new ArrayList<>(4);
        int end = off + len;
        int p = off + 16;
        while (p + 2 <= end) {
            int t = Octets.u8(b, p);
            int size = Octets.u8(b, p + 1) * 8;
            if (size == 0 || p + size > end) {
                anomalies.add(Anomaly.of("label.icmpv6.option.invalid", "option type " + t + " has length "
                        + size + " with " + (end - p) + " bytes left"));
                break;
            }
            if (t == 3 && size == 32) {
                parts.add("prefix " + AddressText.ipv6(b, p + 16) + "/" + Octets.u8(b, p + 2));
            } else if (t == 5 && size == 8) {
                parts.add("MTU " + Octets.u32be(b, p + 4));
            } else if (t == 25 && size >= 24) {
                parts.add("DNS server " + AddressText.ipv6(b, p + 8));
            } else if (t == 1 && size == 8) {
                parts.add("from " + AddressText.mac(b, p + 2));
            }
            p += size;
        }
        int lifetime = Octets.u16be(b, off + 6);
        parts.add(lifetime == 0 ? "not a default router" : "router lifetime " + lifetime + " s");
        int flags = Octets.u8(b, off + 5);
        if ((flags & 0x80) != 0) {
            parts.add("addresses from DHCPv6");
        } else if ((flags & 0x40) != 0) {
            parts.add("other configuration from DHCPv6");
        }
        return sb.append(": ").append(String.join(", ", parts)).toString();
    }

    private static String redirect(byte[] b, int off, int len, List<Anomaly> anomalies) {
        if (len < 40) {
            anomalies.add(Anomaly.of("label.icmpv6.truncated", WireText.plural(len, "byte", "bytes")
                    + ", a redirect needs 40"));
            return "ICMPv6 redirect, cut short";
        }
        return "ICMPv6 redirect: " + AddressText.ipv6(b, off + 24) + " is better reached via "
                + AddressText.ipv6(b, off + 8);
    }
}
