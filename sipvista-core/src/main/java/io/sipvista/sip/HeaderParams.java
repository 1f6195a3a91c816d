package io.sipvista.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads {@code ;name=value} header parameters (RFC 3261 §7.3.1): values tokens or quoted strings, flags empty. */
final class HeaderParams {
    private HeaderParams() {
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
            String name = SipText.trim(s.substring(nameStart, p)).toLowerCase(Locale.ROOT);
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
                    value = SipText.trim(s.substring(vs, p));
                }
            }
            if (!name.isEmpty()) {
                out.putIfAbsent(name, value);
            }
            if (p >= s.length()) {
                break;
            }
        }
        return Collections.unmodifiableMap(out);
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
