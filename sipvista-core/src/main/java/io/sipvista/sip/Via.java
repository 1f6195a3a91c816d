package io.sipvista.sip;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One Via value (RFC 3261 §20.42): {@code SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776;rport}.
 * Read leniently: whatever is there is kept, absent parts are empty.
 *
 * @param protocol  protocol name and version, upper case ({@code "SIP/2.0"})
 * @param transport transport, upper case ({@code "UDP"}, {@code "TCP"}, {@code "TLS"}, {@code "WS"}, ...)
 * @param sentBy    host and optional port as written ({@code "[2001:db8::1]:5060"})
 * @param params    parameters in order, names lower case, flags ({@code rport}) with an empty value
 */
public record Via(String protocol, String transport, String sentBy, Map<String, String> params) {
    public Via {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(sentBy, "sentBy");
        params = Map.copyOf(params);
    }

    /** Reads one Via value (one element of the Via list, see {@link SipMessage#values}). */
    public static Via parse(String value) {
        String v = SipText.trim(value);
        int semi = v.indexOf(';');
        String head = semi < 0 ? v : v.substring(0, semi);
        // sent-protocol = name SLASH version SLASH transport, whitespace allowed around the slashes
        int[] at = {0};
        String name = word(head, at);
        String version = "";
        String transport = "";
        if (slash(head, at)) {
            version = word(head, at);
            if (slash(head, at)) {
                transport = word(head, at);
            }
        }
        String protocol = WORDS.shared((version.isEmpty() ? name : name + "/" + version).toUpperCase(Locale.ROOT));
        transport = WORDS.shared(transport.toUpperCase(Locale.ROOT));
        String sentBy = SipText.trim(head.substring(at[0]));
        return new Via(protocol, transport, sentBy, semi < 0 ? Map.of() : HeaderParams.parse(v, semi));
    }

    /**
     * The protocol of RFC 3261 and the transports of RFC 3261 §20.42 and its extensions (RFC 4168 SCTP, RFC 7118
     * WebSocket) as shared strings: every held message has a Via, and each need not keep its own copy of
     * {@code SIP/2.0} and {@code UDP}.
     */
    private static final SharedWords WORDS = SharedWords.of("SIP/2.0", "UDP", "TCP", "TLS", "SCTP", "TLS-SCTP", "WS",
            "WSS");

    /** Skips whitespace, then reads up to whitespace or a slash. */
    private static String word(String s, int[] at) {
        int p = at[0];
        while (p < s.length() && SipText.isWs(s.charAt(p))) {
            p++;
        }
        int start = p;
        while (p < s.length() && !SipText.isWs(s.charAt(p)) && s.charAt(p) != '/') {
            p++;
        }
        at[0] = p;
        return s.substring(start, p);
    }

    /** Consumes whitespace and a slash if a slash comes next; otherwise consumes nothing. */
    private static boolean slash(String s, int[] at) {
        int p = at[0];
        while (p < s.length() && SipText.isWs(s.charAt(p))) {
            p++;
        }
        if (p < s.length() && s.charAt(p) == '/') {
            at[0] = p + 1;
            return true;
        }
        return false;
    }

    /** The branch parameter (transaction id, RFC 3261 §17.2.3); null when absent. */
    public String branch() {
        return params.get("branch");
    }

    /**
     * The {@code received} parameter: the address the request came from as the next hop saw it (RFC 3261 §18.2.1);
     * null when absent.
     */
    public String received() {
        return params.get("received");
    }

    /**
     * The {@code rport} parameter (RFC 3581): empty as a request's flag, the source port in a response; null when
     * absent.
     */
    public String rport() {
        return params.get("rport");
    }

    /** A parameter by name (any case); null when absent, empty for a flag. */
    public String param(String name) {
        return HeaderParams.get(params, name);
    }
}
