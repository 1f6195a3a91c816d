package io.sipvista.sip.sdp;

/**
 * Syntax checks for the addresses in {@code o=} and {@code c=}: IPv4 and IPv6 literals and host names. Purely
 * textual: nothing is ever looked up.
 */
final class Addresses {
    private Addresses() {
    }

    /**
     * Dotted-quad IPv4: four decimal parts of one to three ASCII digits, each at most 255. Read in one pass over the
     * characters (every o= and c= address comes here, and splitting it made an array and four strings each time).
     */
    static boolean isIp4(String s) {
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.'; // the end closes the last part as a dot would
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) {
                    return false;
                }
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && ++digits <= 3) {
                value = value * 10 + (c - '0');
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** An IPv6 literal (RFC 4291 text form, optionally ending in a dotted quad); no zone, no brackets. */
    static boolean isIp6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return false;
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int groups = 0;
        String[] sides = dc >= 0 ? new String[] {head, tail} : new String[] {head};
        for (int side = 0; side < sides.length; side++) {
            String part = sides[side];
            if (part.isEmpty()) {
                continue;
            }
            String[] g = part.split(":", -1);
            for (int i = 0; i < g.length; i++) {
                boolean last = side == sides.length - 1 && i == g.length - 1;
                if (last && g[i].indexOf('.') >= 0) {
                    if (!isIp4(g[i])) {
                        return false;
                    }
                    groups += 2;
                } else if (hexGroup(g[i])) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return dc >= 0 ? groups <= 7 : groups == 8;
    }

    private static boolean hexGroup(String g) {
        if (g.isEmpty() || g.length() > 4) {
            return false;
        }
        for (int i = 0; i < g.length(); i++) {
            if (Character.digit(g.charAt(i), 16) < 0 || g.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * A host name: dot-separated labels of ASCII letters, digits and hyphens (underscore tolerated), with at
     * least one letter somewhere so that a broken dotted quad is not taken for a name.
     */
    static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        boolean letter = false;
        int labelLength = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return false;
                }
                labelLength = 0;
                continue;
            }
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alpha && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
            letter |= alpha;
            labelLength++;
        }
        return letter;
    }
}
