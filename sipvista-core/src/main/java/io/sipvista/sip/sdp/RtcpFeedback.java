package io.sipvista.sip.sdp;

/**
 * RFC 4585 {@code a=rtcp-fb:<pt|*> <type> [<parameters>]}: an RTCP feedback message the endpoint understands.
 *
 * @param payloadType the payload type as written, or {@code *} for all
 * @param type        the feedback type ({@code nack}, {@code ack}, {@code ccm}, {@code trr-int}, {@code goog-remb} ...)
 * @param parameters  the rest of the value as written ({@code pli}, {@code fir}, ...), or empty
 */
public record RtcpFeedback(String payloadType, String type, String parameters) {
    /** Parses the text after {@code rtcp-fb:}; null when it is not valid. */
    static RtcpFeedback parse(String value) {
        String[] f = Tokens.split(value, 3);
        if (f.length < 2 || !("*".equals(f[0]) || Tokens.number(f[0], 127) >= 0)) {
            return null;
        }
        return new RtcpFeedback(f[0], f[1], f.length == 3 ? f[2] : "");
    }
}
