package io.sipvista.sip;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The table of SIP header names: compact forms (RFC 3261 §7.3.3 and the extensions that define one) and the
 * canonical spelling of well-known names. Header names are case-insensitive on the wire; sipvista shows and
 * compares them through {@link #canonical(String)}.
 */
public final class HeaderNames {
    /** Compact form (lower case) to full name. */
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("a", "Accept-Contact"),      // RFC 3841
            Map.entry("b", "Referred-By"),         // RFC 3892
            Map.entry("c", "Content-Type"),
            Map.entry("d", "Request-Disposition"), // RFC 3841
            Map.entry("e", "Content-Encoding"),
            Map.entry("f", "From"),
            Map.entry("i", "Call-ID"),
            Map.entry("j", "Reject-Contact"),      // RFC 3841
            Map.entry("k", "Supported"),
            Map.entry("l", "Content-Length"),
            Map.entry("m", "Contact"),
            Map.entry("n", "Identity-Info"),       // RFC 4474
            Map.entry("o", "Event"),               // RFC 6665
            Map.entry("r", "Refer-To"),            // RFC 3515
            Map.entry("s", "Subject"),
            Map.entry("t", "To"),
            Map.entry("u", "Allow-Events"),        // RFC 6665
            Map.entry("v", "Via"),
            Map.entry("x", "Session-Expires"),     // RFC 4028
            Map.entry("y", "Identity"));           // RFC 8224

    /** Lower-case full name to canonical spelling. */
    private static final Map<String, String> CANONICAL = canonicalTable();
    /** The canonical spellings themselves: a name already spelled so is its own canonical form. */
    private static final java.util.Set<String> SPELLED = java.util.Set.copyOf(CANONICAL.values());
    /**
     * The canonical spellings by a hash of their bytes ({@link #BUCKETS} buckets, open addressing), for reading a
     * header name off the wire without making a new string when it is spelled canonically. Never written after
     * class initialisation.
     */
    private static final int BUCKETS = 512;
    private static final String[] BY_BYTES = byBytes();

    private HeaderNames() {
    }

    /**
     * The canonical name for a header name as written on the wire: compact forms expanded ({@code "i"} gives
     * {@code "Call-ID"}), well-known names in their usual spelling ({@code "call-id"} gives {@code "Call-ID"}),
     * anything else returned unchanged.
     */
    public static String canonical(String wireName) {
        if (SPELLED.contains(wireName)) {
            return wireName;
        }
        if (wireName.length() == 1) {
            String full = COMPACT.get(lower(wireName));
            return full == null ? wireName : full;
        }
        String known = CANONICAL.get(lower(wireName));
        return known == null ? wireName : known;
    }

    /** True when the name is one of the one-letter compact forms. */
    public static boolean isCompact(String wireName) {
        return wireName.length() == 1 && COMPACT.containsKey(lower(wireName));
    }

    /** True when both names denote the same header (compact forms and case folded). */
    public static boolean same(String a, String b) {
        return canonical(a).equalsIgnoreCase(canonical(b));
    }

    /**
     * The canonical spelling whose ASCII bytes are exactly {@code b[from..to)}, as the one shared string; null when
     * the bytes spell no known name exactly (another case, a compact form, an unknown name).
     */
    static String spelled(byte[] b, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 40) {
            return null;
        }
        int i = hash(b, from, to) & (BUCKETS - 1);
        for (String n = BY_BYTES[i]; n != null; i = (i + 1) & (BUCKETS - 1), n = BY_BYTES[i]) {
            if (n.length() == len && sameAscii(n, b, from)) {
                return n;
            }
        }
        return null;
    }

    private static boolean sameAscii(String n, byte[] b, int from) {
        for (int k = 0; k < n.length(); k++) {
            if (n.charAt(k) != b[from + k]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = to - from;
        for (int k = from; k < to; k++) {
            h = h * 31 + b[k];
        }
        return h ^ (h >>> 9);
    }

    private static String[] byBytes() {
        String[] table = new String[BUCKETS];
        for (String n : CANONICAL.values()) {
            byte[] a = n.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int i = hash(a, 0, a.length) & (BUCKETS - 1);
            while (table[i] != null) {
                i = (i + 1) & (BUCKETS - 1);
            }
            table[i] = n;
        }
        return table;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> canonicalTable() {
        String[] names = {
            "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Accept-Resource-Priority",
            "Alert-Info", "Allow", "Allow-Events", "Answer-Mode", "Authentication-Info", "Authorization",
            "Call-ID", "Call-Info", "Contact", "Content-Disposition", "Content-Encoding", "Content-ID",
            "Content-Language", "Content-Length", "Content-Transfer-Encoding", "Content-Type", "CSeq", "Date",
            "Diversion", "Error-Info", "Event", "Expires", "Feature-Caps", "Flow-Timer", "From", "Geolocation",
            "Geolocation-Error", "Geolocation-Routing", "History-Info", "Identity", "Identity-Info", "In-Reply-To",
            "Info-Package", "Join", "Max-Breadth", "Max-Forwards", "MIME-Version", "Min-Expires", "Min-SE",
            "Organization", "P-Access-Network-Info", "P-Asserted-Identity", "P-Asserted-Service",
            "P-Associated-URI", "P-Called-Party-ID", "P-Charging-Function-Addresses", "P-Charging-Vector",
            "P-Early-Media", "P-Preferred-Identity", "P-Preferred-Service", "P-Visited-Network-ID", "Path",
            "Priority", "Privacy", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "RAck", "Reason",
            "Record-Route", "Recv-Info", "Refer-Sub", "Refer-To", "Referred-By", "Reject-Contact", "Remote-Party-ID",
            "Replaces", "Reply-To", "Request-Disposition", "Require", "Resource-Priority", "Retry-After", "Route",
            "RSeq", "Security-Client", "Security-Server", "Security-Verify", "Server", "Service-Route",
            "Session-Expires", "Session-ID", "SIP-ETag", "SIP-If-Match", "Subject", "Subscription-State",
            "Supported", "Target-Dialog", "Timestamp", "To", "Trigger-Consent", "Unsupported", "User-Agent",
            "User-to-User", "Via", "Warning", "WWW-Authenticate",
        };
        Map<String, String> map = new HashMap<>();
        for (String n : names) {
            map.put(lower(n), n);
        }
        return Map.copyOf(map);
    }
}
