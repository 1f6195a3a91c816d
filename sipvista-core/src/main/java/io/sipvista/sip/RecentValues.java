package io.sipvista.sip;

import java.util.function.Function;

/**
 * A fixed table of values recently read, by the key they were read from: what lets the many messages and bodies of
 * one capture that carry an equal value (a dialog's From and To, a transaction's top Via, the SDP lines a phone
 * repeats) hold one copy of it. Two places per hash bucket, the newer first: a key in neither place of its bucket
 * pushes out the older one, so the table never grows past its size. A value must be what reading its key again would
 * give (an immutable value), so that which copy a reader gets changes nothing but memory.
 *
 * <p>For one reader at a time (one per capture decoder or correlator); not for two threads at once.
 *
 * @param <K> the key: what a value is read from ({@code equals} and {@code hashCode} by content)
 * @param <V> the value read from it
 */
public final class RecentValues<K, V> {
    private final Object[] keys;
    private final Object[] values;
    private final int shift;

    /** A table of {@code 2^bits} places (from 2 to 2^20). */
    public RecentValues(int bits) {
        if (bits < 1 || bits > 20) {
            throw new IllegalArgumentException("bits " + bits + " is not 1-20");
        }
        keys = new Object[1 << bits];
        values = new Object[1 << bits];
        shift = 32 - bits;
    }

    /** How many values the table holds at most. */
    public int size() {
        return keys.length;
    }

    /** The value last read from a key equal to {@code key} if the table still has it, else {@code read(key)}, kept. */
    @SuppressWarnings("unchecked")
    public V get(K key, Function<? super K, ? extends V> read) {
        int i = bucket(key.hashCode());
        if (key.equals(keys[i])) {
            return (V) values[i];
        }
        if (key.equals(keys[i + 1])) {
            return newer(i);
        }
        return keep(i, key, read.apply(key));
    }

    /**
     * What {@code t.get(key, read)} gives for the key {@code b[from, to)}, bytes that are all ASCII (below 0x80), read
     * as text; the key's string is made only when the table does not have it. The bytes are hashed as
     * {@link String#hashCode} hashes the same characters and compared with the kept strings one for one, so the same
     * place is found and kept as {@link #get} would.
     */
    @SuppressWarnings("unchecked")
    static <V> V getAscii(RecentValues<String, V> t, byte[] b, int from, int to,
                          Function<? super String, ? extends V> read) {
        int h = 0;
        for (int j = from; j < to; j++) {
            h = 31 * h + b[j];
        }
        int i = t.bucket(h);
        if (sameAscii(t.keys[i], h, b, from, to)) {
            return (V) t.values[i];
        }
        if (sameAscii(t.keys[i + 1], h, b, from, to)) {
            return t.newer(i);
        }
        String key = Utf8.decode(b, from, to);
        return t.keep(i, key, read.apply(key));
    }

    /** Whether {@code key} (a kept key, or null) is the text of the ASCII bytes {@code b[from, to)} hashing to h. */
    private static boolean sameAscii(Object key, int h, byte[] b, int from, int to) {
        if (!(key instanceof String s) || s.hashCode() != h || s.length() != to - from) {
            return false;
        }
        for (int j = from; j < to; j++) {
            if (s.charAt(j - from) != b[j]) {
                return false;
            }
        }
        return true;
    }

    /** The first place of the bucket of a key with this hash code (an even index). */
    private int bucket(int hash) {
        return ((hash * 0x9E3779B9) >>> shift) & ~1;
    }

    /** The value of the older place of bucket {@code i}: it becomes the newer. */
    @SuppressWarnings("unchecked")
    private V newer(int i) {
        Object k = keys[i + 1];
        Object v = values[i + 1];
        keys[i + 1] = keys[i];
        values[i + 1] = values[i];
        keys[i] = k;
        values[i] = v;
        return (V) v;
    }

    /** Keeps a value just read in the newer place of bucket {@code i}, pushing out the older. */
    private V keep(int i, Object key, V v) {
        keys[i + 1] = keys[i];
        values[i + 1] = values[i];
        keys[i] = key;
        values[i] = v;
        return v;
    }
}
