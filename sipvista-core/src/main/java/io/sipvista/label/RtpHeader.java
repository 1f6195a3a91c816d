package io.sipvista.label;

import io.sipvista.bytes.Octets;

import java.util.Objects;
import java.util.Optional;

/**
 * The fixed RTP header of RFC 3550 section 5.1, with where the payload is: {@code headerLength} counts the 12 fixed
 * bytes, the CSRC list and the header extension; {@code payloadLength} excludes padding.
 */
public record RtpHeader(int version, boolean padding, boolean extension, int csrcCount, boolean marker, int payloadType,
                        int sequence, long timestamp, long ssrc, int headerLength, int payloadLength) {

    /**
     * Reads an RTP header if the bytes can be one: version 2, CSRC list and header extension inside the packet,
     * padding count between 1 and what is left after the header. Empty otherwise; never throws on wire data.
     * This checks structure only: whether a datagram is RTP at all is the classifier's heuristic.
     */
    public static Optional<RtpHeader> parse(byte[] b, int off, int len) {
        long layout = layout(b, off, len);
        if (layout < 0) {
            return Optional.empty();
        }
        int b0 = Octets.u8(b, off);
        int b1 = Octets.u8(b, off + 1);
        return Optional.of(new RtpHeader(b0 >> 6, (b0 & 0x20) != 0, (b0 & 0x10) != 0, b0 & 0x0f, (b1 & 0x80) != 0,
                b1 & 0x7f, Octets.u16be(b, off + 2), Octets.u32be(b, off + 4), Octets.u32be(b, off + 8),
                (int) (layout >>> 32), (int) layout));
    }

    /**
     * The structure check of {@link #parse} without building the header, for readers that allocate nothing per
     * packet: {@code headerLength << 32 | payloadLength} when {@code b[off..off+len)} can be an RTP packet, else -1.
     * The other fields are read from the fixed header as {@link #parse} reads them.
     */
    public static long layout(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < 12) {
            return -1;
        }
        int b0 = Octets.u8(b, off);
        int version = b0 >> 6;
        if (version != 2) {
            return -1;
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int cc = b0 & 0x0f;
        int header = 12 + 4 * cc;
        if (header > len) {
            return -1;
        }
        if (extension) {
            if (header + 4 > len) {
                return -1;
            }
            int words = Octets.u16be(b, off + header + 2);
            header += 4 + 4 * words;
            if (header > len) {
                return -1;
            }
        }
        int pad = 0;
        if (padding) {
            pad = Octets.u8(b, off + len - 1);
            if (pad == 0 || pad > len - header) {
                return -1;
            }
        }
        return (long) header << 32 | (len - header - pad);
    }
}
