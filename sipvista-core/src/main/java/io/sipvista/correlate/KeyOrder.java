package io.sipvista.correlate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Items put in the order of a number each carries (a frame, a creation number), stably. The numbers are sorted as
 * primitives, each with its position beside it, rather than the items by a comparator that reads each one at every
 * comparison: settling everything a capture holds at once (a quarter of a million messages and their builders)
 * missed the cache at nearly every comparison that way.
 */
public final class KeyOrder {
    private KeyOrder() {
    }

    /**
     * {@code items} by {@code keys} (one per item, same index), items of equal key in their given order. A list
     * over {@code items} itself when it is in order already; {@code keys} is left as it was.
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> stable(Object[] items, long[] keys) {
        int n = items.length;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = keys[i - 1] <= keys[i];
        }
        if (sorted) {
            return (List<T>) Arrays.asList(items);
        }
        long[] packed = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                packed[i] = Math.addExact(Math.multiplyExact(keys[i], (long) n), i); // key, then position
            }
        } catch (ArithmeticException tooLarge) { // keys past 2^63 / n: never from a real capture
            Integer[] order = new Integer[n];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.comparingLong(i -> keys[i])); // a stable sort
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = items[order[i]];
            }
            return (List<T>) Arrays.asList(out);
        }
        Arrays.sort(packed);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = items[(int) Math.floorMod(packed[i], (long) n)];
        }
        return (List<T>) Arrays.asList(out);
    }
}
