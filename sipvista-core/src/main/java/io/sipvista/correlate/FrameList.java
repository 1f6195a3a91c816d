package io.sipvista.correlate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frame numbers in order of arrival, held as {@code long}s while the capture is read: the first in a field (most
 * lists never get a second), the rest in an array grown as needed. Mutable; {@link #toList()} gives the model's list.
 */
final class FrameList {
    private long first;
    /** The frames after the first; null until there is a second. */
    private long[] rest;
    private int size;

    void add(long frame) {
        if (size == 0) {
            first = frame;
        } else if (rest == null) {
            rest = new long[] {frame};
        } else {
            if (size - 1 == rest.length) {
                rest = Arrays.copyOf(rest, rest.length * 2);
            }
            rest[size - 1] = frame;
        }
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The first frame. */
    long first() {
        if (size == 0) {
            throw new IllegalStateException("no frames");
        }
        return first;
    }

    /** The frames as a list, first to last. */
    List<Long> toList() {
        List<Long> out = new ArrayList<>(size);
        if (size > 0) {
            out.add(first);
        }
        for (int i = 0; i < size - 1; i++) {
            out.add(rest[i]);
        }
        return out;
    }
}
