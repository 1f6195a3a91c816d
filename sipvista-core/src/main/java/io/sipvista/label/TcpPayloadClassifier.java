package io.sipvista.label;

import java.util.Objects;

/**
 * Names the payload of a TCP segment that is not SIP. A segment is named by what starts in it: a TLS record (on port
 * 5061, where SIP over TLS lives, every segment is named as encrypted SIP), an HTTP start line, a WebSocket frame (SIP
 * over WebSocket shows its first line), H.248/Megaco text, a DNS message with its length prefix on port 53, a STUN
 * message. Plain text on port 5061 is not claimed as TLS. Returns null when nothing is recognised; never throws on
 * payload bytes.
 */
public final class TcpPayloadClassifier {
    private TcpPayloadClassifier() {
    }

    /** The label of {@code b[off..off+len)} sent from {@code srcPort} to {@code dstPort}, or null. */
    public static Label classify(byte[] b, int off, int len, int srcPort, int dstPort) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return null;
        }
        Label tls = TlsLabeler.tls(b, off, len);
        if ((srcPort == 5061 || dstPort == 5061) && (tls != null || !WireText.looksLikeText(b, off, len, false))) {
            String what = tls != null ? tls.text() : "TLS record data, " + len
                    + " bytes, continued from an earlier segment";
            return Label.of("tls", "SIP over TLS: encrypted, not decodable — " + what);
        }
        if (tls != null) {
            return tls;
        }
        Label l = HttpLabeler.label(b, off, len);
        if (l == null) {
            l = WebSocketLabeler.label(b, off, len);
        }
        if (l == null && (srcPort == 2944 || dstPort == 2944 || srcPort == 2945 || dstPort == 2945)) {
            l = MediaGatewayLabeler.megaco(b, off, len);
        }
        if (l == null && (srcPort == 53 || dstPort == 53)) {
            l = DnsLabeler.tcp(b, off, len);
        }
        if (l == null && StunLabeler.looksLikeStun(b, off, len)) {
            l = StunLabeler.label(b, off, len, false);
        }
        return l;
    }
}
