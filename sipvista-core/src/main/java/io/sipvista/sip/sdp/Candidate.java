package io.sipvista.sip.sdp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ICE {@code a=candidate:} attribute (RFC 8839, formerly RFC 5245): one transport address an endpoint can be
 * reached at.
 *
 * @param foundation     the foundation, as written
 * @param component      the component id: 1 for RTP, 2 for RTCP
 * @param transport      the transport as written ({@code UDP}, {@code udp}, {@code TCP} ...)
 * @param priority       the priority, 1 to 2^31-1 in practice (kept as long)
 * @param address        the address as written; may be an mDNS name such as {@code 1f4c...-.local}
 * @param port           the port
 * @param type           the candidate type: {@code host}, {@code srflx}, {@code prflx}, {@code relay} or an extension
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort    {@code rport}, or null
 * @param extensions     the other name/value pairs in order ({@code generation}, {@code tcptype}, {@code network-id} ...)
 */
public record Candidate(String foundation, int component, String transport, long priority, String address, int port,
                        String type, String relatedAddress, Integer relatedPort, Map<String, String> extensions) {
    public Candidate {
        extensions = FrozenMaps.copy(extensions);
    }

    /** Parses the text after {@code candidate:}; null when it is not valid. */
    static Candidate parse(String value) {
        String[] f = Tokens.split(value);
        if (f.length < 8 || (f.length - 8) % 2 != 0 || !"typ".equalsIgnoreCase(f[6])) {
            return null;
        }
        int component = Tokens.number(f[1], 256);
        long priority = Tokens.longNumber(f[3], 0xFFFF_FFFFL);
        int port = Tokens.number(f[5], 65535);
        if (!foundation(f[0]) || component < 1 || !Tokens.isToken(f[2]) || priority < 0 || port < 0
                || !Tokens.isToken(f[7])) {
            return null;
        }
        String relatedAddress = null;
        Integer relatedPort = null;
        Map<String, String> ext = new LinkedHashMap<>();
        for (int i = 8; i < f.length; i += 2) {
            String name = f[i];
            String v = f[i + 1];
            if (name.equalsIgnoreCase("raddr") && relatedAddress == null) {
                relatedAddress = v;
            } else if (name.equalsIgnoreCase("rport") && relatedPort == null) {
                int rp = Tokens.number(v, 65535);
                if (rp < 0) {
                    return null;
                }
                relatedPort = rp;
            } else {
                ext.putIfAbsent(name, v);
            }
        }
        return new Candidate(f[0], component, f[2], priority, f[4], port, f[7], relatedAddress, relatedPort, ext);
    }

    /** RFC 8839 foundation: 1 to 32 ice-chars (ALPHA / DIGIT / "+" / "/"). */
    private static boolean foundation(String s) {
        if (s.isEmpty() || s.length() > 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }
}
