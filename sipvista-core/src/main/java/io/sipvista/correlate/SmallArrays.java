package io.sipvista.correlate;

import java.util.Arrays;

/**
 * Exact-size arrays for the short lists a builder holds while the capture is read (a transaction's responses, its
 * dialogs): smaller than a list, and cheap to copy on append since they rarely get more than a few elements.
 */
final class SmallArrays {
    private SmallArrays() {
    }

    /** A copy of {@code a} with {@code x} appended. */
    static <T> T[] append(T[] a, T x) {
        T[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    /** {@code a} with {@code x} appended when no element equals it (a small insertion-ordered set). */
    static <T> T[] appendAbsent(T[] a, T x) {
        for (T o : a) {
            if (o.equals(x)) {
                return a;
            }
        }
        return append(a, x);
    }

    /** Whether {@code a} holds {@code x} (compared with {@code ==}). */
    static boolean holds(Object[] a, Object x) {
        for (Object o : a) {
            if (o == x) {
                return true;
            }
        }
        return false;
    }
}
