package io.sipvista.net;

import static io.sipvista.bytes.Octets.u16be;
import static io.sipvista.bytes.Octets.u32be;
import static io.sipvista.bytes.Octets.u8;

/**
 * Reads, straight from a frame's bytes and without building a {@link Packet}, the addresses, ports and payload of a
 * <em>plain</em> UDP datagram: Ethernet, at most {@value PacketDecoder#MAX_VLAN_TAGS} VLAN tags (802.1Q, 802.1ad or
 * the old 0x9100), IPv4 (any header length), UDP, whole and regular. Owns the rule of what is plain: every case where
 * {@link PacketDecoder} would name an anomaly, follow a tunnel, see a fragment, or bound the payload other than by
 * the UDP length is declined, so for an accepted frame {@link PacketDecoder#decode} gives the same addresses, ports
 * and payload and nothing else (no anomaly, no tunnel). What is declined is for {@link PacketDecoder} to decode.
 *
 * <p>A reusable cursor: {@link #read} fills the fields that the accessors return until the next read. Allocates
 * nothing. Not thread-safe.
 */
public final class PlainUdpReader {
    private int srcAddress;
    private int dstAddress;
    private int srcPort;
    private int dstPort;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Reads {@code b[0..length)}, an Ethernet frame that had {@code originalLength} bytes on the wire. Returns true
     * when it is a plain UDP datagram (then the accessors describe it), false when {@link PacketDecoder} must decode
     * it: cut by the snaplen, not IPv4 over Ethernet, a damaged or cut header, IPv4 total length 0 or beyond the frame,
     * a fragment, UDP length below 8 or beyond the IP payload, or a port a tunnel decoder looks at (GTP-U, VXLAN).
     */
    public boolean read(byte[] b, int length, long originalLength) {
        if (originalLength > length || length > b.length || length < 14) {
            return false;
        }
        int type = u16be(b, 12);
        int pos = 14;
        int tags = 0;
        while (type == EtherTypes.VLAN || type == EtherTypes.QINQ || type == EtherTypes.QINQ_OLD) {
            if (++tags > PacketDecoder.MAX_VLAN_TAGS || length - pos < 4) {
                return false;
            }
            type = u16be(b, pos + 2);
            pos += 4;
        }
        if (type != EtherTypes.IPV4) {
            return false;
        }
        int avail = length - pos;
        if (avail < 20) {
            return false;
        }
        int first = u8(b, pos);
        int ihl = (first & 0x0f) * 4;
        if (first >>> 4 != 4 || ihl < 20 || avail < ihl) {
            return false;
        }
        int total = u16be(b, pos + 2);
        if (total < ihl || total > avail) {
            return false; // 0 (offload) or below the header: anomalies; beyond the frame: cut
        }
        if ((u16be(b, pos + 6) & 0x3fff) != 0 || u8(b, pos + 9) != 17) {
            return false; // a fragment (more fragments, or an offset), or not UDP
        }
        int end = pos + total;
        int udp = pos + ihl;
        if (end - udp < 8) {
            return false;
        }
        int sport = u16be(b, udp);
        int dport = u16be(b, udp + 2);
        int ulen = u16be(b, udp + 4);
        if (ulen < 8 || ulen > end - udp || TunnelDecoder.looksInside(sport, dport)) {
            return false;
        }
        srcAddress = (int) u32be(b, pos + 12);
        dstAddress = (int) u32be(b, pos + 16);
        srcPort = sport;
        dstPort = dport;
        payloadOffset = udp + 8;
        payloadLength = ulen - 8;
        return true;
    }

    /** The IPv4 source address, as 32 bits in network order. */
    public int srcAddress() {
        return srcAddress;
    }

    /** The IPv4 destination address, as 32 bits in network order. */
    public int dstAddress() {
        return dstAddress;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    /** Where the UDP payload starts in the frame's bytes. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** The UDP payload length (the UDP length less its header; link padding after it is not counted). */
    public int payloadLength() {
        return payloadLength;
    }
}
