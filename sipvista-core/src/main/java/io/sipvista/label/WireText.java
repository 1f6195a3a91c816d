package io.sipvista.label;

import java.nio.charset.StandardCharsets;

/**
 * Turns captured bytes into text that is safe to show on one line: control characters become {@code \xNN},
 * long text is cut with an ellipsis. Callers check bounds first.
 */
final class WireText {
    private WireText() {
    }

    /** Up to {@code max} characters of the bytes, read as UTF-8 (bad sequences become U+FFFD), made printable. */
    static String printable(byte[] b, int off, int len, int max) {
        // No character takes more than 4 bytes: decoding more than that would only be thrown away.
        int n = Math.max(0, Math.min(len, 4 * max + 4));
        String s = new String(b, off, n, StandardCharsets.UTF_8);
        return printable(s, max);
    }

    /** The string with control characters escaped and cut to {@code max} characters (plus "…"). */
    static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 4);
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            if (count >= max) {
                sb.append('…');
                break;
            }
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT) {
                appendEscape(sb, c);
            } else {
                sb.append(c);
            }
            count++;
        }
        return sb.toString();
    }

    /** Backslash, x and two hex digits for a character up to U+00FF; backslash, u and four hex digits above. */
    private static void appendEscape(StringBuilder sb, char c) {
        int digits = c <= 0xff ? 2 : 4;
        sb.append(digits == 2 ? "\\x" : "\\u");
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            sb.append(Character.forDigit((c >> shift) & 0xf, 16));
        }
    }

    /** The first line of printable ASCII text at {@code off} (up to CR or LF), or null if the bytes are not text. */
    static String asciiLine(byte[] b, int off, int len, int max) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] != '\r' && b[i] != '\n') {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' || c >= 0x7f) {
                return null;
            }
            i++;
        }
        return printable(new String(b, off, i - off, StandardCharsets.US_ASCII), max);
    }

    /**
     * True when the first bytes (up to 64) hold no control character other than tab, CR and LF (and ESC when
     * {@code allowEscape}, as terminal colour codes in logs): text, not binary data or ciphertext.
     */
    static boolean looksLikeText(byte[] b, int off, int len, boolean allowEscape) {
        for (int i = off; i < off + Math.min(len, 64); i++) {
            int c = b[i] & 0xff;
            boolean allowed = c == '\t' || c == '\r' || c == '\n' || (allowEscape && c == 0x1b);
            if ((c < 0x20 && !allowed) || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** True when every byte in the range is ASCII and equals {@code prefix} (ASCII) at the start. */
    static boolean startsWith(byte[] b, int off, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[off + i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String hex32(long v) {
        String h = Long.toHexString(v & 0xffffffffL);
        return "0x" + "00000000".substring(h.length()) + h;
    }

    static String hex16(int v) {
        String h = Integer.toHexString(v & 0xffff);
        return "0x" + "0000".substring(h.length()) + h;
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
