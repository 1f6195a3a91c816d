package io.sipvista.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array written front to back: variable-length integers (7 bits a byte, low first), doubles as
 * their bits, strings as UTF-8 with their length. {@link ByteSource} reads them back.
 */
public final class ByteSink {
    /** How many strings a value's writer may refer back to ({@link #recentSlot}). */
    public static final int RECENT = 8;

    private byte[] bytes;
    private int size;
    /** Strings written lately in the value being written, by slot (see {@link #recentSlot}). */
    private final StringRing recent = new StringRing();

    public ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** The array written into (valid up to {@link #size()}); it changes as the sink grows. */
    public byte[] array() {
        return bytes;
    }

    /**
     * Starts a value: forgets the strings remembered ({@link #remember}), so that the value can be read alone
     * ({@link ByteSource#forgetRecent} at its start).
     */
    public void forgetRecent() {
        recent.clear();
    }

    /**
     * The slot of {@code s} itself among the strings remembered since {@link #forgetRecent}, or -1. The same object,
     * not an equal one: a record's repeats are mostly one string shared (a Call-ID in each leg and dialog), and
     * comparing contents cost more than writing the few equal copies again.
     */
    public int recentSlot(String s) {
        return recent.slotOf(s);
    }

    /** Remembers {@code s} in the next slot (the oldest goes once {@value #RECENT} are remembered). */
    public void remember(String s) {
        recent.add(s);
    }

    /** Forgets what was written, keeping the array. */
    public void clear() {
        size = 0;
    }

    /** Forgets what was written after the first {@code newSize} bytes, e.g. to write a value again another way. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    private void room(int n) {
        if (size + n > bytes.length) {
            long want = Math.max((long) bytes.length * 2, (long) size + n);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a byte sink cannot grow past 2 GB");
            }
            bytes = Arrays.copyOf(bytes, (int) want);
        }
    }

    public ByteSink writeByte(int b) {
        room(1);
        bytes[size++] = (byte) b;
        return this;
    }

    public ByteSink writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    /** {@code v} in 1-10 bytes, fewest for small non-negative values. */
    public ByteSink writeVarLong(long v) {
        room(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
        return this;
    }

    /** {@code v} zig-zag encoded: fewest bytes for values near 0 of either sign. */
    public ByteSink writeZigZag(long v) {
        return writeVarLong(zigZag(v));
    }

    /** {@code v} zig-zag encoded: 0, -1, 1, -2, ... become 0, 1, 2, 3, ... */
    static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /** What {@link #zigZag} encoded. */
    static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** The eight bytes of {@code v}'s bits, exactly (NaN payloads and -0.0 kept). */
    public ByteSink writeDouble(double v) {
        long bits = Double.doubleToRawLongBits(v);
        room(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (bits >>> (8 * i));
        }
        return this;
    }

    /** {@code s} as its UTF-8 length + 1 then its bytes; null as a single 0. */
    public ByteSink writeString(String s) {
        if (s == null) {
            return writeByte(0);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8); // an ASCII string's bytes are copied at once
        writeVarLong(utf8.length + 1L);
        return writeBytes(utf8, 0, utf8.length);
    }

    public ByteSink writeBytes(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        return this;
    }
}
