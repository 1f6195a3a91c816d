package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import static io.sipvista.bytes.Octets.u16be;
import static io.sipvista.bytes.Octets.u32be;
import static io.sipvista.bytes.Octets.u8;

/**
 * Follows the tunnels {@link PacketDecoder} meets: GRE (RFC 2784 and 2890 checksum, key and sequence fields, RFC 1701
 * source routes, PPTP's enhanced GRE of RFC 2637) carrying IPv4, IPv6, Ethernet (transparent bridging), PPP, MPLS or
 * ERSPAN type I, II and III; IP-in-IP and IPv6-in-IP (IP protocols 4 and 41); GTP-U G-PDUs on UDP port 2152 with their
 * optional fields and extension header chain; VXLAN on UDP port 4789; MPLS label stacks. Owns these header formats
 * and the bound on nesting ({@value #MAX_ENCAPSULATIONS} encapsulations). Stateless; never throws on frame bytes.
 *
 * <p>An inner packet is decoded into a fresh {@link Packet} by the decoder's own link and IP methods. When it decodes
 * it is adopted, and the outer hop is kept in {@link Packet#tunnels()}; when it does not, the outer decode stays and a
 * {@code tunnel.*} anomaly says why.
 */
final class TunnelDecoder {
    /** Tunnels followed inside one frame; one more is the named anomaly {@code tunnel.too_deep}. */
    static final int MAX_ENCAPSULATIONS = 8;
    /** MPLS label entries walked before the stack is called damaged. */
    static final int MAX_MPLS_LABELS = 16;
    /** GTP-U extension headers walked in one packet. */
    static final int MAX_GTP_EXTENSIONS = 16;
    /** RFC 1701 source route entries walked in one GRE header. */
    static final int MAX_GRE_ROUTES = 16;
    static final int GTP_U_PORT = 2152;
    static final int VXLAN_PORT = 4789;

    /** Decodes the packet found from {@code pos} to {@code end} into {@code inner}. */
    @FunctionalInterface
    private interface Inner {
        void decode(Packet inner, byte[] b, int pos, int end, boolean cut);
    }

    private final PacketDecoder decoder;

    TunnelDecoder(PacketDecoder decoder) {
        this.decoder = decoder;
    }

    /** IP protocol 4 (an IPv4 packet inside) or 41 (an IPv6 packet inside), in an IPv4 or IPv6 packet. */
    void ipInIp(Packet p, int protocol, byte[] b, int pos, int end, boolean cut) {
        String hop = (protocol == 4 ? "IP-in-IP " : "IPv6-in-IP ") + path(p);
        follow(p, hop, protocol == 4 ? decoder::ipv4 : decoder::ipv6, b, pos, end, cut, false);
    }

