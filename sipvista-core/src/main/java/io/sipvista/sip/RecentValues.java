package io.sipvista.sip;

import java.util.Arrays;
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
    /**
     * Per place: its key's hash code, so that a key is compared only with a kept key of the same hash code, without
     * reading that key (an object anywhere in the heap: a lookup that missed used to cost a cache miss per place).
     */
    private final int[] hashes;
    /**
     * Per place: the bytes of a key kept by {@link #getAscii}, compared with the bytes looked up a word at a time; null
     * for a key kept by {@link #get}, which is compared character by character.
     */
    private final byte[][] ascii;
    private final int shift;

    /** A table of {@code 2^bits} places (from 2 to 2^20). */
    public RecentValues(int bits) {
        if (bits < 1 || bits > 20) {
            throw new IllegalArgumentException("bits " + bits + " is not 1-20");
        }
        keys = new Object[1 << bits];
        values = new Object[1 << bits];
        hashes = new int[1 << bits];
        ascii = new byte[1 << bits][];
        shift = 32 - bits;
    }

    /** How many values the table holds at most. */
    public int size() {
        return keys.length;
    }

    /** The value last read from a key equal to {@code key} if the table still has it, else {@code read(key)}, kept. */
    @SuppressWarnings("unchecked")
    public V get(K key, Function<? super K, ? extends V> read) {
        int h = key.hashCode();
        int i = bucket(h);
        if (hashes[i] == h && key.equals(keys[i])) {
            return (V) values[i];
        }
        if (hashes[i + 1] == h && key.equals(keys[i + 1])) {
            return newer(i);
        }
        return keep(i, key, h, null, read.apply(key));
    }

    /**
     * What {@code t.get(key, read)} gives for the key {@code b[from, to)}, bytes that are all ASCII (below 0x80), read
     * as text; the key's string is made only when the table does not have it. The bytes are hashed as
     * {@link String#hashCode} hashes the same characters, so the same place is found and kept as {@link #get} would,
     * and compared with a kept key of the same hash code: with its bytes, or its characters for a key {@link #get}
     * kept.
     */
    @SuppressWarnings("unchecked")
    static <V> V getAscii(RecentValues<String, V> t, byte[] b, int from, int to,
                          Function<? super String, ? extends V> read) {
        int h = 0;
        for (int j = from; j < to; j++) {
            h = 31 * h + b[j];
        }
        int i = t.bucket(h);
        if (t.hashes[i] == h && t.sameAscii(i, b, from, to)) {
            return (V) t.values[i];
        }
        if (t.hashes[i + 1] == h && t.sameAscii(i + 1, b, from, to)) {
            return t.newer(i);
        }
        String key = Utf8.decode(b, from, to);
        return t.keep(i, key, h, Arrays.copyOfRange(b, from, to), read.apply(key));
    }

    /** Whether the key at {@code place}, of the same hash code, is the text of the ASCII bytes {@code b[from, to)}. */
    private boolean sameAscii(int place, byte[] b, int from, int to) {
        byte[] kept = ascii[place];
        if (kept != null) {
            return Arrays.equals(kept, 0, kept.length, b, from, to);
        }
        if (!(keys[place] instanceof String s) || s.length() != to - from) {
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
        int h = hashes[i + 1];
        byte[] a = ascii[i + 1];
        move(i, i + 1);
        keys[i] = k;
        values[i] = v;
        hashes[i] = h;
        ascii[i] = a;
        return (V) v;
    }

    /**
     * Keeps a value just read in the newer place of bucket {@code i}, pushing out the older: its key, the key's hash
     * code and, for a key read from ASCII bytes, those bytes (else null).
     */
    private V keep(int i, Object key, int hash, byte[] keyBytes, V v) {
        move(i, i + 1);
        keys[i] = key;
        values[i] = v;
        hashes[i] = hash;
        ascii[i] = keyBytes;
        return v;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        values[to] = values[from];
        hashes[to] = hashes[from];
        ascii[to] = ascii[from];
    }
}
