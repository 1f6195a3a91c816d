package io.sipvista.analysis;

/**
 * Values by a pair of numeric keys (a flow's source and destination as
 * {@link io.sipvista.frame.MediaFastPath#endpointKey(int, int)}), looked up without allocating: open addressing with
 * linear probing in parallel arrays, deletion by shifting back (no tombstones), doubled when half full. Keys are
 * non-negative; values non-null. Not thread-safe.
 *
 * @param <V> the value type
 */
final class EndpointPairIndex<V> {
    private static final int INITIAL = 64;

    private long[] firsts = new long[INITIAL];
    private long[] seconds = new long[INITIAL];
    private Object[] values = new Object[INITIAL];
    private int size;

    /** The value of ({@code first}, {@code second}), or null. */
    @SuppressWarnings("unchecked")
    V get(long first, long second) {
        int mask = values.length - 1;
        for (int i = slot(first, second, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (firsts[i] == first && seconds[i] == second) {
                return (V) v;
            }
        }
    }

    /** Maps ({@code first}, {@code second}) to {@code value}, replacing what it mapped to. */
    void put(long first, long second, V value) {
        if (first < 0 || second < 0 || value == null) {
            throw new IllegalArgumentException("keys must be non-negative and the value non-null");
        }
        if (2 * (size + 1) > values.length) {
            grow();
        }
        int mask = values.length - 1;
        for (int i = slot(first, second, mask); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                firsts[i] = first;
                seconds[i] = second;
                values[i] = value;
                size++;
                return;
            }
            if (firsts[i] == first && seconds[i] == second) {
                values[i] = value;
                return;
            }
        }
    }

    /** Removes ({@code first}, {@code second}) if it maps to {@code value} (the same instance). */
    void remove(long first, long second, V value) {
        int mask = values.length - 1;
        int i = slot(first, second, mask);
        while (values[i] != null && !(firsts[i] == first && seconds[i] == second)) {
            i = (i + 1) & mask;
        }
        if (values[i] != value) {
            return;
        }
        values[i] = null;
        size--;
        // shift back the entries after the hole whose home slot is not between the hole and them
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(firsts[j], seconds[j], mask);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                firsts[i] = firsts[j];
                seconds[i] = seconds[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    /** The number of pairs held. */
    int size() {
        return size;
    }

    private void grow() {
        long[] f = firsts;
        long[] s = seconds;
        Object[] v = values;
        firsts = new long[v.length * 2];
        seconds = new long[v.length * 2];
        values = new Object[v.length * 2];
        size = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                @SuppressWarnings("unchecked")
                V value = (V) v[i];
                put(f[i], s[i], value);
            }
        }
    }

    private static int slot(long first, long second, int mask) {
        long h = (first * 0x9E3779B97F4A7C15L) ^ (second * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h & mask;
    }
}
