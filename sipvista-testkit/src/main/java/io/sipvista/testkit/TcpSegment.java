package io.sipvista.testkit;

import java.nio.ByteBuffer;

/**
 * Builds a TCP segment and wraps it in IPv4 or IPv6, with the TCP checksum computed over the right pseudo-header.
 * Owns the TCP header fields: ports, sequence and acknowledgement numbers, flags, window, options (zero-padded to a
 * multiple of 4) and the data offset.
 *
 * <pre>{@code byte[] ip = TcpSegment.from("10.0.0.1", 5060).to("10.0.0.2", 5060)
 *     .seq(1000).ack(2000).flags(TcpSegment.PSH | TcpSegment.ACK).payload(sip).ipv4();}</pre>
 */
public final class TcpSegment {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    private final String srcIp;
    private final int srcPort;
    private String dstIp;
    private int dstPort;
    private long seq;
    private long ack;
    private int flags = ACK;
    private int window = 65535;
    private byte[] options = new byte[0];
    private byte[] payload = new byte[0];
    private int ipId;
    private boolean badChecksum;

    private TcpSegment(String srcIp, int srcPort) {
        this.srcIp = srcIp;
        this.srcPort = port(srcPort);
    }

    /** A segment from this endpoint; defaults: seq 0, ack 0, flags ACK, window 65535, no options, no payload. */
    public static TcpSegment from(String ip, int port) {
        return new TcpSegment(ip, port);
    }

    public TcpSegment to(String ip, int port) {
        this.dstIp = ip;
        this.dstPort = port(port);
        return this;
    }

    public TcpSegment seq(long seq) {
        this.seq = seq & 0xffffffffL;
        return this;
    }

    public TcpSegment ack(long ack) {
        this.ack = ack & 0xffffffffL;
        return this;
    }

    /** The flag bits, e.g. {@code SYN | ACK}. */
    public TcpSegment flags(int flags) {
        this.flags = flags & 0x1ff;
        return this;
    }

    public TcpSegment window(int window) {
        this.window = window & 0xffff;
        return this;
    }

    /** Raw option bytes (e.g. MSS {@code 02 04 05 b4}); zero-padded to a multiple of 4, at most 40 bytes. */
    public TcpSegment options(byte[] options) {
        if (options.length > 40) {
            throw new IllegalArgumentException("TCP options are at most 40 bytes");
        }
        this.options = options.clone();
        return this;
    }

    public TcpSegment payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    /** The IPv4 identification used by {@link #ipv4()}. */
    public TcpSegment ipId(int id) {
        this.ipId = id;
        return this;
    }

    /** Writes a wrong TCP checksum (the correct one plus one). */
    public TcpSegment badChecksum() {
        this.badChecksum = true;
        return this;
    }

    /** The TCP header and payload alone, checksummed for the addresses given. */
    public byte[] segment() {
        if (dstIp == null) {
            throw new IllegalStateException("to(ip, port) not called");
        }
        byte[] s = IpAddress.parse(srcIp);
        byte[] d = IpAddress.parse(dstIp);
        if (s.length != d.length) {
            throw new IllegalArgumentException("source and destination are of different IP versions");
        }
        int optionLength = (options.length + 3) & ~3;
        int headerLength = 20 + optionLength;
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort);
        b.putInt((int) seq).putInt((int) ack);
        b.putShort((short) ((headerLength / 4) << 12 | flags));
        b.putShort((short) window);
        b.putShort((short) 0).putShort((short) 0);
        b.put(options);
        b.position(headerLength);
        b.put(payload);
        byte[] bytes = b.array();
        int checksum = PacketBuilder.transportChecksum(s, d, Ipv4Packet.PROTO_TCP, bytes);
        if (badChecksum) {
            checksum = (checksum + 1) & 0xffff;
        }
        bytes[16] = (byte) (checksum >>> 8);
        bytes[17] = (byte) checksum;
        return bytes;
    }

    /** The segment in an IPv4 packet (TTL 64, id from {@link #ipId}). */
    public byte[] ipv4() {
        return Ipv4Packet.of(srcIp, dstIp, Ipv4Packet.PROTO_TCP, segment()).id(ipId).build();
    }

    /** The segment in an IPv6 packet (hop limit 64). */
    public byte[] ipv6() {
        return Ipv6Packet.of(srcIp, dstIp, Ipv6Packet.NH_TCP, segment()).build();
    }

    private static int port(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }
}
