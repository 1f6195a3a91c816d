package io.sipvista.testkit;

import java.nio.ByteBuffer;

/**
 * Builds one IPv4 packet (header + payload) with a correct header checksum. Owns the header fields a test may want
 * to set: identification, TTL, DF, fragment offset and MF, options (padded with zeros, i.e. End of Option List, to a
 * multiple of 4 bytes), TOS, and lies on request ({@link #totalLengthOverride}, {@link #checksumOverride}).
 *
 * <pre>{@code byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, udp).id(7).fragment(0, true).build();}</pre>
 *
 * <p>The payload is used as given (for a fragment: the bytes of this fragment only); no transport checksum is
 * computed here.
 */
public final class Ipv4Packet {
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_IPIP = 4;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_IPV6 = 41;
    public static final int PROTO_GRE = 47;
    public static final int PROTO_SCTP = 132;

    private final byte[] src;
    private final byte[] dst;
    private final int protocol;
    private final byte[] payload;
    private int id;
    private int ttl = 64;
    private int tos;
    private boolean dontFragment;
    private int fragmentOffsetBytes;
    private boolean moreFragments;
    private byte[] options = new byte[0];
    private int totalLengthOverride = -1;
    private int checksumOverride = -1;

    private Ipv4Packet(String src, String dst, int protocol, byte[] payload) {
        this.src = IpAddress.parseV4(src);
        this.dst = IpAddress.parseV4(dst);
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol out of range: " + protocol);
        }
        this.protocol = protocol;
        this.payload = payload.clone();
    }

    /** A packet with id 0, TTL 64, TOS 0, no flags, no options. */
    public static Ipv4Packet of(String src, String dst, int protocol, byte[] payload) {
        return new Ipv4Packet(src, dst, protocol, payload);
    }

    public Ipv4Packet id(int id) {
        this.id = id & 0xffff;
        return this;
    }

    public Ipv4Packet ttl(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl out of range: " + ttl);
        }
        this.ttl = ttl;
        return this;
    }

    public Ipv4Packet tos(int tos) {
        this.tos = tos & 0xff;
        return this;
    }

    public Ipv4Packet dontFragment(boolean dontFragment) {
        this.dontFragment = dontFragment;
        return this;
    }

    /** This packet is the fragment at {@code offsetBytes} (a multiple of 8) of its datagram; {@code more} sets MF. */
    public Ipv4Packet fragment(int offsetBytes, boolean more) {
        if (offsetBytes < 0 || offsetBytes % 8 != 0 || offsetBytes / 8 > 0x1fff) {
            throw new IllegalArgumentException("fragment offset must be a multiple of 8 below 65536: " + offsetBytes);
        }
        this.fragmentOffsetBytes = offsetBytes;
        this.moreFragments = more;
        return this;
    }

    /** Raw option bytes; padded with zeros to a multiple of 4; at most 40 bytes. */
    public Ipv4Packet options(byte[] options) {
        if (options.length > 40) {
            throw new IllegalArgumentException("IPv4 options are at most 40 bytes");
        }
        this.options = options.clone();
        return this;
    }

    /** Writes this value in the total-length field instead of the true length (the checksum stays correct). */
    public Ipv4Packet totalLengthOverride(int totalLength) {
        this.totalLengthOverride = totalLength & 0xffff;
        return this;
    }

    /** Writes this value as the header checksum instead of the correct one. */
    public Ipv4Packet checksumOverride(int checksum) {
        this.checksumOverride = checksum & 0xffff;
        return this;
    }

    public byte[] build() {
        int optionLength = (options.length + 3) & ~3;
        int headerLength = 20 + optionLength;
        int total = headerLength + payload.length;
        if (total > 0xffff && totalLengthOverride < 0) {
            throw new IllegalArgumentException("IPv4 packet longer than 65535 bytes: " + total);
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) (0x40 | headerLength / 4));
        b.put((byte) tos);
        b.putShort((short) (totalLengthOverride >= 0 ? totalLengthOverride : total));
        b.putShort((short) id);
        int flags = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0);
        b.putShort((short) (flags | fragmentOffsetBytes / 8));
        b.put((byte) ttl);
        b.put((byte) protocol);
        b.putShort((short) 0);
        b.put(src).put(dst);
        b.put(options);
        b.position(headerLength);
        b.put(payload);
        byte[] bytes = b.array();
        int checksum = checksumOverride >= 0 ? checksumOverride : InternetChecksum.of(bytes, 0, headerLength);
        bytes[10] = (byte) (checksum >>> 8);
        bytes[11] = (byte) checksum;
        return bytes;
    }
}
