package io.sipvista.sip;

/** Character-level rules of the SIP grammar used when reading header text (RFC 3261 §25.1). */
final class SipText {
    private static final int SNIPPET = 60;

    private SipText() {
    }

    /** token characters: alphanumerics and {@code -.!%*_+`'~}. */
    static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' || c == '`'
                || c == '\'' || c == '~';
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWs(char c) {
        return c == ' ' || c == '\t';
    }

    /** The string without leading and trailing SP/HTAB. */
    static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isWs(s.charAt(from))) {
            from++;
        }
        while (to > from && isWs(s.charAt(to - 1))) {
            to--;
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }

    /** Appends a folded continuation line: trimmed, separated by one space (RFC 3261 §7.3.1). */
    static void appendFolded(StringBuilder value, String continuation) {
        String t = trim(continuation);
        if (t.isEmpty()) {
            return;
        }
        if (value.length() > 0) {
            value.append(' ');
        }
        value.append(t);
    }

    /** A short, printable excerpt for anomaly details. */
    static String snippet(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), SNIPPET) + 3);
        int n = Math.min(s.length(), SNIPPET);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '.' : c);
        }
        if (s.length() > SNIPPET) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** ASCII upper case of a byte. */
    static int upper(byte c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }
}
