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
        int i = ((key.hashCode() * 0x9E3779B9) >>> shift) & ~1; // the bucket's first place (an even index)
        if (key.equals(keys[i])) {
            return (V) values[i];
        }
        if (key.equals(keys[i + 1])) { // the older place: it becomes the newer
            Object k = keys[i + 1];
            Object v = values[i + 1];
            keys[i + 1] = keys[i];
            values[i + 1] = values[i];
            keys[i] = k;
            values[i] = v;
            return (V) v;
        }
        V v = read.apply(key);
        keys[i + 1] = keys[i];
        values[i + 1] = values[i];
        keys[i] = key;
        values[i] = v;
        return v;
    }
}
