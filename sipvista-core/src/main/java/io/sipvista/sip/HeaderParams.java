package io.sipvista.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code ;name=value} header parameters (RFC 3261 §7.3.1): values tokens or quoted strings, flags empty. */
final class HeaderParams {
    private HeaderParams() {
    }

    /**
     * The parameter {@code name} (any case) of {@code params}, a map {@link #parse} made (names lower case); null when
     * absent. A name already in lower case, as callers nearly always write it, is looked up as it is: lower-casing it
     * again on every call was a few per cent of a signalling capture's analysis.
     */
    static String get(Map<String, String> params, String name) {
        return params.get(isLowerAscii(name) ? name : name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code s} has no character that lower-casing may change: ASCII, and no letter A-Z. */
    private static boolean isLowerAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The parameters in {@code s} from index {@code from} (at or before the first {@code ;}), in order, names lower
     * case, quoted values unquoted, flag parameters with an empty value. The first occurrence of a name wins.
     */
    static Map<String, String> parse(String s, int from) {
        Map<String, String> out = new LinkedHashMap<>();
        int p = s.indexOf(';', from);
        while (p >= 0 && p < s.length()) {
            p++;
            int nameStart = p;
            while (p < s.length() && s.charAt(p) != '=' && s.charAt(p) != ';') {
                p++;
            }
            String name = name(s, nameStart, p);
            String value = "";
            if (p < s.length() && s.charAt(p) == '=') {
                p++;
                while (p < s.length() && SipText.isWs(s.charAt(p))) {
                    p++;
                }
                if (p < s.length() && s.charAt(p) == '"') {
                    StringBuilder sb = new StringBuilder();
                    p = quoted(s, p, sb);
                    value = sb.toString();
                    while (p < s.length() && s.charAt(p) != ';') {
                        p++;
                    }
                } else {
                    int vs = p;
                    while (p < s.length() && s.charAt(p) != ';') {
                        p++;
                    }
                    int ve = p;
                    while (ve > vs && SipText.isWs(s.charAt(ve - 1))) {
                        ve--;
                    }
                    value = s.substring(vs, ve);
                }
            }
            if (!name.isEmpty()) {
                out.putIfAbsent(name, value);
            }
            if (p >= s.length()) {
                break;
            }
        }
        if (out.size() <= 1) { // most headers carry no parameter or only a tag: no wrapper around a map
            return out.isEmpty() ? Map.of() : Map.copyOf(out);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The parameters nearly every Via, From, To and Contact carries, shared rather than made per header. */
    private static final List<String> COMMON = List.of("branch", "tag", "rport", "received", "transport", "lr",
            "expires", "q", "user", "maddr", "ttl", "method", "ob", "alias");

    /** {@code s[from..to)} trimmed and in lower case; a common name is the shared string. */
    private static String name(String s, int from, int to) {
        while (from < to && SipText.isWs(s.charAt(from))) {
            from++;
        }
        while (to > from && SipText.isWs(s.charAt(to - 1))) {
            to--;
        }
        int len = to - from;
        for (String c : COMMON) {
            if (c.length() == len && asciiLowerEquals(s, from, c)) {
                return c;
            }
        }
        return s.substring(from, to).toLowerCase(Locale.ROOT);
    }

    /** {@code s} from {@code from} is {@code lower} with ASCII letters in any case (other characters never match). */
    private static boolean asciiLowerEquals(String s, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = s.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the quoted string starting at {@code s[p] == '"'} into {@code out}, unescaped; the index after it. */
    static int quoted(String s, int p, StringBuilder out) {
        p++;
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '\\' && p + 1 < s.length()) {
                out.append(s.charAt(p + 1));
                p += 2;
                continue;
            }
            if (c == '"') {
                return p + 1;
            }
            out.append(c);
            p++;
        }
        return p;
    }
}
