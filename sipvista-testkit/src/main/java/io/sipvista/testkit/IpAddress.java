package io.sipvista.testkit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses textual IP address literals (never host names, so never a DNS lookup) into their bytes. */
final class IpAddress {
    private IpAddress() {
    }

    /** 4 bytes for a dotted-quad IPv4 literal, 16 bytes for an IPv6 literal. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty IP address");
        }
        if (text.indexOf(':') < 0) {
            return parseV4(text);
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            if (!(a instanceof Inet6Address)) {
                throw new IllegalArgumentException("not an IPv6 literal: " + text);
            }
            return a.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 literal: " + text, e);
        }
    }

    static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 literal: " + text);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v;
            try {
                v = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 literal: " + text, e);
            }
            if (v < 0 || v > 255 || parts[i].isEmpty() || parts[i].startsWith("+")) {
                throw new IllegalArgumentException("not an IPv4 literal: " + text);
            }
            b[i] = (byte) v;
        }
        return b;
    }

    static byte[] parseV6(String text) {
        byte[] b = parse(text);
        if (b.length != 16) {
            throw new IllegalArgumentException("not an IPv6 literal: " + text);
        }
        return b;
    }
}
