package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import java.util.Arrays;
import java.util.List;

/**
 * One WebSocket message (RFC 6455 §5.4) cut out of a TCP byte stream by {@link WebSocketDeframer}: a data message
 * joined from its fragments, or a control frame. SIP over WebSocket (RFC 7118) sends one SIP message per text
 * (sometimes binary) message.
 *
 * @param opcode     {@link #TEXT}, {@link #BINARY}, {@link #CLOSE}, {@link #PING} or {@link #PONG}
 * @param payload    the payload, unmasked, and inflated when it was compressed (a copy owned by this record)
 * @param firstTag   tag of the segment that held the first byte of the message's first frame
 * @param lastTag    tag of the segment that held its last byte
 * @param compressed the message was sent compressed (permessage-deflate, RFC 7692)
 * @param anomalies  what the deframer noticed about this message, and about frames skipped or messages dropped
 *                   since the previous message, in stream order
 */
public record WebSocketMessage(int opcode, byte[] payload, long firstTag, long lastTag, boolean compressed,
                               List<Anomaly> anomalies) {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xa;

    public WebSocketMessage {
        anomalies = List.copyOf(anomalies);
    }

    /** Text or binary: a message that may carry SIP. */
    public boolean isData() {
        return opcode == TEXT || opcode == BINARY;
    }

    /** Close, ping or pong. */
    public boolean isControl() {
        return opcode >= CLOSE;
    }

    /** The status code of a close frame (RFC 6455 §7.4), or -1 when there is none. */
    public int closeCode() {
        if (opcode != CLOSE || payload.length < 2) {
            return -1;
        }
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    /** "text", "binary", "close", "ping", "pong", or "opcode N". */
    public String opcodeName() {
        return name(opcode);
    }

    /** Name of a WebSocket opcode. */
    public static String name(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "opcode " + opcode;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebSocketMessage m && opcode == m.opcode && firstTag == m.firstTag
                && lastTag == m.lastTag && compressed == m.compressed && Arrays.equals(payload, m.payload)
                && anomalies.equals(m.anomalies);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(payload) * 31 + opcode) * 31 + anomalies.hashCode();
    }

    @Override
    public String toString() {
        return "WebSocketMessage[" + opcodeName() + ", " + payload.length + " bytes, tags " + firstTag + ".." + lastTag
                + (compressed ? ", compressed" : "") + ", " + anomalies + "]";
    }
}
