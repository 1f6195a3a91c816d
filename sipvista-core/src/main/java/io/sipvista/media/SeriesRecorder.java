package io.sipvista.media;

import java.util.Arrays;

/**
 * The growing {@link StreamSeries} of one stream, owned by its {@link RtpStreamStats}: three primitive arrays that
 * start at {@value #INITIAL_CAPACITY} intervals, double when a stream outlives them and stop at
 * {@value StreamSeries#MAX_INTERVALS}; past that the interval doubles and neighbours merge in place. Folding a
 * packet in allocates nothing (only the few growths of a stream's first {@value StreamSeries#MAX_INTERVALS}
 * intervals do).
 *
 * <p>Loss is kept signed per interval (packets expected minus received, which duplicates and late packets can make
 * negative) so that merged intervals add up exactly; it is floored at 0 only when frozen.
 */
final class SeriesRecorder {
    static final int INITIAL_CAPACITY = 4;
    private static final long NANOS_PER_MS = 1_000_000L;

    /** Packets per interval: 32 bits suffice, as a stream of 2^31 packets is beyond any capture this reads. */
    private int[] packets = new int[INITIAL_CAPACITY];
    private long[] lost = new long[INITIAL_CAPACITY];
    private double[] jitter = filled(INITIAL_CAPACITY);
    private long intervalNanos = StreamSeries.FIRST_INTERVAL_MS * NANOS_PER_MS;
    private boolean started;
    private long firstNanos;
    /** The latest interval a packet went to; every entry after it is 0, 0 and -1. */
    private int current;
    /**
     * Interval {@link #current}'s packets, loss and jitter, kept here while packets go to it and written to the
     * arrays when the next interval begins (or the series is frozen): a packet then touches this object only, not
     * three arrays elsewhere in memory. The arrays' entry for {@code current} is stale until then.
     */
    private int currentPackets;
    private long currentLost;
    private double currentJitter = -1;
    /**
     * Where the interval after {@link #current} starts, ns after the first packet ({@link Long#MAX_VALUE} when past
     * the range of a long): most packets fall before it, so they need no division.
     */
    private long nextOffset = intervalNanos;

    private static double[] filled(int n) {
        double[] d = new double[n];
        Arrays.fill(d, -1);
        return d;
    }

    /**
     * Counts one packet arriving at {@code arrivalNanos} in its interval, with {@code lostDelta} (the growth of the
     * stream's expected count minus that of its received count caused by this packet). A capture time before the
     * latest interval (the capture's clock went back) counts in the latest interval.
     */
    void packet(long arrivalNanos, long lostDelta) {
        if (!started) {
            started = true;
            firstNanos = arrivalNanos;
        } else {
            long offset = arrivalNanos - firstNanos;
            if (offset >= nextOffset) {
                store();
                while (offset / intervalNanos >= StreamSeries.MAX_INTERVALS) {
                    halve();
                }
                int k = (int) (offset / intervalNanos);
                if (k >= packets.length) {
                    grow(k + 1);
                }
                current = k;
                currentPackets = packets[k];
                currentLost = lost[k];
                currentJitter = jitter[k];
                nextOffset = start(current + 1);
            }
        }
        currentPackets++;
        currentLost += lostDelta;
    }

    /** Writes the current interval's counts to the arrays. */
    private void store() {
        packets[current] = currentPackets;
        lost[current] = currentLost;
        jitter[current] = currentJitter;
    }

    /** The jitter estimate after the last packet counted, ms. */
    void jitter(double ms) {
        if (ms > currentJitter) {
            currentJitter = ms;
        }
    }

    /** Doubles the interval: interval j becomes the merge of 2j and 2j+1 (the current one stored first). */
    private void halve() {
        int used = current + 1;
        int merged = (used + 1) / 2;
        for (int j = 0; j < merged; j++) {
            int a = 2 * j;
            int b = a + 1;
            int p = packets[a];
            long l = lost[a];
            double x = jitter[a];
            if (b < used) {
                p += packets[b];
                l += lost[b];
                x = Math.max(x, jitter[b]);
            }
            packets[j] = p;
            lost[j] = l;
            jitter[j] = x;
        }
        Arrays.fill(packets, merged, used, 0);
        Arrays.fill(lost, merged, used, 0);
        Arrays.fill(jitter, merged, used, -1);
        current = merged - 1;
        intervalNanos *= 2;
        nextOffset = start(current + 1);
    }

    /** Where interval {@code k} starts, ns after the first packet, or {@link Long#MAX_VALUE} past a long's range. */
    private long start(int k) {
        long high = Math.multiplyHigh(k, intervalNanos);
        long low = k * intervalNanos;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private void grow(int needed) {
        int size = Math.min(StreamSeries.MAX_INTERVALS, Math.max(needed, packets.length * 2));
        int old = packets.length;
        packets = Arrays.copyOf(packets, size);
        lost = Arrays.copyOf(lost, size);
        jitter = Arrays.copyOf(jitter, size);
        Arrays.fill(jitter, old, size, -1);
    }

    /** The series so far, frozen; empty when no packet was counted. */
    StreamSeries freeze() {
        store();
        int n = started ? current + 1 : 0;
        long[] p = new long[n];
        long[] l = new long[n];
        double[] j = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = packets[i];
            l[i] = Math.max(0, lost[i]);
            j[i] = jitter[i] < 0 ? Double.NaN : jitter[i];
        }
        return new StreamSeries(intervalNanos / NANOS_PER_MS, p, l, j);
    }
}
