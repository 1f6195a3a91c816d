package io.sipvista.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP stream's packets, loss and jitter per interval of capture time, frozen: what a chart of the stream draws.
 * Interval {@code i} covers {@code [first packet's capture time + i * intervalMs, + intervalMs)}. A stream starts with
 * 1000 ms intervals; when it outgrows {@value #MAX_INTERVALS} of them, {@code intervalMs} doubles and neighbouring
 * intervals merge (sums of packets and loss, the higher jitter), as often as needed, so the series stays bounded
 * whatever the stream's length. {@link RtpStreamStats} documents how a packet is placed and counted.
 *
 * <p>The arrays are copied in and out; equality compares their contents. Every finished stream keeps its series to
 * the end of the capture, so it is held small: counts as {@code int}s when they fit (they all do unless an interval
 * saw over two billion packets), and no loss array when nothing was lost.
 */
public final class StreamSeries {
    /** The most intervals a series holds. */
    public static final int MAX_INTERVALS = 600;
    /** The interval length a stream starts with, milliseconds. */
    public static final long FIRST_INTERVAL_MS = 1000;

    private final long intervalMs;
    private final int size;
    /** Packets per interval as ints, or null when one needs a long ({@link #widePackets} then). */
    private final int[] packets;
    private final long[] widePackets;
    /** Loss per interval as ints, or null when one needs a long ({@link #wideLost}) or none was lost (both null). */
    private final int[] lost;
    private final long[] wideLost;
    private final double[] jitterMaxMs;

    /**
     * @param intervalMs  the length of each interval, milliseconds (1000 × a power of two)
     * @param packets     RTP packets received in each interval (duplicates and strays included, as the stream's
     *                    {@code packets}); a stretch with no packets gives zeros
     * @param lost        per interval: the packets the sequence numbers say were expected in it minus those received
     *                    in it, never below 0 (see {@link RtpStreamStats})
     * @param jitterMaxMs per interval: the highest RFC 3550 jitter estimate after a packet of that interval, ms; NaN
     *                    when no packet of the interval fed the estimator
     */
    public StreamSeries(long intervalMs, long[] packets, long[] lost, double[] jitterMaxMs) {
        if (intervalMs <= 0 || packets == null || lost == null || jitterMaxMs == null
                || lost.length != packets.length || jitterMaxMs.length != packets.length
                || packets.length > MAX_INTERVALS) {
            throw new IllegalArgumentException("intervalMs " + intervalMs + " or arrays of unequal or too great length");
        }
        this.intervalMs = intervalMs;
        this.size = packets.length;
        this.packets = narrow(packets);
        this.widePackets = this.packets == null ? packets.clone() : null;
        boolean anyLost = false;
        for (long l : lost) {
            anyLost |= l != 0;
        }
        this.lost = anyLost ? narrow(lost) : null;
        this.wideLost = anyLost && this.lost == null ? lost.clone() : null;
        this.jitterMaxMs = jitterMaxMs.clone();
    }

    /** {@code values} as ints, or null when one does not fit. */
    private static int[] narrow(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != (int) values[i]) {
                return null;
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** The length of each interval, milliseconds (1000 × a power of two). */
    public long intervalMs() {
        return intervalMs;
    }

    /** How many intervals (0 for a stream with no packet). */
    public int size() {
        return size;
    }

    /** Packets received in each interval (a copy). */
    public long[] packets() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = packets(i);
        }
        return out;
    }

    /** Packets lost in each interval (a copy). */
    public long[] lost() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = lost(i);
        }
        return out;
    }

    /** The highest jitter estimate of each interval, ms, NaN when none (a copy). */
    public double[] jitterMaxMs() {
        return jitterMaxMs.clone();
    }

    /** Packets received in interval {@code i}. */
    public long packets(int i) {
        Objects.checkIndex(i, size);
        return packets != null ? packets[i] : widePackets[i];
    }

    /** Packets lost in interval {@code i}. */
    public long lost(int i) {
        Objects.checkIndex(i, size);
        return lost != null ? lost[i] : wideLost != null ? wideLost[i] : 0;
    }

    /** True when a packet of interval {@code i} fed the jitter estimator. */
    public boolean jitterKnown(int i) {
        return !Double.isNaN(jitterMaxMs[i]);
    }

    /** The highest jitter estimate in interval {@code i}, ms; NaN when none. */
    public double jitterMaxMs(int i) {
        return jitterMaxMs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamSeries s && s.intervalMs == intervalMs && Arrays.equals(s.packets(), packets())
                && Arrays.equals(s.lost(), lost()) && Arrays.equals(s.jitterMaxMs, jitterMaxMs);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(intervalMs) * 31 * 31 * 31 + Arrays.hashCode(packets()) * 31 * 31
                + Arrays.hashCode(lost()) * 31 + Arrays.hashCode(jitterMaxMs);
    }

    @Override
    public String toString() {
        return "StreamSeries[intervalMs=" + intervalMs + ", packets=" + Arrays.toString(packets()) + ", lost="
                + Arrays.toString(lost()) + ", jitterMaxMs=" + Arrays.toString(jitterMaxMs) + "]";
    }
}
