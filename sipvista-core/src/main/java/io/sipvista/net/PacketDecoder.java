package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.bytes.IpText;
import io.sipvista.capture.LinkType;

import static io.sipvista.bytes.Octets.u16be;
import static io.sipvista.bytes.Octets.u32be;
import static io.sipvista.bytes.Octets.u32le;
import static io.sipvista.bytes.Octets.u8;

/**
 * Decodes the link, network and transport headers of one frame, seeing through tunnels ({@link TunnelDecoder}: GRE,
 * ERSPAN, IP-in-IP, GTP-U, VXLAN, MPLS, PPPoE) to the innermost packet. Stateless: the same record always decodes the
 * same way. Never throws on frame bytes: what cannot be decoded is an anomaly on the {@link Packet}, and the
 * layers decoded up to that point are kept.
 */
public final class PacketDecoder {
    /** More VLAN tags than this in one frame is treated as damage, not as a stack. */
    static final int MAX_VLAN_TAGS = 8;
    /** Bound on IPv6 extension headers walked in one packet. */
    static final int MAX_IPV6_EXTENSIONS = 16;

    private final TunnelDecoder tunnels = new TunnelDecoder(this);
    private final EndpointText text = new EndpointText();

    public Packet decode(CaptureRecord record) {
        Packet p = new Packet(record.data(), 0, text);
        boolean cut = record.truncatedBySnaplen();
        byte[] b = record.data();
        int len = b.length;
        switch (record.linkType()) {
            case LinkType.ETHERNET -> ethernet(p, b, 0, len, cut);
            case LinkType.LINUX_SLL -> sll(p, b, len, cut);
            case LinkType.LINUX_SLL2 -> sll2(p, b, len, cut);
            case LinkType.NULL, LinkType.LOOP -> loopback(p, b, len, cut, record.linkType() == LinkType.LOOP);
            case LinkType.RAW, 12, 14 -> rawIp(p, b, 0, len, cut);
            case LinkType.IPV4 -> {
                p.layers.add("raw");
                ipv4(p, b, 0, len, cut);
            }
            case LinkType.IPV6 -> {
                p.layers.add("raw");
                ipv6(p, b, 0, len, cut);
            }
            default -> {
                p.nonIp = Packet.NonIp.OTHER;
                p.nonIpName = "link type " + LinkType.name(record.linkType());
                p.anomalies.add(Anomaly.of("link.unsupported", LinkType.name(record.linkType())
                        + " (" + record.linkType() + ") frames are not decoded"));
            }
        }
        return p;
    }

    void ethernet(Packet p, byte[] b, int off, int len, boolean cut) {
        if (len - off < 14) {
            p.layers.add("eth");
            cutShort(p, cut, "link.truncated", "Ethernet header needs 14 bytes, frame has " + (len - off));
            return;
        }
        p.layers.add("eth");
        int type = u16be(b, off + 12);
        int pos = off + 14;
        int tags = 0;
        while (type == EtherTypes.VLAN || type == EtherTypes.QINQ || type == EtherTypes.QINQ_OLD) {
            if (++tags > MAX_VLAN_TAGS) {
                p.anomalies.add(Anomaly.of("link.vlan.too_deep", "more than " + MAX_VLAN_TAGS + " VLAN tags"));
                return;
            }
            if (len - pos < 4) {
                p.layers.add("vlan");
                cutShort(p, cut, "link.truncated", "VLAN tag cut short");
                return;
            }
            p.layers.add("vlan:" + (u16be(b, pos) & 0x0fff));
            type = u16be(b, pos + 2);
            pos += 4;
        }
        if (type <= 1500) {
            p.etherType = type;
            p.nonIp = Packet.NonIp.OTHER;
            p.nonIpName = llcName(b, pos, len);
            return;
        }
        etherType(p, type, b, pos, len, cut);
    }

    private static String llcName(byte[] b, int pos, int len) {
        if (len - pos >= 3) {
            int dsap = u8(b, pos);
            if (dsap == 0x42) {
                return "Spanning Tree (STP)";
            }
            if (dsap == 0xaa) {
                return "802.2 SNAP";
            }
            if (dsap == 0xe0) {
                return "IPX over 802.2";
            }
            if (dsap == 0xf0) {
                return "NetBIOS over 802.2";
            }
        }
        return "802.3 LLC";
    }

