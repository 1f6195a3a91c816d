package io.sipvista.sip.sdp;

import io.sipvista.anomaly.Anomaly;

import java.util.List;
import java.util.Map;

/**
 * One session description as {@link SdpParser} read it: every line exactly as written, the session-level fields,
 * the media sections, and the anomalies found on the way.
 *
 * <p>Values are kept as written (only trailing CR and white space are trimmed). Nothing is dropped: a line the
 * parser does not understand is still in {@link #lines()}, with a named anomaly.
 *
 * <p>Key material ({@code a=crypto}, {@code k=}, {@code a=key-mgmt}) and ICE passwords are kept in the values but
 * never in {@link #toString()}; use {@link Line#redactedValue()} for anything printed.
 *
 * @param lines       every line in order, including unknown and malformed ones
 * @param origin      the {@code o=} line, or null when absent or without its six fields
 * @param sessionName the {@code s=} value, or null when absent
 * @param connection  the session-level {@code c=}, or null when absent or malformed
 * @param bandwidths  session-level {@code b=<type>:<kbps>} (RFC 8866 CT/AS, RFC 3556 RS/RR, RFC 3890 TIAS) in order
 * @param attributes  session-level {@code a=} values (everything after {@code a=}) in order
 * @param direction   session-level {@code sendrecv|sendonly|recvonly|inactive}, or null
 * @param media       the media sections, one per {@code m=} line, in order
 * @param anomalies   what is wrong or unusual, in the order found
 */
public record Sdp(List<Line> lines, Origin origin, String sessionName, Connection connection,
                  Map<String, Long> bandwidths, List<String> attributes, String direction, List<SdpMedia> media,
                  List<Anomaly> anomalies) {

    /**
     * One line of the description.
     *
     * @param number 1-based line number within the description
     * @param type   the type letter ({@code v}, {@code o}, {@code a} ...), or {@link #NO_TYPE} for a line that is
     *               not {@code <letter>=...}
     * @param value  the text after {@code x=}; for a {@link #NO_TYPE} line, the whole line
     */
    public record Line(int number, char type, String value) {
        /** The type of a line that does not start with a letter and {@code =}. */
        public static final char NO_TYPE = '?';

        public Line {
            value = value == null ? "" : value;
        }

        // equals and hashCode written out: the record's generated ones go through method handles, which the quick
        // compiler runs slowly (SDP lines, transaction and dialog keys are compared for every message). The hash is the
        // generated one's: 31 * h + each component's hash, in order.
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Line l && number == l.number && type == l.type && value.equals(l.value);
        }

        @Override
        public int hashCode() {
            return (Integer.hashCode(number) * 31 + Character.hashCode(type)) * 31 + value.hashCode();
        }

        /** True unless this is a malformed line without {@code x=}. */
        public boolean typed() {
            return type != NO_TYPE;
        }

        /** The value with SRTP keys, {@code k=} keys and ICE passwords replaced by {@link Crypto#MASK}. */
        public String redactedValue() {
            return switch (type) {
                case 'a' -> Attributes.redacted(value);
                case 'k' -> Attributes.redactedKey(value);
                default -> value;
            };
        }

        /** The line as it would be written, {@code x=value}, with key material redacted. */
        @Override
        public String toString() {
            return typed() ? type + "=" + redactedValue() : redactedValue();
        }
    }

    public Sdp {
        lines = List.copyOf(lines);
        bandwidths = FrozenMaps.copy(bandwidths);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
        anomalies = List.copyOf(anomalies);
    }

    /**
     * The value of the first session-level attribute with this name (case-insensitive): the text after the colon,
     * "" for a flag attribute such as {@code ice-lite}, null when there is none.
     */
    public String attribute(String name) {
        return Attributes.find(attributes, name);
    }

    /** True when a session-level attribute of this name is present. */
    public boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    /** The description as text, one {@code x=value} per line, with key material redacted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(l).append("\r\n");
        }
        return sb.toString();
    }
}
