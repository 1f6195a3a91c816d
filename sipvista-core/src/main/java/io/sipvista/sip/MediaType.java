package io.sipvista.sip;

import java.util.Locale;

/**
 * A Content-Type value read leniently: the media type in lower case, and its parameters on request
 * ({@code boundary}, {@code charset}). Parameter values may be tokens or quoted strings.
 */
record MediaType(String type, String value) {
    /** Reads {@code value}; null when it names no type. */
    static MediaType parse(String value) {
        if (value == null) {
            return null;
        }
        int semi = value.indexOf(';');
        String type = SipText.trim(semi < 0 ? value : value.substring(0, semi)).toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            return null;
        }
        return new MediaType(TYPES.shared(type), value);
    }

    /**
     * The types of the bodies SIP carries most, as shared strings: every held message with a body keeps its type.
     */
    private static final SharedWords TYPES = SharedWords.of("application/sdp", "multipart/mixed",
            "application/dtmf-relay", "application/pidf+xml", "application/simple-message-summary", "message/sipfrag",
            "text/plain");

    boolean isMultipart() {
        return type.startsWith("multipart/");
    }

    /** The value of the named parameter (case-insensitive name), unquoted; null when absent. */
    String param(String name) {
        String v = value;
        int i = v.indexOf(';');
        while (i >= 0 && i < v.length()) {
            int p = i + 1;
            while (p < v.length() && SipText.isWs(v.charAt(p))) {
                p++;
            }
            int nameStart = p;
            while (p < v.length() && v.charAt(p) != '=' && v.charAt(p) != ';') {
                p++;
            }
            String pname = SipText.trim(v.substring(nameStart, p));
            String pvalue = "";
            if (p < v.length() && v.charAt(p) == '=') {
                p++;
                while (p < v.length() && SipText.isWs(v.charAt(p))) {
                    p++;
                }
                if (p < v.length() && v.charAt(p) == '"') {
                    StringBuilder sb = new StringBuilder();
                    p++;
                    while (p < v.length() && v.charAt(p) != '"') {
                        char c = v.charAt(p);
                        if (c == '\\' && p + 1 < v.length()) {
                            p++;
                            c = v.charAt(p);
                        }
                        sb.append(c);
                        p++;
                    }
                    p++; // closing quote
                    pvalue = sb.toString();
                    while (p < v.length() && v.charAt(p) != ';') {
                        p++;
                    }
                } else {
                    int vs = p;
                    while (p < v.length() && v.charAt(p) != ';') {
                        p++;
                    }
                    pvalue = SipText.trim(v.substring(vs, p));
                }
            }
            if (pname.equalsIgnoreCase(name)) {
                return pvalue;
            }
            i = p < v.length() ? p : -1;
        }
        return null;
    }
}
