package io.sipvista.insight;

/** Classifies dotted IPv4 literals for NAT findings: private (RFC 1918, RFC 6598 shared) or public. */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The four octets of a dotted IPv4 literal; null when it is not one. */
    static int[] octets(String host) {
        if (host == null) {
            return null;
        }
        String[] p = host.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            o[i] = Integer.parseInt(p[i]);
            if (o[i] > 255) {
                return null;
            }
        }
        return o;
    }

    /** 10/8, 172.16/12, 192.168/16 (RFC 1918) or 100.64/10 (RFC 6598). */
    static boolean privateV4(String host) {
        int[] o = octets(host);
        if (o == null) {
            return false;
        }
        return o[0] == 10 || o[0] == 172 && o[1] >= 16 && o[1] <= 31 || o[0] == 192 && o[1] == 168
                || o[0] == 100 && o[1] >= 64 && o[1] <= 127;
    }

    /**
     * A globally routable unicast IPv4 literal: not private, loopback (127/8), link-local (169.254/16), "this
     * network" (0/8), or multicast and reserved (224 and up).
     */
    static boolean publicV4(String host) {
        int[] o = octets(host);
        if (o == null || privateV4(host)) {
            return false;
        }
        return o[0] != 0 && o[0] != 127 && !(o[0] == 169 && o[1] == 254) && o[0] < 224;
    }
}
