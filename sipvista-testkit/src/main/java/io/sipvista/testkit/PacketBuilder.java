package io.sipvista.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Static helpers that return the bytes of one header plus its payload: link layers (Ethernet with or without VLAN
 * tags, Linux cooked v1/v2, BSD null/loopback), IPv4/IPv6 with defaults, UDP with a correct checksum, ARP, ICMP and
 * RTP. Owns the default addresses (MACs {@value #SRC_MAC} to {@value #DST_MAC}) and the transport checksums over the
 * IPv4/IPv6 pseudo-headers. For non-default IP header fields use {@link Ipv4Packet} and {@link Ipv6Packet}; for TCP
 * use {@link TcpSegment}.
 */
public final class PacketBuilder {
    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_IPV6 = 0x86dd;
    public static final int ETH_ARP = 0x0806;
    public static final int ETH_VLAN = 0x8100;
    public static final int ETH_QINQ = 0x88a8;

    /** The source MAC of the short {@code ethernet}/{@code arp} forms (RFC 7042 documentation range). */
    public static final String SRC_MAC = "00:00:5e:00:53:01";
    /** The destination MAC of the short {@code ethernet} form. */
    public static final String DST_MAC = "00:00:5e:00:53:02";

    /** BSD address families as DLT_NULL / DLT_LOOP carry them. */
    public static final int AF_INET = 2;
    public static final int AF_INET6_BSD = 24;
    public static final int AF_INET6_FREEBSD = 28;
    public static final int AF_INET6_DARWIN = 30;

    /** ARPHRD_ETHER, the hardware type of the Linux cooked headers this class writes. */
    public static final int ARPHRD_ETHER = 1;

    private PacketBuilder() {
    }

    /** Parses {@code "aa:bb:cc:dd:ee:ff"} (or with dashes) into 6 bytes. */
    public static byte[] mac(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].length() != 2) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    /** An Ethernet II frame from {@value #SRC_MAC} to {@value #DST_MAC}. */
    public static byte[] ethernet(int etherType, byte[] payload) {
        return ethernet(mac(DST_MAC), mac(SRC_MAC), etherType, payload);
    }

    /** An Ethernet II frame (no FCS, no padding to 60 bytes). */
    public static byte[] ethernet(byte[] dstMac, byte[] srcMac, int etherType, byte[] payload) {
        requireMac(dstMac);
        requireMac(srcMac);
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(dstMac).put(srcMac).putShort((short) etherType).put(payload);
        return b.array();
    }

    /**
     * An Ethernet frame with VLAN tags, outermost first: one id gives an 802.1Q tag (TPID 0x8100); with two or more
     * the outer tag is 802.1ad (TPID 0x88a8) and the inner ones 0x8100. Priority and DEI are 0.
     */
    public static byte[] ethernetVlan(int[] vlanIds, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanIds.length + payload.length);
        b.put(mac(DST_MAC)).put(mac(SRC_MAC));
        for (int i = 0; i < vlanIds.length; i++) {
            if (vlanIds[i] < 0 || vlanIds[i] > 4095) {
                throw new IllegalArgumentException("VLAN id out of range: " + vlanIds[i]);
            }
            int tpid = vlanIds.length > 1 && i == 0 ? ETH_QINQ : ETH_VLAN;
            b.putShort((short) tpid).putShort((short) vlanIds[i]);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** A Linux cooked (SLL v1) frame: packet type 0 (to us), ARPHRD_ETHER, source address {@value #SRC_MAC}. */
    public static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) 0).putShort((short) ARPHRD_ETHER).putShort((short) 6);
        b.put(mac(SRC_MAC)).putShort((short) 0);
        b.putShort((short) protocol).put(payload);
        return b.array();
    }

    /** A Linux cooked v2 (SLL2) frame: interface index 1, ARPHRD_ETHER, packet type 0, source {@value #SRC_MAC}. */
    public static byte[] sll2(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(1);
        b.putShort((short) ARPHRD_ETHER).put((byte) 0).put((byte) 6);
        b.put(mac(SRC_MAC)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** A DLT_NULL frame: the 4-byte address family in the writing host's byte order ({@code bigEndian} or not). */
    public static byte[] bsdNull(int family, byte[] payload, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.putInt(family).put(payload);
        return b.array();
    }

    /** A DLT_LOOP frame: the 4-byte address family in network byte order. */
    public static byte[] bsdLoop(int family, byte[] payload) {
        return bsdNull(family, payload, true);
    }

    /** An IPv4 packet: id 0, TTL 64, no flags, correct header checksum. */
    public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return Ipv4Packet.of(src, dst, protocol, payload).build();
    }

    /** An IPv6 packet: hop limit 64, no extension headers. */
    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return Ipv6Packet.of(src, dst, nextHeader, payload).build();
    }

    /** A UDP datagram (header + payload) whose checksum is right for these IPv4 or IPv6 addresses. */
    public static byte[] udp(String src, int sport, String dst, int dport, byte[] payload) {
        byte[] s = IpAddress.parse(src);
        byte[] d = IpAddress.parse(dst);
        if (s.length != d.length) {
            throw new IllegalArgumentException("source and destination are of different IP versions");
        }
        if (sport < 0 || sport > 0xffff || dport < 0 || dport > 0xffff) {
            throw new IllegalArgumentException("port out of range");
        }
        if (8 + payload.length > 0xffff) {
            throw new IllegalArgumentException("UDP datagram longer than 65535 bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        byte[] bytes = b.array();
        int checksum = transportChecksum(s, d, Ipv4Packet.PROTO_UDP, bytes);
        if (checksum == 0) {
            checksum = 0xffff;
        }
        bytes[6] = (byte) (checksum >>> 8);
        bytes[7] = (byte) checksum;
        return bytes;
    }

    /** IPv4 + UDP, both checksums correct. */
    public static byte[] udp4(String src, int sport, String dst, int dport, byte[] payload) {
        return ipv4(src, dst, Ipv4Packet.PROTO_UDP, udp(src, sport, dst, dport, payload));
    }

    /** IPv6 + UDP with a correct checksum. */
    public static byte[] udp6(String src, int sport, String dst, int dport, byte[] payload) {
        return ipv6(src, dst, Ipv6Packet.NH_UDP, udp(src, sport, dst, dport, payload));
    }

    /** An ARP request body (to wrap with {@code ethernet(ETH_ARP, ...)}): from {@value #SRC_MAC}, target MAC 0. */
    public static byte[] arpRequest(String senderIp, String targetIp) {
        return arp(1, mac(SRC_MAC), senderIp, new byte[6], targetIp);
    }

    /** An ARP reply body: {@code senderIp} is at {@value #DST_MAC}, answering {@code targetIp} at {@value #SRC_MAC}. */
    public static byte[] arpReply(String senderIp, String targetIp) {
        return arp(2, mac(DST_MAC), senderIp, mac(SRC_MAC), targetIp);
    }

    /** An Ethernet/IPv4 ARP body with any operation (1 request, 2 reply) and addresses. */
    public static byte[] arp(int operation, byte[] senderMac, String senderIp, byte[] targetMac, String targetIp) {
        requireMac(senderMac);
        requireMac(targetMac);
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) ETH_IPV4).put((byte) 6).put((byte) 4).putShort((short) operation);
        b.put(senderMac).put(IpAddress.parseV4(senderIp)).put(targetMac).put(IpAddress.parseV4(targetIp));
        return b.array();
    }

    /**
     * An ICMPv4 message with a correct checksum.
     *
     * @param rest everything after the checksum: the 4 bytes of "rest of header" and any data (e.g. the quoted
     *             IP header and 8 bytes for an error)
     */
    public static byte[] icmp4(int type, int code, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(4 + rest.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).put(rest);
        byte[] bytes = b.array();
        int checksum = InternetChecksum.of(bytes, 0, bytes.length);
        bytes[2] = (byte) (checksum >>> 8);
        bytes[3] = (byte) checksum;
        return bytes;
    }

    /** An ICMPv6 message whose checksum is right for these addresses. */
    public static byte[] icmp6(String src, String dst, int type, int code, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(4 + rest.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).put(rest);
        byte[] bytes = b.array();
        int checksum = transportChecksum(IpAddress.parseV6(src), IpAddress.parseV6(dst), Ipv6Packet.NH_ICMPV6, bytes);
        bytes[2] = (byte) (checksum >>> 8);
        bytes[3] = (byte) checksum;
        return bytes;
    }

    /** An RTP packet: version 2, no padding, no extension, no CSRC. */
    public static byte[] rtp(int payloadType, int seq, long timestamp, long ssrc, boolean marker, byte[] payload) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) seq);
        b.putInt((int) timestamp).putInt((int) ssrc).put(payload);
        return b.array();
    }

    /** The TCP/UDP/ICMPv6 checksum of {@code segment} (its checksum field zero) under the pseudo-header. */
    static int transportChecksum(byte[] src, byte[] dst, int protocol, byte[] segment) {
        InternetChecksum c = new InternetChecksum().add(src).add(dst);
        if (src.length == 4) {
            c.addShort(protocol).addShort(segment.length);
        } else {
            c.addInt(segment.length).addInt(protocol);
        }
        return c.add(segment).value();
    }

    private static void requireMac(byte[] mac) {
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("a MAC address is 6 bytes");
        }
    }
}