    private void etherType(Packet p, int type, byte[] b, int pos, int len, boolean cut) {
        p.etherType = type;
        switch (type) {
            case EtherTypes.IPV4 -> ipv4(p, b, pos, len, cut);
            case EtherTypes.IPV6 -> ipv6(p, b, pos, len, cut);
            case EtherTypes.PPPOE_SESSION -> pppoeSession(p, b, pos, len, cut);
            case EtherTypes.MPLS_UNICAST, EtherTypes.MPLS_MULTICAST -> tunnels.mpls(p, b, pos, len, cut);
            case EtherTypes.ARP -> {
                p.layers.add("arp");
                p.nonIp = Packet.NonIp.ARP;
                p.payloadOffset = pos;
                p.payloadLength = len - pos;
            }
            default -> {
                p.nonIp = Packet.NonIp.OTHER;
                String name = EtherTypes.name(type);
                p.nonIpName = name != null ? name : String.format("EtherType 0x%04x", type);
                p.payloadOffset = pos;
                p.payloadLength = len - pos;
            }
        }
    }

    /** PPPoE session (RFC 2516): a 6-byte header, then a PPP protocol number and the packet. */
    private void pppoeSession(Packet p, byte[] b, int pos, int len, boolean cut) {
        p.layers.add("pppoe");
        if (len - pos < 8) {
            cutShort(p, cut, "link.truncated", "PPPoE session header needs 8 bytes, " + (len - pos) + " present");
            p.nonIp = Packet.NonIp.OTHER;
            p.nonIpName = "PPPoE session";
            return;
        }
        int pppoeLength = u16be(b, pos + 4);
        int end = Math.min(len, pos + 6 + pppoeLength);
        int protocol = u16be(b, pos + 6);
        p.layers.add("ppp");
        switch (protocol) {
            case 0x0021 -> ipv4(p, b, pos + 8, end, cut);
            case 0x0057 -> ipv6(p, b, pos + 8, end, cut);
            default -> {
                p.nonIp = Packet.NonIp.OTHER;
                p.nonIpName = String.format("PPPoE session carrying PPP protocol 0x%04x", protocol);
            }
        }
    }

    private void sll(Packet p, byte[] b, int len, boolean cut) {
        p.layers.add("sll");
        if (len < 16) {
            p.anomalies.add(Anomaly.of("link.truncated", "Linux cooked header needs 16 bytes, frame has " + len));
            return;
        }
        cookedProtocol(p, u16be(b, 2), u16be(b, 14), b, 16, len, cut);
    }

    private void sll2(Packet p, byte[] b, int len, boolean cut) {
        p.layers.add("sll2");
        if (len < 20) {
            p.anomalies.add(Anomaly.of("link.truncated", "Linux cooked v2 header needs 20 bytes, frame has " + len));
            return;
        }
        cookedProtocol(p, u16be(b, 8), u16be(b, 0), b, 20, len, cut);
    }

    private void cookedProtocol(Packet p, int arphrd, int protocol, byte[] b, int pos, int len, boolean cut) {
        if (arphrd == 824 /* ARPHRD_NETLINK */) {
            p.nonIp = Packet.NonIp.OTHER;
            p.nonIpName = "Netlink";
            return;
        }
        if (protocol == 0x0004 || protocol == 0x0001) {
            // 802.2 LLC frame or Novell 802.3 inside the cooked header.
            p.nonIp = Packet.NonIp.OTHER;
            p.nonIpName = "802.2 LLC";
            return;
        }
        if (protocol == EtherTypes.VLAN || protocol == EtherTypes.QINQ) {
            // A VLAN tag kept inside the cooked frame: same shape as after an Ethernet header.
            if (len - pos < 4) {
                p.anomalies.add(Anomaly.of("link.truncated", "VLAN tag cut short"));
                return;
            }
            p.layers.add("vlan:" + (u16be(b, pos) & 0x0fff));
            etherType(p, u16be(b, pos + 2), b, pos + 4, len, cut);
            return;
        }
        etherType(p, protocol, b, pos, len, cut);
    }

