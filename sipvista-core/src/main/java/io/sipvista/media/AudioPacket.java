package io.sipvista.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP packet of one call direction, as {@link WavWriter} needs it: when it arrived, where it belongs in its
 * stream, and its payload.
 *
 * @param arrivalNanos capture time in nanoseconds (any epoch, the same for both directions)
 * @param rtpTimestamp RTP timestamp, 32 bits unsigned
 * @param sequence     RTP sequence number, 16 bits
 * @param ssrc         RTP SSRC, 32 bits unsigned
 * @param payloadType  RTP payload type, 0-127
 * @param payload      the RTP payload (after header, CSRCs and extension, without padding); a copy is kept
 */
public record AudioPacket(long arrivalNanos, long rtpTimestamp, int sequence, long ssrc, int payloadType,
                          byte[] payload) {
    public AudioPacket {
        rtpTimestamp &= 0xFFFFFFFFL;
        sequence &= 0xFFFF;
        ssrc &= 0xFFFFFFFFL;
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** The payload (a copy). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length in bytes, without copying. */
    public int payloadLength() {
        return payload.length;
    }

    /** Decodes the first {@code n} bytes of a G.711 payload into {@code dst} (PCMU or PCMA; the caller checks). */
    void decodeInto(short[] dst, int n) {
        if (payloadType == 0) {
            G711.decodeUlaw(payload, 0, n, dst, 0);
        } else {
            G711.decodeAlaw(payload, 0, n, dst, 0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioPacket p && arrivalNanos == p.arrivalNanos && rtpTimestamp == p.rtpTimestamp
                && sequence == p.sequence && ssrc == p.ssrc && payloadType == p.payloadType
                && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arrivalNanos, rtpTimestamp, sequence, ssrc, payloadType) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "AudioPacket[pt " + payloadType + ", seq " + sequence + ", ts " + rtpTimestamp + ", "
                + payload.length + " bytes]";
    }
}
