package io.sipvista.label;

import io.sipvista.bytes.Octets;

/**
 * Names WebSocket frames (RFC 6455) at the start of a TCP segment, as SIP over WebSocket (RFC 7118) travels: opcode,
 * length, masking, and for text frames the first line (unmasked), so a SIP message inside is visible. Without the
 * HTTP upgrade at hand this is a heuristic: only final frames without extension bits are taken; a control frame or
 * binary frame must fill the segment exactly; a text frame must begin with printable text.
 */
final class WebSocketLabeler {
    private WebSocketLabeler() {
    }

    static Label label(byte[] b, int off, int len) {
        if (len < 2) {
            return null;
        }
        int b0 = Octets.u8(b, off);
        int b1 = Octets.u8(b, off + 1);
        int opcode = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        // FIN set, no extension bits (compressed frames could not be read anyway), a known opcode; continuation
        // frames cannot be told from other binary data and are not claimed.
        if (!fin || (b0 & 0x70) != 0 || opcode == 0 || (opcode > 2 && opcode < 8) || opcode > 10) {
            return null;
        }
        boolean masked = (b1 & 0x80) != 0;
        long plen = b1 & 0x7f;
        int hdr = 2;
        if (plen == 126) {
            if (len < 4) {
                return null;
            }
            plen = Octets.u16be(b, off + 2);
            hdr = 4;
            if (plen < 126) {
                return null;
            }
        } else if (plen == 127) {
            if (len < 10 || Octets.u32be(b, off + 2) != 0) {
                return null;
            }
            plen = Octets.u32be(b, off + 6);
            hdr = 10;
            if (plen < 65536) {
                return null;
            }
        }
        int maskAt = off + hdr;
        if (masked) {
            hdr += 4;
        }
        if (hdr > len) {
            return null;
        }
        int data = off + hdr;
        int have = (int) Math.min(plen, len - hdr);
        boolean exact = hdr + plen == len;
        boolean control = opcode >= 8;
        if (control && (!fin || plen > 125 || !exact)) {
            return null;
        }
        String mask = masked ? ", masked" : "";
        if (control) {
            if (opcode == 8) {
                String reason = have >= 2 ? " " + closeCode(Octets.u8(b, data) ^ maskByte(b, maskAt, masked, 0),
                        Octets.u8(b, data + 1) ^ maskByte(b, maskAt, masked, 1)) : "";
                return Label.of("websocket", "WebSocket close" + reason);
            }
            return Label.of("websocket", "WebSocket " + (opcode == 9 ? "ping" : "pong") + ", " + plen + " bytes"
                    + mask);
        }
        if (plen == 0) {
            return null;
        }
        boolean more = hdr + plen < len;
        if (more && !startsFrame(b, (int) (off + hdr + plen), (int) (len - hdr - plen))) {
            return null;
        }
        String kind = opcode == 1 ? "text frame" : "binary frame";
        String line = null;
        if (opcode == 1) {
            line = firstLine(b, data, have, maskAt, masked);
            if (line == null) {
                return null;
            }
        } else if (!exact && !more) {
            return null;
        }
        StringBuilder sb = new StringBuilder("WebSocket ").append(kind).append(", ").append(plen).append(" bytes")
                .append(mask);
        if (line != null && !line.isEmpty()) {
            sb.append(line.contains("SIP/2.0") ? ": SIP \"" : ": \"").append(line).append('"');
        }
        if (hdr + plen > len) {
            sb.append(" (continues in a later segment)");
        } else if (more) {
            sb.append(" (+more frames)");
        }
        return Label.of("websocket", sb.toString());
    }

    /** True when the bytes begin with the first byte of a final, unextended frame of a known opcode. */
    private static boolean startsFrame(byte[] b, int p, int n) {
        if (n < 2) {
            return false;
        }
        int b0 = Octets.u8(b, p);
        int op = b0 & 0x0f;
        return (b0 & 0xf0) == 0x80 && (op == 1 || op == 2 || (op >= 8 && op <= 10));
    }

    private static int maskByte(byte[] b, int maskAt, boolean masked, int i) {
        return masked ? Octets.u8(b, maskAt + (i & 3)) : 0;
    }

    /** The first line of the (unmasked) payload if its first bytes are text; null when they are not. */
    private static String firstLine(byte[] b, int data, int have, int maskAt, boolean masked) {
        int n = Math.min(have, 200);
        byte[] clear = new byte[n];
        for (int i = 0; i < n; i++) {
            clear[i] = (byte) (b[data + i] ^ maskByte(b, maskAt, masked, i));
        }
        if (!WireText.looksLikeText(clear, 0, n, false)) {
            return null;
        }
        int eol = 0;
        while (eol < n && clear[eol] != '\r' && clear[eol] != '\n') {
            eol++;
        }
        return WireText.printable(clear, 0, eol, 100);
    }

    private static String closeCode(int hi, int lo) {
        int code = (hi << 8) | lo;
        return code + switch (code) {
            case 1000 -> " (normal closure)";
            case 1001 -> " (going away)";
            case 1002 -> " (protocol error)";
            case 1003 -> " (unsupported data)";
            case 1007 -> " (invalid payload data)";
            case 1008 -> " (policy violation)";
            case 1009 -> " (message too big)";
            case 1011 -> " (internal server error)";
            default -> "";
        };
    }
}