    /** A GRE packet (IP protocol 47) from {@code pos} to {@code end}. */
    void gre(Packet p, byte[] b, int pos, int end, boolean cut) {
        p.layers.add("gre");
        if (end - pos < 4) {
            truncated(p, cut, "tunnel.gre.truncated", "GRE header needs 4 bytes, " + (end - pos) + " present");
            return;
        }
        int flags = u16be(b, pos);
        int version = flags & 0x7;
        int protocol = u16be(b, pos + 2);
        boolean key = (flags & 0x2000) != 0;
        boolean sequence = (flags & 0x1000) != 0;
        int hlen = 4;
        String name;
        if (version == 0) {
            boolean routing = (flags & 0x4000) != 0;
            if ((flags & 0x8000) != 0 || routing) {
                hlen += 4; // checksum and offset (RFC 1701) or reserved (RFC 2784)
            }
            int keyAt = hlen;
            hlen += (key ? 4 : 0) + (sequence ? 4 : 0);
            if (end - pos < hlen) {
                truncated(p, cut, "tunnel.gre.truncated", "GRE header with its optional fields needs " + hlen
                        + " bytes, " + (end - pos) + " present");
                return;
            }
            name = key ? "GRE key " + u32be(b, pos + keyAt) : "GRE";
            if (routing) {
                int routesEnd = routes(p, b, pos + hlen, end, cut);
                if (routesEnd < 0) {
                    return;
                }
                hlen = routesEnd - pos;
            }
        } else if (version == 1) {
            // RFC 2637: the key holds the payload length and the call id; an acknowledgment number may follow.
            boolean ack = (flags & 0x0080) != 0;
            hlen += (key ? 4 : 0) + (sequence ? 4 : 0) + (ack ? 4 : 0);
            if (end - pos < hlen) {
                truncated(p, cut, "tunnel.gre.truncated", "enhanced GRE header needs " + hlen + " bytes, "
                        + (end - pos) + " present");
                return;
            }
            name = key ? "PPTP GRE call " + u16be(b, pos + 6) : "PPTP GRE";
            if (key) {
                int declared = pos + hlen + u16be(b, pos + 4);
                if (declared > end) {
                    truncated(p, cut, "tunnel.gre.truncated", "PPTP payload length " + u16be(b, pos + 4) + ", "
                            + (end - pos - hlen) + " present");
                    cut = true;
                }
                end = Math.min(end, declared);
            }
            if (pos + hlen >= end) {
                return; // an acknowledgment alone: nothing inside
            }
        } else {
            p.anomalies.add(Anomaly.of("tunnel.gre.unsupported", "GRE version " + version + " is not decoded"));
            return;
        }
        int inner = pos + hlen;
        if (inner >= end) {
            truncated(p, cut, "tunnel.gre.truncated", "GRE packet carries nothing after its header");
            return;
        }
        String hop = name + " " + path(p);
        switch (protocol) {
            case EtherTypes.IPV4 -> follow(p, hop, decoder::ipv4, b, inner, end, cut, false);
            case EtherTypes.IPV6 -> follow(p, hop, decoder::ipv6, b, inner, end, cut, false);
            case EtherTypes.TEB -> follow(p, hop, decoder::ethernet, b, inner, end, cut, true);
            case EtherTypes.PPP -> follow(p, hop, this::ppp, b, inner, end, cut, false);
            case EtherTypes.MPLS_UNICAST, EtherTypes.MPLS_MULTICAST -> follow(p, hop, this::mpls, b, inner, end, cut, true);
            case EtherTypes.ERSPAN_II -> {
                if (sequence) {
                    erspan2(p, b, inner, end, cut);
                } else {
                    follow(p, "ERSPAN I " + path(p), decoder::ethernet, b, inner, end, cut, true);
                }
            }
            case EtherTypes.ERSPAN_III -> erspan3(p, b, inner, end, cut);
            default -> {
                String known = EtherTypes.name(protocol);
                p.anomalies.add(Anomaly.of("tunnel.gre.unsupported", String.format("GRE carrying protocol 0x%04x", protocol)
                        + (known != null ? " (" + known + ")" : "") + " is not decoded"));
            }
        }
    }

    /** RFC 1701 source route entries, ended by a null entry; returns the offset after them, or -1 when damaged. */
    private static int routes(Packet p, byte[] b, int pos, int end, boolean cut) {
        for (int i = 0; i < MAX_GRE_ROUTES; i++) {
            if (end - pos < 4) {
                truncated(p, cut, "tunnel.gre.truncated", "GRE source route entry cut short");
                return -1;
            }
            int family = u16be(b, pos);
            int length = u8(b, pos + 3);
            if (end - pos < 4 + length) {
                truncated(p, cut, "tunnel.gre.truncated", "GRE source route entry cut short");
                return -1;
            }
            pos += 4 + length;
            if (family == 0 && length == 0) {
                return pos;
            }
        }
        p.anomalies.add(Anomaly.of("tunnel.gre.unsupported", "more than " + MAX_GRE_ROUTES + " GRE source route entries"));
        return -1;
    }

    /** ERSPAN type II: an 8-byte header (version, VLAN, session id, index), then the mirrored Ethernet frame. */
    private void erspan2(Packet p, byte[] b, int pos, int end, boolean cut) {
        p.layers.add("erspan");
        if (end - pos < 8) {
            truncated(p, cut, "tunnel.erspan.truncated", "ERSPAN type II header needs 8 bytes, " + (end - pos) + " present");
            return;
        }
        int session = u16be(b, pos + 2) & 0x3ff;
        follow(p, "ERSPAN II session " + session + " " + path(p), decoder::ethernet, b, pos + 8, end, cut, true);
    }

