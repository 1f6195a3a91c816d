package io.sipvista.sip;

import java.util.ArrayList;
import java.util.List;

/** Splitting of comma-separated list header values (RFC 3261 §7.3.1), respecting quoted strings and {@code <...>}. */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** The comma-separated elements of one header value, trimmed, empty elements dropped. */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        splitList(value, out);
        return out;
    }

    static void splitList(String value, List<String> out) {
        splitList(value, out, Integer.MAX_VALUE);
    }

    /** Adds the elements of {@code value} to {@code out} until {@code out} holds {@code max}. */
    static void splitList(String value, List<String> out, int max) {
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                add(value, start, i, out);
                if (out.size() >= max) {
                    return;
                }
                start = i + 1;
            }
        }
        add(value, start, value.length(), out);
    }

    private static void add(String value, int from, int to, List<String> out) {
        String t = SipText.trim(value.substring(from, Math.min(to, value.length())));
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
