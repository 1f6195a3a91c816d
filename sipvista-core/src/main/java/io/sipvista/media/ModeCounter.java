package io.sipvista.media;

/**
 * How often each value 0 to a small maximum was seen, to tell the most common one (the smallest on a tie): the
 * payload types or packetization times of one stream. Most streams see one or two values, so the counts start as a
 * short list of (value, count) slots that remembers the slot counted last; a stream that sees more than
 * {@value #LISTED} different values switches to one count per possible value. Counting allocates only when the list
 * grows (at most twice) or switches (once).
 *
 * <p>Not thread-safe; one instance per stream.
 */
final class ModeCounter {
    /** Different values kept as a list; past this, one count per value. */
    static final int LISTED = 8;
    /** A slot holds its value above these bits and its count in them. */
    private static final int COUNT_BITS = 48;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final int max;
    /** (value, count) slots in order of first sight; null once {@link #perValue} is in use. */
    private long[] slots = new long[2];
    private int size;
    private int last;
    /** The count of each value 0 to {@link #max}, once more than {@link #LISTED} values were seen. */
    private long[] perValue;

    /** Counts values from 0 to {@code max}. */
    ModeCounter(int max) {
        this.max = max;
    }

    /** Counts one sight of {@code value}, which must lie in 0 to the maximum. */
    void add(int value) {
        add(value, 1);
    }

    /** Counts {@code n} (at least 1) sights of {@code value}, which must lie in 0 to the maximum. */
    void add(int value, long n) {
        if (perValue != null) {
            perValue[value] += n;
            return;
        }
        if (last < size && valueOf(slots[last]) == value) {
            slots[last] += n;
            return;
        }
        for (int i = 0; i < size; i++) {
            if (valueOf(slots[i]) == value) {
                slots[i] += n;
                last = i;
                return;
            }
        }
        if (size == LISTED) {
            perValue = new long[max + 1];
            for (int i = 0; i < size; i++) {
                perValue[valueOf(slots[i])] = slots[i] & COUNT_MASK;
            }
            perValue[value] = n;
            slots = null;
            return;
        }
        if (size == slots.length) {
            long[] more = new long[Math.min(LISTED, 2 * size)];
            System.arraycopy(slots, 0, more, 0, size);
            slots = more;
        }
        slots[size] = ((long) value << COUNT_BITS) | n;
        last = size++;
    }

    /** The value seen most often, the smallest of those on a tie; -1 when none was counted. */
    int mode() {
        int mode = -1;
        long best = 0;
        if (perValue != null) {
            for (int v = 0; v <= max; v++) {
                if (perValue[v] > best) {
                    best = perValue[v];
                    mode = v;
                }
            }
            return mode;
        }
        for (int i = 0; i < size; i++) {
            long count = slots[i] & COUNT_MASK;
            int v = valueOf(slots[i]);
            if (count > best || (count == best && v < mode)) {
                best = count;
                mode = v;
            }
        }
        return mode;
    }

    private static int valueOf(long slot) {
        return (int) (slot >>> COUNT_BITS);
    }
}
