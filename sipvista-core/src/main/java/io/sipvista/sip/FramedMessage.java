package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;

import java.util.Arrays;
import java.util.List;

/**
 * One SIP message cut out of a TCP byte stream by {@link SipStreamFramer}.
 *
 * @param bytes     the message, start line to end of body (a copy owned by this record)
 * @param firstTag  tag of the segment that held the message's first byte
 * @param lastTag   tag of the segment that held its last byte
 * @param anomalies what the framer noticed: about this message (missing or bad Content-Length), and about bytes
 *                  skipped or dropped since the previous message (garbage, oversized messages), in stream order
 */
public record FramedMessage(byte[] bytes, long firstTag, long lastTag, List<Anomaly> anomalies) {
    public FramedMessage {
        anomalies = List.copyOf(anomalies);
    }

    /** Parses the message. */
    public SipMessage parse() {
        return SipParser.parse(bytes, 0, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FramedMessage m && firstTag == m.firstTag && lastTag == m.lastTag
                && Arrays.equals(bytes, m.bytes) && anomalies.equals(m.anomalies);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + anomalies.hashCode();
    }

    @Override
    public String toString() {
        return "FramedMessage[" + bytes.length + " bytes, tags " + firstTag + ".." + lastTag + ", " + anomalies + "]";
    }
}