    private void loopback(Packet p, byte[] b, int len, boolean cut, boolean networkOrder) {
        p.layers.add("null");
        if (len < 4) {
            p.anomalies.add(Anomaly.of("link.truncated", "loopback header needs 4 bytes, frame has " + len));
            return;
        }
        long family = networkOrder ? u32be(b, 0) : u32le(b, 0);
        if (!networkOrder && family > 0xffff) {
            // Written on a big-endian host: the header is in that host's byte order.
            family = u32be(b, 0);
        }
        if (family == 2) {
            ipv4(p, b, 4, len, cut);
        } else if (family == 24 || family == 28 || family == 30 || family == 10) {
            ipv6(p, b, 4, len, cut);
        } else {
            p.nonIp = Packet.NonIp.OTHER;
            p.nonIpName = "loopback address family " + family;
        }
    }

    private void rawIp(Packet p, byte[] b, int off, int len, boolean cut) {
        p.layers.add("raw");
        if (len - off < 1) {
            p.anomalies.add(Anomaly.of("ip.truncated", "empty raw IP frame"));
            return;
        }
        int version = u8(b, off) >>> 4;
        if (version == 4) {
            ipv4(p, b, off, len, cut);
        } else if (version == 6) {
            ipv6(p, b, off, len, cut);
        } else {
            p.anomalies.add(Anomaly.of("ip.version.invalid", "raw IP frame with IP version " + version));
        }
    }

    void ipv4(Packet p, byte[] b, int off, int len, boolean cut) {
        p.layers.add("ipv4");
        int avail = len - off;
        if (avail < 20) {
            cutShort(p, cut, "ip.truncated", "IPv4 header needs 20 bytes, " + avail + " present");
            return;
        }
        int version = u8(b, off) >>> 4;
        int ihl = (u8(b, off) & 0x0f) * 4;
        if (version != 4) {
            p.anomalies.add(Anomaly.of("ip.version.invalid", "IPv4 header says version " + version));
            return;
        }
        if (ihl < 20) {
            p.anomalies.add(Anomaly.of("ip.header.invalid", "IPv4 header length " + ihl + " is below 20"));
            return;
        }
        p.ipVersion = 4;
        p.ipHeaderOffset = off;
        p.srcAddress = text.v4(b, off + 12);
        p.dstAddress = text.v4(b, off + 16);
        p.ipProtocol = u8(b, off + 9);
        if (avail < ihl) {
            cutShort(p, cut, "ip.truncated", "IPv4 options cut short");
            return;
        }
        int total = u16be(b, off + 2);
        int end;
        if (total < ihl) {
            if (total == 0) {
                // TCP segmentation offload captures often carry 0: trust the frame.
                end = len;
                p.anomalies.add(Anomaly.of("ip.length.zero", "IPv4 total length 0, frame length used (segmentation offload)"));
            } else {
                p.anomalies.add(Anomaly.of("ip.length.invalid", "IPv4 total length " + total + " is below its header length " + ihl));
                return;
            }
        } else if (total > avail) {
            end = len;
            p.payloadCut = true;
            if (!cut) {
                p.anomalies.add(Anomaly.of("ip.length.exceeds_frame", "IPv4 total length " + total + ", frame holds " + avail));
            }
        } else {
            end = off + total; // anything after is link padding
        }
        int flagsFrag = u16be(b, off + 6);
        boolean mf = (flagsFrag & 0x2000) != 0;
        int fragOffset = (flagsFrag & 0x1fff) * 8;
        if (mf || fragOffset != 0) {
            p.fragment = true;
            p.moreFragments = mf;
            p.fragmentOffset = fragOffset;
            p.fragmentId = u16be(b, off + 4);
            p.payloadOffset = off + ihl;
            p.payloadLength = end - (off + ihl);
            if (fragOffset != 0) {
                // Not the first fragment: no transport header here.
                p.transport = Packet.Transport.OTHER;
                return;
            }
        }
        transport(p, p.ipProtocol, b, off + ihl, end, cut);
    }

