package io.sipvista.label;

import java.util.Set;

/**
 * Names HTTP/1.x request and response heads on TCP (provisioning servers, SIP over WebSocket upgrades of RFC 7118),
 * and the HTTP/2 connection preface. Only a segment that starts with a start line is named.
 */
final class HttpLabeler {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
            "CONNECT", "TRACE");

    private HttpLabeler() {
    }

    static Label label(byte[] b, int off, int len) {
        if (len < 8 || !Character.isLetter(b[off])) {
            return null;
        }
        if (WireText.startsWith(b, off, len, "PRI * HTTP/2.0")) {
            return Label.of("http", "HTTP/2 connection preface");
        }
        TextHead head = TextHead.parse(b, off, len);
        if (head == null) {
            return null;
        }
        String[] f = head.startLine().split(" ", 3);
        if (f.length >= 2 && f[0].startsWith("HTTP/1.") && f[0].length() == 8 && f[1].length() == 3
                && f[1].chars().allMatch(Character::isDigit)) {
            StringBuilder sb = new StringBuilder("HTTP response ").append(f[1]);
            if (f.length == 3 && !f[2].isEmpty()) {
                sb.append(' ').append(WireText.printable(f[2], 60));
            }
            appendBodyAndUpgrade(sb, head);
            return Label.of("http", sb.toString());
        }
        if (f.length == 3 && METHODS.contains(f[0]) && f[2].startsWith("HTTP/1.") && f[2].length() == 8) {
            StringBuilder sb = new StringBuilder("HTTP ").append(f[0]).append(' ')
                    .append(WireText.printable(f[1], 100));
            String host = head.header("Host");
            if (host != null) {
                sb.append(" (host ").append(WireText.printable(host, 60)).append(')');
            }
            appendBodyAndUpgrade(sb, head);
            return Label.of("http", sb.toString());
        }
        return null;
    }

    private static void appendBodyAndUpgrade(StringBuilder sb, TextHead head) {
        String type = head.header("Content-Type");
        String length = head.header("Content-Length");
        if (type != null || length != null) {
            sb.append(", ");
            if (type != null) {
                sb.append(WireText.printable(type, 40));
            }
            if (length != null) {
                sb.append(type != null ? ", " : "").append(WireText.printable(length, 12)).append(" bytes");
            }
        }
        if (head.headerContains("Upgrade", "websocket")) {
            sb.append(", WebSocket upgrade");
            String proto = head.header("Sec-WebSocket-Protocol");
            if (proto != null) {
                sb.append(", subprotocol ").append(WireText.printable(proto, 30));
            }
        }
    }
}
