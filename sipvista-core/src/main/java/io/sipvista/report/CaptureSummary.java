package io.sipvista.report;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.InterfaceInfo;

import java.util.List;
import java.util.Map;

/**
 * What is known of a capture after its last frame.
 *
 * @param frames      number of frames
 * @param sipMessages SIP messages decoded (on the wire; quoted ones are not counted)
 * @param quotedSipMessages SIP messages only quoted, inside ICMP errors
 * @param firstTime   time of the first frame (ISO-8601) or null for an empty capture
 * @param lastTime    time of the last frame or null
 * @param protocols   frames per protocol, sorted by protocol name
 * @param interfaces  every interface the file declared
 * @param warnings    capture-level problems (truncated file, incomplete TCP messages at the end, ...)
 */
public record CaptureSummary(long frames, long sipMessages, long quotedSipMessages, String firstTime, String lastTime, Map<String, Long> protocols,
                             List<InterfaceInfo> interfaces, List<Anomaly> warnings) {
    public CaptureSummary {
        protocols = Map.copyOf(protocols);
        interfaces = List.copyOf(interfaces);
        warnings = List.copyOf(warnings);
    }
}
