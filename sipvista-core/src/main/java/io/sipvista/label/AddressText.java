package io.sipvista.label;

import io.sipvista.bytes.IpText;

/**
 * Writes addresses found inside payloads: dotted IPv4, RFC 5952 IPv6 (lower case, longest zero run compressed,
 * IPv4-mapped shown dotted), colon-separated MAC. Callers check bounds first.
 */
final class AddressText {
    private AddressText() {
    }

    static String ipv4(byte[] b, int off) {
        return IpText.v4(b, off);
    }

    static String ipv4(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    static String ipv6(byte[] b, int off) {
        return IpText.v6(b, off);
    }

    static String mac(byte[] b, int off) {
        return hexBytes(b, off, 6);
    }

    /** Colon-separated lower-case hex of {@code n} bytes, e.g. a hardware address of any length. */
    static String hexBytes(byte[] b, int off, int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int v = b[off + i] & 0xff;
            sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
        return sb.toString();
    }

    /** "192.0.2.1:5060" or "[2001:db8::1]:5060". */
    static String endpoint(String address, int port) {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
