package io.sipvista.correlate;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of frame numbers held as {@code long}s: a number is boxed only when it is read. What a finished
 * call keeps to the end of the capture ({@link Call#frames()}), one long a frame instead of a boxed one and its
 * reference. Equal to any list of the same numbers in the same order, as {@link List#equals} says.
 */
public final class FrameNumbers extends AbstractList<Long> implements RandomAccess {
    private static final FrameNumbers EMPTY = new FrameNumbers(new long[0]);

    private final long[] frames;

    private FrameNumbers(long[] frames) {
        this.frames = frames;
    }

    /**
     * The numbers of {@code frames} in its order, as an immutable list; {@code frames} itself when it already is one.
     *
     * @throws NullPointerException if {@code frames} or any of its elements is null (as {@link List#copyOf})
     */
    public static List<Long> copyOf(Collection<Long> frames) {
        if (frames instanceof FrameNumbers f) {
            return f;
        }
        Object[] boxed = frames.toArray(); // one pass over a snapshot: its size and elements agree
        if (boxed.length == 0) {
            return EMPTY;
        }
        long[] out = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = (Long) Objects.requireNonNull(boxed[i], "frame");
        }
        return new FrameNumbers(out);
    }

    @Override
    public Long get(int index) {
        Objects.checkIndex(index, frames.length);
        return frames[index];
    }

    @Override
    public int size() {
        return frames.length;
    }
}
