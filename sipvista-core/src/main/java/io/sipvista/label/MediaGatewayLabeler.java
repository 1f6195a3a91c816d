package io.sipvista.label;

import java.util.Set;

/**
 * Names the text forms of the media gateway control protocols that often share a capture with SIP: MGCP (RFC 3435,
 * UDP 2427 and 2727) commands and responses, and H.248/Megaco text messages (RFC 3525, port 2944/2945). Binary
 * H.248 is not decoded.
 */
final class MediaGatewayLabeler {
    private static final Set<String> MGCP_VERBS = Set.of("EPCF", "CRCX", "MDCX", "DLCX", "RQNT", "NTFY", "AUEP", "AUCX",
            "RSIP", "MESG");

    private MediaGatewayLabeler() {
    }

    static Label mgcp(byte[] b, int off, int len) {
        String line = WireText.asciiLine(b, off, Math.min(len, 300), 120);
        if (line == null || line.length() < 5) {
            return null;
        }
        String[] f = line.split(" +");
        if (f.length >= 5 && MGCP_VERBS.contains(f[0]) && f[3].equals("MGCP")) {
            return Label.of("mgcp", "MGCP " + f[0] + " " + f[2] + " (transaction " + f[1] + ")");
        }
        if (f.length >= 2 && f[0].length() == 3 && f[0].chars().allMatch(Character::isDigit)
                && f[1].chars().allMatch(Character::isDigit)) {
            StringBuilder sb = new StringBuilder("MGCP response ").append(f[0]);
            for (int i = 2; i < f.length; i++) {
                sb.append(' ').append(f[i]);
            }
            return Label.of("mgcp", sb.append(" (transaction ").append(f[1]).append(')').toString());
        }
        return null;
    }

    static Label megaco(byte[] b, int off, int len) {
        if (!WireText.startsWith(b, off, len, "MEGACO/") && !WireText.startsWith(b, off, len, "!/")) {
            return null;
        }
        String line = WireText.asciiLine(b, off, Math.min(len, 300), 120);
        if (line == null) {
            return null;
        }
        return Label.of("megaco", "H.248/Megaco message: " + line.strip());
    }
}
