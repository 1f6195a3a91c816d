package io.sipvista.testkit;

/** Independent helpers for tests: big-endian field reads and the RFC 1071 sum, written separately from main code. */
final class WireCheck {
    private WireCheck() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }

    /** The folded 16-bit ones' complement sum (0xffff when a checksummed range is correct). */
    static int onesSum(byte[]... parts) {
        long sum = 0;
        for (byte[] p : parts) {
            for (int i = 0; i < p.length; i += 2) {
                int hi = p[i] & 0xff;
                int lo = i + 1 < p.length ? p[i + 1] & 0xff : 0;
                sum += hi << 8 | lo;
            }
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    /** True when the IPv4 header at {@code at} has a correct checksum. */
    static boolean ipv4HeaderOk(byte[] b, int at) {
        int ihl = (b[at] & 0x0f) * 4;
        return onesSum(slice(b, at, at + ihl)) == 0xffff;
    }

    /** True when the TCP/UDP segment after the IPv4 header at {@code at} has a correct checksum. */
    static boolean ipv4TransportOk(byte[] b, int at) {
        int ihl = (b[at] & 0x0f) * 4;
        int total = u16(b, at + 2);
        byte[] segment = slice(b, at + ihl, at + total);
        byte[] pseudo = new byte[12];
        System.arraycopy(b, at + 12, pseudo, 0, 8);
        pseudo[9] = b[at + 9];
        pseudo[10] = (byte) (segment.length >> 8);
        pseudo[11] = (byte) segment.length;
        return onesSum(pseudo, segment) == 0xffff;
    }

    /** True when the upper-layer data after {@code offset} of the IPv6 packet at {@code at} checksums correctly. */
    static boolean ipv6TransportOk(byte[] b, int at, int segmentStart, int nextHeader) {
        int payloadLength = u16(b, at + 4);
        byte[] segment = slice(b, segmentStart, at + 40 + payloadLength);
        byte[] pseudo = new byte[40];
        System.arraycopy(b, at + 8, pseudo, 0, 32);
        pseudo[32] = (byte) (segment.length >>> 24);
        pseudo[33] = (byte) (segment.length >>> 16);
        pseudo[34] = (byte) (segment.length >>> 8);
        pseudo[35] = (byte) segment.length;
        pseudo[39] = (byte) nextHeader;
        return onesSum(pseudo, segment) == 0xffff;
    }
}
