package io.sipvista.insight;

/** Classifies dotted IPv4 literals for NAT findings: private (RFC 1918, RFC 6598 shared) or public. */
final class IpAddresses {
    private IpAddresses() {
    }

    /**
     * The four octets of a dotted IPv4 literal (1 to 3 ASCII digits each, at most 255), packed big-endian into an
     * int and widened to a long; -1 when it is not one. Read without allocating: called for every message's
     * addresses.
     */
    static long octets(String host) {
        return host == null ? -1 : octets(host, 0, host.length());
    }

    /** {@link #octets(String)} of {@code host.substring(from, n)}, without making it. */
    private static long octets(String host, int from, int n) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int octet = 0;
            int digits = 0;
            while (i < n && digits < 4) {
                char c = host.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                octet = octet * 10 + (c - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (parts < 4) {
                if (i >= n || host.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? value : -1;
    }

    /** 10/8, 172.16/12, 192.168/16 (RFC 1918) or 100.64/10 (RFC 6598). */
    static boolean privateV4(String host) {
        long v = octets(host);
        return v >= 0 && privateV4(v);
    }

    private static boolean privateV4(long v) {
        int a = (int) (v >>> 24);
        int b = (int) (v >>> 16) & 0xFF;
        return a == 10 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168 || a == 100 && b >= 64 && b <= 127;
    }

    /**
     * A globally routable unicast IPv4 literal: not private, loopback (127/8), link-local (169.254/16), "this
     * network" (0/8), or multicast and reserved (224 and up).
     */
    static boolean publicV4(String host) {
        return publicV4(octets(host));
    }

    /**
     * {@link #publicV4} of the host of an endpoint ({@code host:port}, {@code [v6]:port} or a bare host, as
     * {@link io.sipvista.bytes.IpText#host} reads it), without making the host string.
     */
    static boolean publicV4Endpoint(String endpoint) {
        if (endpoint == null || endpoint.startsWith("[")) {
            return false;
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon >= 0 && endpoint.indexOf(':') != colon) {
            return false; // a bare IPv6 address
        }
        return publicV4(octets(endpoint, 0, colon < 0 ? endpoint.length() : colon));
    }

    private static boolean publicV4(long v) {
        if (v < 0 || privateV4(v)) {
            return false;
        }
        int a = (int) (v >>> 24);
        int b = (int) (v >>> 16) & 0xFF;
        return a != 0 && a != 127 && !(a == 169 && b == 254) && a < 224;
    }
}
