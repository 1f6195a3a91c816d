package io.sipvista.bytes;

/**
 * Unsigned reads from a byte array. Callers check bounds first (decoders compare lengths before reading);
 * these methods do no checking of their own so that hot paths stay cheap.
 */
public final class Octets {
    private Octets() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16be(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public static int u16le(byte[] b, int off) {
        return ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
    }

    public static long u32be(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static long u32le(byte[] b, int off) {
        return ((long) (b[off + 3] & 0xff) << 24) | ((b[off + 2] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off] & 0xff);
    }

    public static long u32(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? u32be(b, off) : u32le(b, off);
    }

    public static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? u16be(b, off) : u16le(b, off);
    }

    /** Lower-case hex of {@code len} bytes from {@code off}. */
    public static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = off; i < off + len; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