    /**
     * ERSPAN type III: a 12-byte header whose last bit (O) announces an 8-byte platform subheader; its frame type says
     * whether an Ethernet frame (0) or an IP packet (2) follows.
     */
    private void erspan3(Packet p, byte[] b, int pos, int end, boolean cut) {
        p.layers.add("erspan");
        if (end - pos < 12) {
            truncated(p, cut, "tunnel.erspan.truncated", "ERSPAN type III header needs 12 bytes, " + (end - pos) + " present");
            return;
        }
        int session = u16be(b, pos + 2) & 0x3ff;
        int word = u16be(b, pos + 10);
        int frameType = (word >>> 10) & 0x1f;
        int hlen = (word & 1) != 0 ? 20 : 12;
        if (end - pos < hlen) {
            truncated(p, cut, "tunnel.erspan.truncated", "ERSPAN type III platform subheader cut short");
            return;
        }
        String hop = "ERSPAN III session " + session + " " + path(p);
        switch (frameType) {
            case 0 -> follow(p, hop, decoder::ethernet, b, pos + hlen, end, cut, true);
            case 2 -> follow(p, hop, this::ipByVersion, b, pos + hlen, end, cut, false);
            default -> p.anomalies.add(Anomaly.of("tunnel.erspan.unsupported", "ERSPAN type III frame type " + frameType
                    + " is not decoded"));
        }
    }

    /** A PPP frame (GRE protocol 0x880b): optional address and control bytes ff 03, a 1- or 2-byte protocol, a packet. */
    private void ppp(Packet in, byte[] b, int pos, int end, boolean cut) {
        in.layers.add("ppp");
        if (end - pos >= 2 && u8(b, pos) == 0xff && u8(b, pos + 1) == 0x03) {
            pos += 2;
        }
        if (end - pos < 1) {
            truncated(in, cut, "tunnel.ppp.truncated", "PPP frame ends before its protocol field");
            return;
        }
        int protocol;
        if ((u8(b, pos) & 1) != 0) {
            protocol = u8(b, pos); // protocol field compression: one odd byte
            pos += 1;
        } else if (end - pos < 2) {
            truncated(in, cut, "tunnel.ppp.truncated", "PPP protocol field cut short");
            return;
        } else {
            protocol = u16be(b, pos);
            pos += 2;
        }
        switch (protocol) {
            case 0x0021 -> decoder.ipv4(in, b, pos, end, cut);
            case 0x0057 -> decoder.ipv6(in, b, pos, end, cut);
            default -> {
                // LCP, authentication, compressed or encrypted data: a PPP frame, but no packet to show.
                in.nonIp = Packet.NonIp.OTHER;
                in.nonIpName = String.format("PPP protocol 0x%04x", protocol);
            }
        }
    }

    /** An IP packet whose version is read from its first nibble (an IPv4 decode reports anything else). */
    private void ipByVersion(Packet in, byte[] b, int pos, int end, boolean cut) {
        if (end > pos && u8(b, pos) >>> 4 == 6) {
            decoder.ipv6(in, b, pos, end, cut);
        } else {
            decoder.ipv4(in, b, pos, end, cut);
        }
    }