    void ipv6(Packet p, byte[] b, int off, int len, boolean cut) {
        p.layers.add("ipv6");
        int avail = len - off;
        if (avail < 40) {
            cutShort(p, cut, "ip.truncated", "IPv6 header needs 40 bytes, " + avail + " present");
            return;
        }
        int version = u8(b, off) >>> 4;
        if (version != 6) {
            p.anomalies.add(Anomaly.of("ip.version.invalid", "IPv6 header says version " + version));
            return;
        }
        p.ipVersion = 6;
        p.ipHeaderOffset = off;
        p.srcAddress = IpText.v6(b, off + 8);
        p.dstAddress = IpText.v6(b, off + 24);
        int payloadLen = u16be(b, off + 4);
        int end;
        if (payloadLen == 0) {
            end = len; // jumbogram or offload
        } else if (payloadLen > avail - 40) {
            end = len;
            p.payloadCut = true;
            if (!cut) {
                p.anomalies.add(Anomaly.of("ip.length.exceeds_frame", "IPv6 payload length " + payloadLen + ", frame holds " + (avail - 40)));
            }
        } else {
            end = off + 40 + payloadLen;
        }
        int next = u8(b, off + 6);
        int pos = off + 40;
        for (int i = 0; ; i++) {
            if (i > MAX_IPV6_EXTENSIONS) {
                p.anomalies.add(Anomaly.of("ipv6.ext.too_many", "more than " + MAX_IPV6_EXTENSIONS + " extension headers"));
                return;
            }
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    if (end - pos < 8) {
                        cutShort(p, cut, "ipv6.ext.truncated", "IPv6 extension header " + next + " cut short");
                        return;
                    }
                    int hlen = (u8(b, pos + 1) + 1) * 8;
                    if (end - pos < hlen) {
                        cutShort(p, cut, "ipv6.ext.truncated", "IPv6 extension header " + next + " cut short");
                        return;
                    }
                    p.layers.add(next == 0 ? "ipv6.hopopts" : next == 43 ? "ipv6.routing" : next == 60 ? "ipv6.dstopts" : "ipv6.ext" + next);
                    next = u8(b, pos);
                    pos += hlen;
                }
                case 51 -> { // AH: length in 4-byte units minus 2
                    if (end - pos < 8) {
                        p.anomalies.add(Anomaly.of("ipv6.ext.truncated", "IPv6 authentication header cut short"));
                        return;
                    }
                    int hlen = (u8(b, pos + 1) + 2) * 4;
                    if (end - pos < hlen) {
                        p.anomalies.add(Anomaly.of("ipv6.ext.truncated", "IPv6 authentication header cut short"));
                        return;
                    }
                    p.layers.add("ah");
                    next = u8(b, pos);
                    pos += hlen;
                }
                case 44 -> {
                    if (end - pos < 8) {
                        cutShort(p, cut, "ipv6.ext.truncated", "IPv6 fragment header cut short");
                        return;
                    }
                    p.layers.add("ipv6.frag");
                    int fo = u16be(b, pos + 2);
                    p.fragmentOffset = fo & 0xfff8;
                    p.moreFragments = (fo & 1) != 0;
                    p.fragmentId = u32be(b, pos + 4);
                    int inner = u8(b, pos);
                    pos += 8;
                    if (p.moreFragments || p.fragmentOffset != 0) {
                        p.fragment = true;
                        p.ipProtocol = inner;
                        p.payloadOffset = pos;
                        p.payloadLength = end - pos;
                        if (p.fragmentOffset != 0) {
                            p.transport = Packet.Transport.OTHER;
                            return;
                        }
                    }
                    next = inner;
                }
                default -> {
                    p.ipProtocol = next;
                    transport(p, next, b, pos, end, cut);
                    return;
                }
            }
        }
    }

    private void transport(Packet p, int proto, byte[] b, int pos, int end, boolean cut) {
        boolean shortByCapture = cut || p.payloadCut;
        switch (proto) {
            case 17 -> {
                p.layers.add("udp");
                p.transport = Packet.Transport.UDP;
                if (end - pos < 8) {
                    cutShort(p, shortByCapture, "udp.truncated", "UDP header needs 8 bytes, " + (end - pos) + " present");
                    return;
                }
                p.srcPort = u16be(b, pos);
                p.dstPort = u16be(b, pos + 2);
                int ulen = u16be(b, pos + 4);
                int dataEnd = end;
                if (p.fragment) {
                    dataEnd = end; // first fragment: the rest of the datagram is elsewhere
                } else if (ulen < 8) {
                    if (ulen != 0) {
                        p.anomalies.add(Anomaly.of("udp.length.invalid", "UDP length " + ulen + " is below 8"));
                    }
                } else if (ulen > end - pos) {
                    if (!shortByCapture) {
                        p.anomalies.add(Anomaly.of("udp.length.invalid", "UDP length " + ulen + ", IP payload holds " + (end - pos)));
                    }
                    p.payloadCut = true;
                } else {
                    dataEnd = pos + ulen;
                }
                p.payloadOffset = pos + 8;
                p.payloadLength = dataEnd - (pos + 8);
                if (!p.fragment && p.payloadLength > 0) {
                    tunnels.udp(p, b, p.payloadOffset, dataEnd, cut || p.payloadCut);
                }
            }
            case 6 -> {
                p.layers.add("tcp");
                p.transport = Packet.Transport.TCP;
                if (end - pos < 20) {
                    cutShort(p, shortByCapture, "tcp.truncated", "TCP header needs 20 bytes, " + (end - pos) + " present");
                    return;
                }
                p.srcPort = u16be(b, pos);
                p.dstPort = u16be(b, pos + 2);
                p.tcpSeq = u32be(b, pos + 4);
                p.tcpAck = u32be(b, pos + 8);
                int doff = (u8(b, pos + 12) >>> 4) * 4;
                p.tcpFlags = u8(b, pos + 13);
                p.tcpWindow = u16be(b, pos + 14);
                if (doff < 20) {
                    p.anomalies.add(Anomaly.of("tcp.header.invalid", "TCP data offset " + doff + " is below 20"));
                    return;
                }
                if (end - pos < doff) {
                    cutShort(p, shortByCapture, "tcp.truncated", "TCP options cut short");
                    return;
                }
                p.payloadOffset = pos + doff;
                p.payloadLength = end - (pos + doff);
            }
            case 132 -> {
                p.layers.add("sctp");
                p.transport = Packet.Transport.SCTP;
                if (end - pos >= 12) {
                    p.srcPort = u16be(b, pos);
                    p.dstPort = u16be(b, pos + 2);
                }
                p.payloadOffset = Math.min(pos + 12, end);
                p.payloadLength = Math.max(0, end - (pos + 12));
            }
            case 1 -> {
                p.layers.add("icmp");
                p.transport = Packet.Transport.ICMP;
                p.payloadOffset = pos;
                p.payloadLength = end - pos;
            }
            case 58 -> {
                p.layers.add("icmpv6");
                p.transport = Packet.Transport.ICMPV6;
                p.payloadOffset = pos;
                p.payloadLength = end - pos;
            }
            case 4, 41, 47 -> {
                // Until the tunnel decodes, the outer packet carries it as an undecoded payload.
                p.transport = Packet.Transport.OTHER;
                p.payloadOffset = pos;
                p.payloadLength = Math.max(0, end - pos);
                if (p.fragment) {
                    return; // the first fragment of a tunnel packet: the rest is elsewhere
                }
                if (proto == 47) {
                    tunnels.gre(p, b, pos, end, shortByCapture);
                } else {
                    tunnels.ipInIp(p, proto, b, pos, end, shortByCapture);
                }
            }
            default -> {
                p.transport = Packet.Transport.OTHER;
                p.payloadOffset = pos;
                p.payloadLength = Math.max(0, end - pos);
            }
        }
    }

    /** Name of an IP protocol number, for labels ("GRE", "ESP", ...). */
    public static String ipProtocolName(int proto) {
        return switch (proto) {
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IP-in-IP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6-in-IP";
            case 47 -> "GRE";
            case 50 -> "ESP (IPsec)";
            case 51 -> "AH (IPsec)";
            case 58 -> "ICMPv6";
            case 89 -> "OSPF";
            case 103 -> "PIM";
            case 112 -> "VRRP";
            case 115 -> "L2TP";
            case 132 -> "SCTP";
            default -> "IP protocol " + proto;
        };
    }

    /**
     * A header cut short: damage when the frame is whole, expected when the capture's snaplen cut it (the frame
     * already carries {@code frame.snaplen} then, so nothing more is said).
     */
    private static void cutShort(Packet p, boolean cutBySnaplen, String id, String detail) {
        p.payloadCut = true;
        if (!cutBySnaplen) {
            p.anomalies.add(Anomaly.of(id, detail));
        }
    }
}
