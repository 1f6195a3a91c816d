package io.sipvista.store;

import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link ByteSink} wrote, front to back. Reading past the end, or a malformed value, throws
 * {@link IllegalStateException}: the bytes are the program's own, so that is a bug, never wire data.
 */
public final class ByteSource {
    private final byte[] bytes;
    private final int end;
    private int pos;
    /** The strings a {@link ByteSink} remembered, in the same slots (see {@link ByteSink#remember}). */
    private final StringRing recent = new StringRing();

    public ByteSource(byte[] bytes, int from, int to) {
        if (from < 0 || to > bytes.length || from > to) {
            throw new IllegalArgumentException("range " + from + ".." + to + " of " + bytes.length);
        }
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    /** Where the next read starts. */
    public int position() {
        return pos;
    }

    /** Bytes left to read. */
    public int remaining() {
        return end - pos;
    }

    /** Moves past {@code n} bytes (read some other way, e.g. copied from the array). */
    public void skip(int n) {
        if (n < 0 || n > end - pos) {
            throw new IllegalStateException("cannot skip " + n + " bytes at " + pos + " with " + (end - pos) + " left");
        }
        pos += n;
    }

    /** True when everything was read. */
    public boolean atEnd() {
        return pos >= end;
    }

    public int readByte() {
        if (pos >= end) {
            throw new IllegalStateException("read past the end at " + pos);
        }
        return bytes[pos++] & 0xFF;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new IllegalStateException("not a boolean: " + b + " at " + (pos - 1));
        }
        return b == 1;
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("a variable-length integer longer than 10 bytes at " + pos);
    }

    public long readZigZag() {
        return ByteSink.unZigZag(readVarLong());
    }

    public double readDouble() {
        if (end - pos < 8) {
            throw new IllegalStateException("read past the end at " + pos);
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (bytes[pos++] & 0xFF) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    /** Starts a value, as {@link ByteSink#forgetRecent} started it. */
    public void forgetRecent() {
        recent.clear();
    }

    /** The string in {@code slot}, as {@link ByteSink#remember} put it there. */
    public String recent(int slot) {
        String s = recent.at(slot);
        if (s == null) {
            throw new IllegalStateException("no remembered string " + slot + " at " + pos);
        }
        return s;
    }

    /** Remembers {@code s} in the next slot, as {@link ByteSink#remember} does. */
    public void remember(String s) {
        recent.add(s);
    }

    /** The next {@code n} bytes as UTF-8. */
    public String readUtf8(int n) {
        if (n < 0 || n > end - pos) {
            throw new IllegalStateException("a string of " + n + " bytes past the end at " + pos);
        }
        String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** A string written by {@link ByteSink#writeString}, or null. */
    public String readString() {
        long n = readVarLong();
        if (n == 0) {
            return null;
        }
        if (n - 1 > end - pos) {
            throw new IllegalStateException("a string of " + (n - 1) + " bytes past the end at " + pos);
        }
        return readUtf8((int) (n - 1));
    }
}