    /**
     * An MPLS label stack (EtherType or GRE protocol 0x8847/0x8848) walked to its bottom entry, then a packet guessed
     * from its first nibble: 4 IPv4, 6 IPv6, 0 a pseudowire control word (RFC 4385) and an Ethernet frame.
     */
    void mpls(Packet p, byte[] b, int pos, int end, boolean cut) {
        for (int i = 0; ; i++) {
            if (i == MAX_MPLS_LABELS) {
                p.anomalies.add(Anomaly.of("tunnel.mpls.too_deep", "no bottom of stack in " + MAX_MPLS_LABELS + " MPLS labels"));
                return;
            }
            if (end - pos < 4) {
                p.layers.add("mpls");
                truncated(p, cut, "tunnel.mpls.truncated", "MPLS label entry needs 4 bytes, " + (end - pos) + " present");
                return;
            }
            long entry = u32be(b, pos);
            p.layers.add("mpls:" + (entry >>> 12));
            pos += 4;
            if ((entry & 0x100) != 0) {
                break;
            }
        }
        if (end - pos < 1) {
            truncated(p, cut, "tunnel.mpls.truncated", "MPLS packet ends after its label stack");
            return;
        }
        int nibble = u8(b, pos) >>> 4;
        switch (nibble) {
            case 4 -> decoder.ipv4(p, b, pos, end, cut);
            case 6 -> decoder.ipv6(p, b, pos, end, cut);
            case 0 -> {
                p.layers.add("pw");
                if (end - pos < 4) {
                    truncated(p, cut, "tunnel.mpls.truncated", "pseudowire control word cut short");
                    return;
                }
                if (p.encapsulations() >= MAX_ENCAPSULATIONS) {
                    tooDeep(p, "MPLS pseudowire");
                    return;
                }
                p.linkDepth++;
                decoder.ethernet(p, b, pos + 4, end, cut);
            }
            default -> p.anomalies.add(Anomaly.of("tunnel.mpls.unsupported", String.format(
                    "MPLS payload starting 0x%02x is neither IPv4, IPv6 nor a pseudowire control word", u8(b, pos))));
        }
    }

    /** True when {@link #udp} looks into a datagram between these ports (it may still find no tunnel there). */
    static boolean looksInside(int srcPort, int dstPort) {
        return srcPort == GTP_U_PORT || dstPort == GTP_U_PORT || dstPort == VXLAN_PORT;
    }

    /** UDP tunnels, told by port: GTP-U (2152, either side) and VXLAN (4789, destination). */
    void udp(Packet p, byte[] b, int pos, int end, boolean cut) {
        if (p.srcPort == GTP_U_PORT || p.dstPort == GTP_U_PORT) {
            gtpU(p, b, pos, end, cut);
        } else if (p.dstPort == VXLAN_PORT) {
            vxlan(p, b, pos, end, cut);
        }
    }

    /**
     * GTP-U (3GPP TS 29.281): version 1, protocol type GTP; when any of the E, S or PN flags is set, a sequence number,
     * an N-PDU number and the first extension header type follow; each extension header gives its length in 4-byte
     * units and ends with the next type. Only G-PDUs (type 0xff) carry a packet; the rest is signalling.
     */
    private void gtpU(Packet p, byte[] b, int pos, int end, boolean cut) {
        if (end - pos < 1) {
            return;
        }
        int flags = u8(b, pos);
        if (flags >>> 5 != 1 || (flags & 0x10) == 0) {
            return; // not GTPv1 (GTP', or another protocol on this port): the UDP datagram stays as it is
        }
        p.layers.add("gtp");
        if (end - pos < 8) {
            truncated(p, cut, "tunnel.gtp.truncated", "GTP-U header needs 8 bytes, " + (end - pos) + " present");
            return;
        }
        int type = u8(b, pos + 1);
        long teid = u32be(b, pos + 4);
        int gtpEnd = pos + 8 + u16be(b, pos + 2);
        boolean innerCut = cut;
        if (gtpEnd > end) {
            truncated(p, cut, "tunnel.gtp.truncated", "GTP-U length " + (gtpEnd - pos - 8) + ", UDP payload holds "
                    + (end - pos - 8));
            gtpEnd = end;
            innerCut = true;
        }
        int hlen = 8;
        if ((flags & 0x07) != 0) {
            hlen = 12;
            if (gtpEnd - pos < hlen) {
                truncated(p, cut, "tunnel.gtp.truncated", "GTP-U optional fields cut short");
                return;
            }
            int next = (flags & 0x04) != 0 ? u8(b, pos + 11) : 0;
            for (int i = 0; next != 0; i++) {
                if (i == MAX_GTP_EXTENSIONS) {
                    p.anomalies.add(Anomaly.of("tunnel.gtp.invalid", "more than " + MAX_GTP_EXTENSIONS + " GTP-U extension headers"));
                    return;
                }
                if (gtpEnd - (pos + hlen) < 1) {
                    truncated(p, cut, "tunnel.gtp.truncated", "GTP-U extension header cut short");
                    return;
                }
                int length = u8(b, pos + hlen) * 4;
                if (length == 0) {
                    p.anomalies.add(Anomaly.of("tunnel.gtp.invalid", String.format(
                            "GTP-U extension header 0x%02x has length 0", next)));
                    return;
                }
                if (gtpEnd - (pos + hlen) < length) {
                    truncated(p, cut, "tunnel.gtp.truncated", "GTP-U extension header cut short");
                    return;
                }
                next = u8(b, pos + hlen + length - 1);
                hlen += length;
            }
        }
        if (type != 0xff) {
            return; // echo, error indication, end marker: GTP signalling, no packet inside
        }
        int inner = pos + hlen;
        if (inner >= gtpEnd) {
            truncated(p, cut, "tunnel.gtp.truncated", "G-PDU carries no packet");
            return;
        }
        int version = u8(b, inner) >>> 4;
        if (version != 4 && version != 6) {
            p.anomalies.add(Anomaly.of("tunnel.gtp.unsupported", String.format(
                    "G-PDU starting 0x%02x carries neither IPv4 nor IPv6", u8(b, inner))));
            return;
        }
        String hop = "GTP-U TEID 0x" + Long.toHexString(teid) + " " + path(p);
        follow(p, hop, version == 4 ? decoder::ipv4 : decoder::ipv6, b, inner, gtpEnd, innerCut, false);
    }

