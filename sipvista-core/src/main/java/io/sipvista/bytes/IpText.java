package io.sipvista.bytes;

/**
 * Text forms of IP addresses: dotted IPv4 and RFC 5952 IPv6 (lower case, longest zero run compressed, IPv4-mapped
 * addresses shown dotted). Callers check bounds first.
 */
public final class IpText {
    private IpText() {
    }

    /**
     * The address of an endpoint as sipvista writes them: {@code ip:port}, {@code [v6]:port}, or a bare address (a
     * bare IPv6 address, with its several colons, is returned whole); null for null.
     */
    public static String host(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            return close < 0 ? endpoint : endpoint.substring(1, close);
        }
        int colon = endpoint.lastIndexOf(':');
        return colon < 0 || endpoint.indexOf(':') != colon ? endpoint : endpoint.substring(0, colon);
    }

    public static String v4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    public static String v6(byte[] b, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + v4(b, off + 12); // RFC 5952 section 5
        }
        // RFC 5952 4.2: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        // IPv4-mapped ::ffff:a.b.c.d (RFC 5952 5)
        if (bestStart == 0 && bestLen == 5 && g[5] == 0xffff) {
            return "::ffff:" + v4(b, off + 12);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
