package io.sipvista.frame;

import io.sipvista.bytes.Octets;
import io.sipvista.label.RtpHeader;

import java.util.Optional;

/**
 * What the media analysis needs of one UDP datagram that is, or may be, RTP or RTCP. {@link FrameDecoder} attaches
 * one to every UDP frame that is not SIP and not named as another protocol, whose payload has the shape of RTP
 * (version 2, CSRC list, extension and padding inside the datagram) or of RTCP (version 2, RFC 5761 §4: second byte
 * 192-223, first packet inside the datagram), whether or not the labeller's port heuristic took it for media: the
 * analysis knows from SDP where media goes and decides. The 5-tuple is the frame's ({@link Frame#src()},
 * {@link Frame#dst()}, UDP) and the time is the frame's.
 *
 * <p>Nothing is copied: {@code data} is the frame's own datagram buffer, to be read and never changed. One small
 * record per media datagram is all this costs on top of the frame.
 *
 * @param rtcp     true for RTCP, false for RTP (RFC 5761 §4 demultiplexing by the second byte)
 * @param labelled true when the payload classifier itself named the datagram RTP or RTCP (its heuristic, without SDP)
 * @param header   the RTP header; null for RTCP
 * @param rtcpType the packet type of the first RTCP packet (200 SR, 201 RR, 202 SDES, 203 BYE, ...); 0 for RTP
 * @param rtcpSsrc the SSRC of the first RTCP packet's sender (unsigned 32-bit); 0 for RTP
 * @param data     the bytes holding the datagram (shared, not copied)
 * @param offset   where the UDP payload starts in {@code data}
 * @param length   the UDP payload length
 */
public record MediaPacket(boolean rtcp, boolean labelled, RtpHeader header, int rtcpType, long rtcpSsrc, byte[] data,
                          int offset, int length) {
    /** Where the RTP payload starts in {@link #data()} (after header, CSRCs and extension); for RTCP, {@link #offset()}. */
    public int payloadOffset() {
        return header == null ? offset : offset + header.headerLength();
    }

    /** The RTP payload length without padding; for RTCP, {@link #length()}. */
    public int payloadLength() {
        return header == null ? length : header.payloadLength();
    }

    /**
     * The media view of {@code b[off..off+len)}, or null when it has neither the shape of RTP nor of RTCP. Never
     * throws on payload bytes.
     */
    static MediaPacket of(byte[] b, int off, int len, boolean labelled) {
        int shape = shape(b, off, len);
        if (shape == RTCP) {
            return new MediaPacket(true, labelled, null, Octets.u8(b, off + 1), Octets.u32be(b, off + 4), b, off, len);
        }
        if (shape == NONE) {
            return null;
        }
        Optional<RtpHeader> h = RtpHeader.parse(b, off, len);
        return h.map(header -> new MediaPacket(false, labelled, header, 0, 0, b, off, len)).orElse(null);
    }

    /** {@link #shape}: neither RTP nor RTCP. */
    static final int NONE = 0;
    /** {@link #shape}: RTCP. */
    static final int RTCP = 1;
    /** {@link #shape}: RTP if {@link RtpHeader#parse} takes it (else neither). */
    static final int RTP = 2;

    /**
     * How {@link #of} tells the two apart: version 2 and at least 8 bytes; a second byte of 192-223 is RTCP when its
     * first packet fits, and neither when it does not; anything else is RTP if its header parses.
     */
    static int shape(byte[] b, int off, int len) {
        if (len < 8 || (b[off] & 0xC0) != 0x80) {
            return NONE;
        }
        int second = Octets.u8(b, off + 1);
        if (second >= 192 && second <= 223) {
            int size = 4 * (Octets.u16be(b, off + 2) + 1);
            return size > len ? NONE : RTCP;
        }
        return RTP;
    }
}