    /** VXLAN (RFC 7348): 8 bytes with the I flag and a 24-bit network identifier, then an Ethernet frame. */
    private void vxlan(Packet p, byte[] b, int pos, int end, boolean cut) {
        if (end - pos < 1 || (u8(b, pos) & 0x08) == 0) {
            return; // I flag clear: not VXLAN
        }
        p.layers.add("vxlan");
        if (end - pos < 8) {
            truncated(p, cut, "tunnel.vxlan.truncated", "VXLAN header needs 8 bytes, " + (end - pos) + " present");
            return;
        }
        long vni = u32be(b, pos + 4) >>> 8;
        follow(p, "VXLAN VNI " + vni + " " + path(p), decoder::ethernet, b, pos + 8, end, cut, true);
    }

    /**
     * Decodes the inner packet and adopts it when it decodes (an IP packet; or, from a link layer when
     * {@code nonIpCounts}, a non-IP frame such as ARP). Otherwise {@code p} keeps its outer decode, gains the inner
     * layers seen, and the inner packet's first anomaly is named as {@code tunnel.inner.undecoded}.
     */
    private void follow(Packet p, String hop, Inner inner, byte[] b, int pos, int end, boolean cut, boolean nonIpCounts) {
        if (p.encapsulations() >= MAX_ENCAPSULATIONS) {
            tooDeep(p, hop);
            return;
        }
        Packet in = new Packet(p.data, p.encapsulations() + 1, p.text);
        inner.decode(in, b, pos, end, cut);
        if (in.decoded(nonIpCounts)) {
            p.adopt(hop, in);
            return;
        }
        p.layers.addAll(in.layers);
        if (!in.anomalies.isEmpty()) {
            Anomaly first = in.anomalies.get(0);
            p.anomalies.add(Anomaly.of("tunnel.inner.undecoded", hop + ": " + first.detail() + " (" + first.id() + ")"));
        }
    }

    private static void tooDeep(Packet p, String what) {
        p.anomalies.add(Anomaly.of("tunnel.too_deep", "more than " + MAX_ENCAPSULATIONS + " encapsulations; "
                + what + " not followed"));
    }

    private static String path(Packet p) {
        return p.srcAddress + " → " + p.dstAddress;
    }

    /** A tunnel header cut short: damage on a whole frame; on a frame the snaplen cut, {@code frame.snaplen} says it. */
    private static void truncated(Packet p, boolean cut, String id, String detail) {
        if (!cut) {
            p.anomalies.add(Anomaly.of(id, detail));
        }
    }
}
