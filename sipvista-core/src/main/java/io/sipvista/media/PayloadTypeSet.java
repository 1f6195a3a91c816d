package io.sipvista.media;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of RTP payload types 0-127 held as a 128-bit bitmap ({@code low}: types 0-63, {@code high}: 64-127), so a
 * stream can record every type it saw without allocating per packet.
 *
 * @param low  bit {@code pt} set for each type 0-63 seen
 * @param high bit {@code pt - 64} set for each type 64-127 seen
 */
public record PayloadTypeSet(long low, long high) {
    /** The empty set. */
    public static final PayloadTypeSet EMPTY = new PayloadTypeSet(0, 0);

    /** This set with {@code pt} added; the same set when {@code pt} is outside 0-127. */
    public PayloadTypeSet with(int pt) {
        if (pt < 0 || pt > 127) {
            return this;
        }
        return pt < 64 ? new PayloadTypeSet(low | (1L << pt), high) : new PayloadTypeSet(low, high | (1L << (pt - 64)));
    }

    /** True when {@code pt} (0-127) is in the set. */
    public boolean contains(int pt) {
        return contains(low, high, pt);
    }

    /** Whether the bits {@code low} and {@code high} (a set's, kept as two fields elsewhere) hold {@code pt}. */
    public static boolean contains(long low, long high, int pt) {
        if (pt < 0 || pt > 127) {
            return false;
        }
        return pt < 64 ? (low & (1L << pt)) != 0 : (high & (1L << (pt - 64))) != 0;
    }

    /** Number of types in the set. */
    public int size() {
        return Long.bitCount(low) + Long.bitCount(high);
    }

    /** True when no type is in the set. */
    public boolean isEmpty() {
        return low == 0 && high == 0;
    }

    /** The types in ascending order. */
    public List<Integer> types() {
        List<Integer> out = new ArrayList<>(size());
        for (int pt = 0; pt < 128; pt++) {
            if (contains(pt)) {
                out.add(pt);
            }
        }
        return List.copyOf(out);
    }
}
