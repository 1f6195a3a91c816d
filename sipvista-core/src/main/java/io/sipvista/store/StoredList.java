package io.sipvista.store;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.ToLongFunction;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Values kept as bytes: each is encoded by a {@link Codec} into the open block; a block of {@value #BLOCK_BYTES} bytes
 * or more is deflated and kept so. Reading a value inflates its block (the last {@value #CACHED_BLOCKS} read are kept
 * inflated, so reading in the order written inflates each block once) and decodes it again, equal to what was added.
 * A value costs its deflated bytes and 12 bytes of index (where it starts in its block, and a {@code long} sort key
 * kept as a number so that ordering the values decodes only those whose keys tie).
 *
 * <p>Adding is for one thread; reading, once adding is over, may be from any (reads are synchronised).
 *
 * @param <T> the type of value
 */
public final class StoredList<T> {
    /** A block is deflated once it holds this many bytes of encoded values. */
    static final int BLOCK_BYTES = 32 * 1024;
    /** Inflated blocks kept for reading. */
    static final int CACHED_BLOCKS = 8;

    private final Codec<T> codec;
    private final ToLongFunction<? super T> key;
    private final ByteSink open = new ByteSink(BLOCK_BYTES + BLOCK_BYTES / 4);
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private byte[] deflateBuffer = new byte[BLOCK_BYTES];
    /** Per value: where it starts in its block, and its key. */
    private int[] starts = new int[64];
    private long[] keys = new long[64];
    private int size;
    /** Per deflated block: its bytes, its inflated length, the index of its first value. */
    private byte[][] blocks = new byte[8][];
    private int[] blockLengths = new int[8];
    private int[] blockFirsts = new int[8];
    private int blockCount;
    /** The index of the open block's first value. */
    private int openFirst;
    private long deflatedBytes;
    private long encodedBytes;
    private final Map<Integer, byte[]> inflated = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
            return size() > CACHED_BLOCKS;
        }
    };
    private Inflater inflater;
    /** Blocks inflated so far (for tests). */
    private long inflations;

    /**
     * @param codec how a value becomes bytes and back
     * @param key   the value's sort key, kept as a number beside its bytes (see {@link #order})
     */
    public StoredList(Codec<T> codec, ToLongFunction<? super T> key) {
        this.codec = codec;
        this.key = key;
    }

    /** Adds {@code value}; returns its index (0, 1, ...). */
    public synchronized int add(T value) {
        long k = key.applyAsLong(value);
        int start = open.size();
        codec.write(value, open);
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        starts[size] = start;
        keys[size] = k;
        int index = size++;
        if (open.size() >= BLOCK_BYTES) {
            closeBlock();
        }
        return index;
    }

    private void closeBlock() {
        deflater.reset();
        deflater.setInput(open.array(), 0, open.size());
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == deflateBuffer.length) {
                deflateBuffer = Arrays.copyOf(deflateBuffer, n * 2);
            }
            n += deflater.deflate(deflateBuffer, n, deflateBuffer.length - n);
        }
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, blockCount * 2);
            blockLengths = Arrays.copyOf(blockLengths, blockCount * 2);
            blockFirsts = Arrays.copyOf(blockFirsts, blockCount * 2);
        }
        blocks[blockCount] = Arrays.copyOf(deflateBuffer, n);
        blockLengths[blockCount] = open.size();
        blockFirsts[blockCount] = openFirst;
        blockCount++;
        deflatedBytes += n;
        encodedBytes += open.size();
        openFirst = size;
        open.clear();
    }

    /** How many values. */
    public synchronized int size() {
        return size;
    }

    /** The sort key of value {@code index}, as given when it was added. */
    public synchronized long key(int index) {
        return keys[java.util.Objects.checkIndex(index, size)];
    }

    /** Bytes held: the deflated blocks, the open block, the index. */
    public synchronized long heldBytes() {
        return deflatedBytes + open.size() + 12L * starts.length;
    }

    /** Bytes the values were encoded to, in deflated blocks (see {@link #deflatedBytes()}). */
    synchronized long encodedBytes() {
        return encodedBytes;
    }

    /** Blocks inflated so far, for reading (for tests). */
    synchronized long inflations() {
        return inflations;
    }

    /** Deflated blocks. */
    synchronized int blocks() {
        return blockCount;
    }

    /** Bytes of the deflated blocks. */
    synchronized long deflatedBytes() {
        return deflatedBytes;
    }

    /** Value {@code index}, decoded anew (equal to the value added, not the same object). */
    public synchronized T get(int index) {
        return read(index, null);
    }

    /**
     * Value {@code index}, its block taken from {@code pinned} (and inflated into it when missing), or, when
     * {@code pinned} is null, through the cache of recently read blocks.
     */
    private T read(int index, Map<Integer, byte[]> pinned) {
        java.util.Objects.checkIndex(index, size);
        if (index >= openFirst) {
            int end = index + 1 < size ? starts[index + 1] : open.size();
            return decode(open.array(), starts[index], end);
        }
        int b = block(index);
        byte[] bytes = pinned == null ? inflated(b) : pinned.computeIfAbsent(b, this::inflate);
        int end = index + 1 < size && index + 1 < (b + 1 < blockCount ? blockFirsts[b + 1] : openFirst)
                ? starts[index + 1] : blockLengths[b];
        return decode(bytes, starts[index], end);
    }

    /** The deflated block holding value {@code index}, or -1 when it is in the open block. */
    private int blockOf(int index) {
        return index >= openFirst ? -1 : block(index);
    }

    private T decode(byte[] bytes, int from, int to) {
        ByteSource in = new ByteSource(bytes, from, to);
        T value = codec.read(in);
        if (!in.atEnd()) {
            throw new IllegalStateException("a stored value read " + (in.position() - from) + " of its "
                    + (to - from) + " bytes");
        }
        return value;
    }

    /** The block holding value {@code index} (one before the open block's first). */
    private int block(int index) {
        int lo = 0;
        int hi = blockCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (blockFirsts[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private byte[] inflated(int b) {
        byte[] bytes = inflated.get(b);
        if (bytes == null) {
            bytes = inflate(b);
            inflated.put(b, bytes);
        }
        return bytes;
    }

    private byte[] inflate(int b) {
        inflations++;
        if (inflater == null) {
            inflater = new Inflater();
        }
        inflater.reset();
        inflater.setInput(blocks[b]);
        byte[] bytes = new byte[blockLengths[b]];
        try {
            int n = 0;
            while (n < bytes.length && !inflater.finished()) {
                int got = inflater.inflate(bytes, n, bytes.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != bytes.length) {
                throw new IllegalStateException("stored block " + b + " inflated to " + n + " of "
                        + bytes.length + " bytes");
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored block " + b + " does not inflate", e);
        }
        return bytes;
    }

    /**
     * The indices of every value, ordered by key and, among equal keys, by {@code ties} on the decoded values (a
     * stable order: values equal both ways keep the order they were added in).
     */
    public synchronized int[] order(Comparator<? super T> ties) {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] out = new int[size];
        List<Map.Entry<Integer, T>> run = new java.util.ArrayList<>();
        for (int i = 0; i < size; ) {
            int j = i + 1;
            while (j < size && keys[idx[j]] == keys[idx[i]]) {
                j++;
            }
            if (j - i > 1) { // values whose keys tie: each decoded once, then ordered by the comparator
                run.clear();
                for (int k = i; k < j; k++) {
                    run.add(Map.entry(idx[k], get(idx[k])));
                }
                run.sort((a, b) -> ties.compare(a.getValue(), b.getValue()));
                for (int k = i; k < j; k++) {
                    idx[k] = run.get(k - i).getKey();
                }
            }
            i = j;
        }
        for (int i = 0; i < size; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** A value read back from the list, changed on its way out. */
    @FunctionalInterface
    public interface Transform<T> {
        /**
         * @param index the value's index in the stored list
         * @param value the value as stored
         * @return what the view shows in its place
         */
        T apply(int index, T value);
    }

    /**
     * An unmodifiable list of the values at {@code indices}, in that order, each passed through {@code transform} as
     * it is read. It decodes on every read. Read front to back (as a loop over it does), it inflates each block once
     * whatever the order of {@code indices}: a block is kept inflated from its first read in the pass to its last,
     * so memory is at most the blocks a pass has begun and not finished. Read in any other order, it reads through
     * the cache of the last {@value #CACHED_BLOCKS} blocks.
     */
    public List<T> view(int[] indices, Transform<T> transform) {
        int[] at = indices.clone();
        int[] lastUse;
        synchronized (this) {
            lastUse = new int[blockCount];
            Arrays.fill(lastUse, -1);
            for (int p = 0; p < at.length; p++) {
                java.util.Objects.checkIndex(at[p], size);
                int b = blockOf(at[p]);
                if (b >= 0) {
                    lastUse[b] = p;
                }
            }
        }
        return new View<>(this, at, lastUse, transform);
    }

    /** The list {@link #view} gives. */
    static final class View<T> extends AbstractList<T> implements RandomAccess {
        private final StoredList<T> store;
        private final int[] indices;
        /** Per block: the last position of the view in it, or -1. */
        private final int[] lastUse;
        private final Transform<T> transform;
        /** The blocks a front-to-back pass has inflated and will read again. */
        private final Map<Integer, byte[]> pinned = new java.util.HashMap<>();
        /** The position a front-to-back pass reads next. */
        private int next;

        View(StoredList<T> store, int[] indices, int[] lastUse, Transform<T> transform) {
            this.store = store;
            this.indices = indices;
            this.lastUse = lastUse;
            this.transform = transform;
        }

        @Override
        public T get(int i) {
            int index = indices[i];
            T value;
            synchronized (store) {
                if (i == 0) { // a pass begins (again)
                    pinned.clear();
                    next = 0;
                }
                if (i == next) {
                    value = store.read(index, pinned);
                    int b = store.blockOf(index);
                    if (b >= 0 && lastUse[b] == i) {
                        pinned.remove(b);
                    }
                    next = i + 1;
                } else {
                    value = store.get(index);
                }
            }
            return transform.apply(index, value);
        }

        @Override
        public int size() {
            return indices.length;
        }

        /** Blocks inflated and kept for the rest of a pass (for tests). */
        int pinned() {
            synchronized (store) {
                return pinned.size();
            }
        }
    }

    /** True for a list {@link #view} gave: unmodifiable already, so a holder need not copy it. */
    public static boolean isView(List<?> list) {
        return list instanceof View<?>;
    }
}
