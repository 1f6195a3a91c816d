package io.sipvista.media;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link WavWriter} did with the packets of one direction.
 *
 * @param packets              packets given
 * @param decoded              PCMU and PCMA packets placed on the timeline and decoded
 * @param skipped              packets of other payload types, written as silence
 * @param duplicates           packets dropped because their sequence number had already been placed
 * @param late                 packets dropped because they arrived after their place had been written
 * @param pastLimit            packets dropped, wholly or partly, because they fell past the longest duration
 * @param ssrcChanges          times the SSRC changed (each time the new stream is placed by its arrival time)
 * @param timestampJumps       times the RTP timestamp moved too far from the arrival time and the stream was placed
 *                             again by arrival time
 * @param skippedByPayloadType skipped packets per payload type, by type number
 */
public record TrackReport(long packets, long decoded, long skipped, long duplicates, long late, long pastLimit,
                          int ssrcChanges, int timestampJumps, Map<Integer, Long> skippedByPayloadType) {
    public TrackReport {
        skippedByPayloadType = Collections.unmodifiableMap(new TreeMap<>(skippedByPayloadType));
    }
}
