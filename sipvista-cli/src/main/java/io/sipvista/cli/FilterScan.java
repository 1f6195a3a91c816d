package io.sipvista.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * The frames of one capture that pass one {@link FrameFilter}, found once and kept: a bit per frame scanned (with
 * a running count every 4096 frames, so the n-th match is found without counting them all), so even a filter
 * every frame passes costs an eighth of a byte per frame. The scan runs on a background thread, a block of the
 * {@link FrameIndex} at a time, up to the frames indexed so far; {@link #kick()} starts it again when more frames
 * came (the page polls), and it is {@link #complete()} when the index is finished and every frame was looked at.
 */
final class FilterScan {
    private static final int WORDS_PER_COUNT = 64;
    /** Blocks looked at in one step when the filter needs only the facts in memory. */
    private static final int BLOCKS_FROM_MEMORY = 64;

    private final FrameIndex index;
    private final FrameFilter filter;
    /** The filter's call as an index into the analysis' calls; negative when it names a call the capture lacks. */
    private final int call;
    private final Executor executor;

    // guarded by this
    private long[] words = new long[64];
    private int[] countBefore = new int[4];
    private int scanned;
    private int matched;
    private boolean complete;
    private boolean running;
    private boolean cancelled;
    private String failure;

    /**
     * @param call the filter's call as the index numbers calls ({@code call-1} is 0); ignored without a call
     *             filter; negative when the filter names a call the capture does not have (nothing matches)
     */
    FilterScan(FrameIndex index, FrameFilter filter, int call, Executor executor) {
        this.index = index;
        this.filter = filter;
        this.call = call;
        this.executor = executor;
    }

    /** Starts the scan in the background unless it is running or done. */
    void kick() {
        synchronized (this) {
            if (running || complete || cancelled) {
                return;
            }
            running = true;
        }
        executor.execute(this::run);
    }

    /** Stops the scan at its next block. */
    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    /** Waits up to {@code millis} until {@code needed} matches are known or the scan is complete. */
    synchronized void await(int needed, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (matched < needed && !complete && !cancelled && failure == null && running) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
    }

    synchronized int matched() {
        return matched;
    }

    synchronized boolean complete() {
        return complete;
    }

    /** Why the scan stopped early (the index could not be read), or null. */
    synchronized String failure() {
        return failure;
    }

    /** The ordinals of matches {@code offset} .. {@code offset + limit - 1} known so far, ascending. */
    synchronized int[] matches(int offset, int limit) {
        if (offset >= matched || limit <= 0) {
            return new int[0];
        }
        int[] out = new int[Math.min(limit, matched - offset)];
        // the superblock holding the offset-th match, then the word, then the bit
        int sb = 0;
        int lo = 0;
        int hi = (scanned + 64 * WORDS_PER_COUNT - 1) / (64 * WORDS_PER_COUNT);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (countBefore[mid] <= offset) {
                sb = mid;
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int seen = countBefore[sb];
        int w = sb * WORDS_PER_COUNT;
        while (seen + Long.bitCount(words[w]) <= offset) {
            seen += Long.bitCount(words[w]);
            w++;
        }
        long word = words[w];
        for (int skip = offset - seen; skip > 0; skip--) {
            word &= word - 1;
        }
        int n = 0;
        while (n < out.length) {
            while (word == 0) {
                word = words[++w];
            }
            out[n++] = w * 64 + Long.numberOfTrailingZeros(word);
            word &= word - 1;
        }
        return out;
    }

    private void run() {
        try {
            while (true) {
                boolean finished = index.finished();
                int blocks = index.blocks();
                int from;
                synchronized (this) {
                    if (cancelled) {
                        return;
                    }
                    from = scanned;
                }
                int visible = index.blockFirst(blocks);
                if (from >= visible) {
                    synchronized (this) {
                        complete = finished;
                        notifyAll();
                    }
                    return;
                }
                int b = index.blockOf(from);
                // from memory alone, many blocks at a time; with text, one block (inflated once) at a time
                int to = index.blockFirst(filter.needsText() ? b + 1 : Math.min(b + BLOCKS_FROM_MEMORY, blocks));
                boolean[] pass = facts(from, to);
                if (filter.needsText() && any(pass)) {
                    FrameIndex.Block block = index.block(b, false);
                    for (int o = from; o < to; o++) {
                        int i = o - block.first();
                        pass[o - from] = pass[o - from] && filter.textMatches(block.src()[i], block.dst()[i],
                                block.data(), block.start()[i], block.end()[i]);
                    }
                }
                record(from, to, pass);
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                notifyAll();
            }
        } finally {
            synchronized (this) {
                running = false;
                notifyAll();
            }
        }
    }

    /** Which frames of {@code [from, to)} pass the filters answered from memory. */
    private boolean[] facts(int from, int to) {
        boolean[] pass;
        if (filter.call() != null) {
            if (call < 0) {
                return new boolean[to - from];
            }
            pass = index.inCall(from, to, call);
        } else {
            pass = new boolean[to - from];
            Arrays.fill(pass, true);
        }
        if (filter.needsSip()) {
            boolean[] sip = index.withSip(from, to, filter.method(), filter.statusLow(), filter.statusHigh());
            for (int i = 0; i < pass.length; i++) {
                pass[i] &= sip[i];
            }
        }
        return pass;
    }

    private static boolean any(boolean[] a) {
        for (boolean b : a) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private synchronized void record(int from, int to, boolean[] pass) {
        int needWords = (to + 63) / 64;
        if (needWords > words.length) {
            words = Arrays.copyOf(words, Math.max(words.length * 2, needWords));
        }
        for (int o = from; o < to; o++) {
            if (o % (64 * WORDS_PER_COUNT) == 0) {
                int sb = o / (64 * WORDS_PER_COUNT);
                if (sb >= countBefore.length) {
                    countBefore = Arrays.copyOf(countBefore, Math.max(countBefore.length * 2, sb + 1));
                }
                countBefore[sb] = matched;
            }
            if (pass[o - from]) {
                words[o >>> 6] |= 1L << (o & 63);
                matched++;
            }
        }
        scanned = to;
        notifyAll();
    }
}
