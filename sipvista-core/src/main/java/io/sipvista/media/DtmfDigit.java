package io.sipvista.media;

/**
 * One telephone event as a listener would count it: a key press (or a flash, fax or modem tone) made of every RTP
 * packet that reported it, retransmissions and end packets included. Produced by {@link TelephoneEvents}.
 *
 * @param event        the event code and its name
 * @param startFrame   frame number of the first packet seen for the event
 * @param endFrame     frame number of the first packet with the end bit, or of the last packet seen when no end
 *                     packet arrived
 * @param startNanos   capture time of the first packet seen, in nanoseconds (the caller's clock)
 * @param rtpTimestamp RTP timestamp of the event's start (of its first segment, for a long event)
 * @param durationMs   the longest duration reported, converted with the stream's clock rate and rounded to the
 *                     nearest millisecond; long events carried in several segments are added up
 * @param volumeDbm0   power level of the last report, 0 to -63 dBm0
 * @param endSeen      true when a packet with the end bit (E) arrived; false when the event was closed by the next
 *                     event or the end of the stream
 * @param startSeen    true when the event's first packet (marker bit set) arrived
 */
public record DtmfDigit(TelephoneEvent event, long startFrame, long endFrame, long startNanos, long rtpTimestamp,
                        long durationMs, int volumeDbm0, boolean endSeen, boolean startSeen) {
    /** The digit character, or {@code '?'} for a non-DTMF event (see {@link TelephoneEvent#digit()}). */
    public char digit() {
        return event.digit();
    }
}
