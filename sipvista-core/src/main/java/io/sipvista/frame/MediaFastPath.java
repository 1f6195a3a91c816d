package io.sipvista.frame;

import io.sipvista.bytes.Octets;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.label.Label;
import io.sipvista.label.RtpHeader;
import io.sipvista.label.UdpPayloadClassifier;
import io.sipvista.net.PlainUdpReader;
import io.sipvista.sip.SipDetector;

/**
 * The media view of a record read straight from its bytes, for a reader of RTP-heavy captures that wants no
 * {@link Frame} per media packet: when the record is a plain Ethernet/IPv4/UDP datagram ({@link PlainUdpReader})
 * whose payload {@link FrameDecoder} (as the analysis builds it, RTP labels off) would give exactly one
 * {@link MediaPacket} and nothing else (no SIP, no keep-alive, no other protocol's label), this gives that media
 * packet's fields and the datagram's endpoints as numbers ({@link #endpointKey(int, int)}). Every decision is the one
 * {@link FrameDecoder} takes, by the same functions ({@link SipDetector#looksLikeSip}, {@link UdpPayloadClassifier},
 * {@link MediaPacket#shape}, {@link RtpHeader#layout}); anything else is declined and is for
 * {@link FrameDecoder#decode} to decode.
 *
 * <p>A reusable cursor: {@link #read} fills the fields the accessors return until the next read; the record's bytes
 * are referenced, not copied. Allocates nothing per record. Not thread-safe.
 */
public final class MediaFastPath {
    private final PlainUdpReader udp = new PlainUdpReader();
    private byte[] data;
    private long srcKey;
    private long dstKey;
    private boolean rtcp;
    private int offset;
    private int length;
    private long ssrc;
    private int sequence;
    private long timestamp;
    private int payloadType;
    private boolean marker;
    private int payloadOffset;
    private int payloadLength;

    /** {@link #read(byte[], int, long, int)} of a record's own bytes. */
    public boolean read(CaptureRecord r) {
        return r.capturedLength() == r.data().length
                && read(r.data(), r.capturedLength(), r.originalLength(), r.linkType());
    }

    /**
     * Reads a record of {@code length} bytes in {@code b} ({@code originalLength} on the wire, link type
     * {@code linkType}). Returns true when it is a plain UDP datagram carrying one RTP or RTCP packet, as above; false
     * when it must be decoded into a frame.
     */
    public boolean read(byte[] b, int length, long originalLength, int linkType) {
        if (linkType != LinkType.ETHERNET || !udp.read(b, length, originalLength)) {
            return false;
        }
        int off = udp.payloadOffset();
        int len = udp.payloadLength();
        // what FrameDecoder.udp decides, in its order
        if (len < 8 || SipDetector.looksLikeSip(b, off, len) || FrameDecoder.isCrlfOnly(b, off, len)) {
            return false; // under 8 bytes a datagram is neither RTP nor RTCP
        }
        Label l;
        try {
            l = UdpPayloadClassifier.classifyMedia(b, off, len, udp.srcPort(), udp.dstPort());
        } catch (RuntimeException bug) {
            return false; // FrameDecoder names the bug on the frame
        }
        if (l != null && !FrameDecoder.namedMedia(l)) {
            return false;
        }
        int shape = MediaPacket.shape(b, off, len);
        if (shape == MediaPacket.RTCP) {
            rtcp = true;
            ssrc = Octets.u32be(b, off + 4);
            payloadOffset = off;
            payloadLength = len;
        } else if (shape == MediaPacket.RTP) {
            long layout = RtpHeader.layout(b, off, len);
            if (layout < 0) {
                return false;
            }
            rtcp = false;
            int b1 = Octets.u8(b, off + 1);
            marker = (b1 & 0x80) != 0;
            payloadType = b1 & 0x7f;
            sequence = Octets.u16be(b, off + 2);
            timestamp = Octets.u32be(b, off + 4);
            ssrc = Octets.u32be(b, off + 8);
            payloadOffset = off + (int) (layout >>> 32);
            payloadLength = (int) layout;
        } else {
            return false;
        }
        this.data = b;
        this.offset = off;
        this.length = len;
        srcKey = endpointKey(udp.srcAddress(), udp.srcPort());
        dstKey = endpointKey(udp.dstAddress(), udp.dstPort());
        return true;
    }

    /** An IPv4 endpoint as one number: the address (32 bits, network order) above the port (16 bits). */
    public static long endpointKey(int address, int port) {
        return (address & 0xffffffffL) << 16 | (port & 0xffff);
    }

    /**
     * {@link #endpointKey(int, int)} of an IPv4 endpoint as frames write it ({@code 192.0.2.1:5004}: dotted decimal
     * without leading zeros, then the port), or -1 for anything else (IPv6, a bare address, another spelling): exactly
     * one text has each key, so equal keys are equal endpoints.
     */
    public static long endpointKey(String endpoint) {
        int n = endpoint.length();
        long address = 0;
        int p = 0;
        for (int part = 0; part < 4; part++) {
            long d = decimal(endpoint, p, 3);
            if (d < 0 || d >>> 8 > 255) {
                return -1;
            }
            p += (int) (d & 0xff);
            if (p >= n || endpoint.charAt(p) != (part < 3 ? '.' : ':')) {
                return -1;
            }
            p++;
            address = address << 8 | d >>> 8;
        }
        long port = decimal(endpoint, p, 5);
        if (port < 0 || port >>> 8 > 65535 || p + (port & 0xff) != n) {
            return -1;
        }
        return address << 16 | port >>> 8;
    }

    /**
     * The decimal number at {@code from} of 1 to {@code max} digits, with no leading zero, as its value above its
     * digit count ({@code value << 8 | digits}); -1 when there is none (no digit, more digits, a leading zero).
     */
    private static long decimal(String s, int from, int max) {
        int p = from;
        long v = 0;
        while (p < s.length() && p - from <= max && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            v = v * 10 + (s.charAt(p) - '0');
            p++;
        }
        int digits = p - from;
        if (digits == 0 || digits > max || (digits > 1 && s.charAt(from) == '0')) {
            return -1;
        }
        return v << 8 | digits;
    }

    /** The record's bytes (shared, not copied). */
    public byte[] data() {
        return data;
    }

    /** The source endpoint's {@link #endpointKey(int, int)}. */
    public long srcKey() {
        return srcKey;
    }

    /** The destination endpoint's {@link #endpointKey(int, int)}. */
    public long dstKey() {
        return dstKey;
    }

    /** True for RTCP, false for RTP (as {@link MediaPacket#rtcp()}). */
    public boolean rtcp() {
        return rtcp;
    }

    /** Where the UDP payload starts in {@link #data()} (as {@link MediaPacket#offset()}). */
    public int offset() {
        return offset;
    }

    /** The UDP payload length (as {@link MediaPacket#length()}). */
    public int length() {
        return length;
    }

    /** The RTP SSRC, or for RTCP the first packet's sender SSRC (as {@link MediaPacket#rtcpSsrc()}). */
    public long ssrc() {
        return ssrc;
    }

    /** RTP only: the sequence number. */
    public int sequence() {
        return sequence;
    }

    /** RTP only: the timestamp. */
    public long timestamp() {
        return timestamp;
    }

    /** RTP only: the payload type. */
    public int payloadType() {
        return payloadType;
    }

    /** RTP only: the marker bit. */
    public boolean marker() {
        return marker;
    }

    /** Where the RTP payload starts (as {@link MediaPacket#payloadOffset()}). */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** The RTP payload length without padding (as {@link MediaPacket#payloadLength()}). */
    public int payloadLength() {
        return payloadLength;
    }
}
