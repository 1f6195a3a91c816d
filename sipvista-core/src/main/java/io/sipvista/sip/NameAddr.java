package io.sipvista.sip;

import java.util.Map;
import java.util.Objects;

/**
 * One From, To, Contact, Route, Record-Route, Refer-To or P-Asserted-Identity value (RFC 3261 §20.10):
 * {@code "Alice" <sip:alice@atlanta.example.com>;tag=1928301774}. Read leniently: whatever is there is kept.
 *
 * @param displayName the display name, unquoted and unescaped; null when there is none
 * @param uri         the URI, without the angle brackets; for a bare URI without brackets, everything before the
 *                    first {@code ;} (RFC 3261 §20: parameters then belong to the header, not the URI)
 * @param params      header parameters in order, names lower case, flags with an empty value
 */
public record NameAddr(String displayName, String uri, Map<String, String> params) {
    public NameAddr {
        Objects.requireNonNull(uri, "uri");
        params = Map.copyOf(params);
    }

    /** Reads one name-addr or addr-spec value (one element of a list header, see {@link SipMessage#values}). */
    public static NameAddr parse(String value) {
        String v = SipText.trim(value);
        int p = 0;
        String display = null;
        if (v.startsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            p = HeaderParams.quoted(v, 0, sb);
            display = sb.toString();
        }
        int lt = v.indexOf('<', p);
        if (lt >= 0) {
            if (display == null) {
                String d = SipText.trim(v.substring(0, lt));
                display = d.isEmpty() ? null : d;
            }
            int gt = v.indexOf('>', lt + 1);
            String uri = SipText.trim(v.substring(lt + 1, gt < 0 ? v.length() : gt));
            return new NameAddr(display, uri, gt < 0 ? Map.of() : HeaderParams.parse(v, gt + 1));
        }
        int semi = v.indexOf(';', p);
        String uri = SipText.trim(v.substring(p, semi < 0 ? v.length() : semi));
        return new NameAddr(display, uri, semi < 0 ? Map.of() : HeaderParams.parse(v, semi));
    }

    /** The {@code tag} parameter (dialog identification, RFC 3261 §19.3); null when absent. */
    public String tag() {
        return params.get("tag");
    }

    /** A header parameter by name (any case); null when absent, empty for a flag. */
    public String param(String name) {
        return HeaderParams.get(params, name);
    }
}
