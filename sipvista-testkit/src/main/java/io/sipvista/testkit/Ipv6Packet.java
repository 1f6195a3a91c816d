package io.sipvista.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Builds one IPv6 packet with optional extension headers, chained in the order RFC 8200 section 4.1 recommends:
 * Hop-by-Hop Options, Destination Options, Routing, Fragment, then the upper-layer payload. Owns the Next Header
 * chain, each header's length field and its padding to 8 bytes (Pad1/PadN for option headers, zeros for routing data).
 *
 * <pre>{@code byte[] ip = Ipv6Packet.of("2001:db8::1", "2001:db8::2", 17, udp).fragment(0, true, 42).build();}</pre>
 *
 * <p>The payload is used as given; no transport checksum is computed here.
 */
public final class Ipv6Packet {
    public static final int NH_HOP_BY_HOP = 0;
    public static final int NH_TCP = 6;
    public static final int NH_UDP = 17;
    public static final int NH_ROUTING = 43;
    public static final int NH_FRAGMENT = 44;
    public static final int NH_ICMPV6 = 58;
    public static final int NH_NONE = 59;
    public static final int NH_DESTINATION_OPTIONS = 60;

    private final byte[] src;
    private final byte[] dst;
    private final int nextHeader;
    private final byte[] payload;
    private byte[] hopByHop;
    private byte[] destinationOptions;
    private byte[] routing;
    private byte[] fragment;
    private int hopLimit = 64;
    private int trafficClass;
    private int flowLabel;
    private int payloadLengthOverride = -1;

    private Ipv6Packet(String src, String dst, int nextHeader, byte[] payload) {
        this.src = IpAddress.parseV6(src);
        this.dst = IpAddress.parseV6(dst);
        if (nextHeader < 0 || nextHeader > 255) {
            throw new IllegalArgumentException("next header out of range: " + nextHeader);
        }
        this.nextHeader = nextHeader;
        this.payload = payload.clone();
    }

    /** A packet with hop limit 64, traffic class 0, flow label 0 and no extension headers. */
    public static Ipv6Packet of(String src, String dst, int nextHeader, byte[] payload) {
        return new Ipv6Packet(src, dst, nextHeader, payload);
    }

    /** Adds a Hop-by-Hop Options header holding these option TLVs (padded with Pad1/PadN). */
    public Ipv6Packet hopByHop(byte[] optionTlvs) {
        this.hopByHop = optionTlvs.clone();
        return this;
    }

    /** Adds a Destination Options header (placed before Routing) holding these option TLVs. */
    public Ipv6Packet destinationOptions(byte[] optionTlvs) {
        this.destinationOptions = optionTlvs.clone();
        return this;
    }

    /**
     * Adds a Routing header.
     *
     * @param typeSpecificData the bytes after the Segments Left field (for type 0/2: 4 reserved bytes then the
     *                         addresses); zero-padded so the header is a multiple of 8 bytes
     */
    public Ipv6Packet routing(int routingType, int segmentsLeft, byte[] typeSpecificData) {
        ByteBuffer b = ByteBuffer.allocate(2 + typeSpecificData.length);
        b.put((byte) routingType).put((byte) segmentsLeft).put(typeSpecificData);
        this.routing = b.array();
        return this;
    }

    /** Adds a Fragment header: this packet carries the bytes at {@code offsetBytes} (a multiple of 8). */
    public Ipv6Packet fragment(int offsetBytes, boolean more, long id) {
        if (offsetBytes < 0 || offsetBytes % 8 != 0 || offsetBytes / 8 > 0x1fff) {
            throw new IllegalArgumentException("fragment offset must be a multiple of 8 below 65536: " + offsetBytes);
        }
        ByteBuffer b = ByteBuffer.allocate(7);
        b.put((byte) 0).putShort((short) (offsetBytes | (more ? 1 : 0))).putInt((int) id);
        this.fragment = b.array();
        return this;
    }

    public Ipv6Packet hopLimit(int hopLimit) {
        this.hopLimit = hopLimit & 0xff;
        return this;
    }

    public Ipv6Packet trafficClass(int trafficClass) {
        this.trafficClass = trafficClass & 0xff;
        return this;
    }

    public Ipv6Packet flowLabel(int flowLabel) {
        this.flowLabel = flowLabel & 0xfffff;
        return this;
    }

    /** Writes this value in the payload-length field instead of the true length. */
    public Ipv6Packet payloadLengthOverride(int payloadLength) {
        this.payloadLengthOverride = payloadLength & 0xffff;
        return this;
    }

    public byte[] build() {
        int[] types = {NH_HOP_BY_HOP, NH_DESTINATION_OPTIONS, NH_ROUTING, NH_FRAGMENT};
        byte[][] bodies = {hopByHop, destinationOptions, routing, fragment};
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        int first = nextHeader;
        int lastIndex = -1;
        for (int i = bodies.length - 1; i >= 0; i--) {
            if (bodies[i] != null) {
                lastIndex = i;
            }
        }
        if (lastIndex >= 0) {
            first = types[lastIndex];
        }
        for (int i = 0; i < bodies.length; i++) {
            if (bodies[i] == null) {
                continue;
            }
            int next = nextHeader;
            for (int j = i + 1; j < bodies.length; j++) {
                if (bodies[j] != null) {
                    next = types[j];
                    break;
                }
            }
            chain.writeBytes(extensionHeader(types[i], next, bodies[i]));
        }
        byte[] ext = chain.toByteArray();
        int payloadLength = ext.length + payload.length;
        ByteBuffer b = ByteBuffer.allocate(40 + payloadLength);
        b.putInt((6 << 28) | (trafficClass << 20) | flowLabel);
        b.putShort((short) (payloadLengthOverride >= 0 ? payloadLengthOverride : payloadLength));
        b.put((byte) first).put((byte) hopLimit);
        b.put(src).put(dst).put(ext).put(payload);
        return b.array();
    }

    private static byte[] extensionHeader(int type, int next, byte[] body) {
        if (type == NH_FRAGMENT) {
            ByteBuffer b = ByteBuffer.allocate(8);
            b.put((byte) next).put(body);
            return b.array();
        }
        int unpadded = 2 + body.length;
        int total = Math.max(8, (unpadded + 7) & ~7);
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) next).put((byte) (total / 8 - 1)).put(body);
        int pad = total - unpadded;
        if (type == NH_ROUTING) {
            return b.array();
        }
        if (pad == 1) {
            b.put((byte) 0);
        } else if (pad > 1) {
            b.put((byte) 1).put((byte) (pad - 2));
        }
        return b.array();
    }
}
