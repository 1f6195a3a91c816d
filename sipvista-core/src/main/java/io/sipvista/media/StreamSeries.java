package io.sipvista.media;

import java.util.Arrays;

/**
 * One RTP stream's packets, loss and jitter per interval of capture time, frozen: what a chart of the stream draws.
 * Interval {@code i} covers {@code [first packet's capture time + i * intervalMs, + intervalMs)}. A stream starts with
 * 1000 ms intervals; when it outgrows {@value #MAX_INTERVALS} of them, {@code intervalMs} doubles and neighbouring
 * intervals merge (sums of packets and loss, the higher jitter), as often as needed, so the series stays bounded
 * whatever the stream's length. {@link RtpStreamStats} documents how a packet is placed and counted.
 *
 * <p>The arrays are copied in and out; equality compares their contents.
 *
 * @param intervalMs  the length of each interval, milliseconds (1000 × a power of two)
 * @param packets     RTP packets received in each interval (duplicates and strays included, as the stream's
 *                    {@code packets}); a stretch with no packets gives zeros
 * @param lost        per interval: the packets the sequence numbers say were expected in it minus those received in
 *                    it, never below 0 (see {@link RtpStreamStats})
 * @param jitterMaxMs per interval: the highest RFC 3550 jitter estimate after a packet of that interval, ms; NaN when
 *                    no packet of the interval fed the estimator
 */
public record StreamSeries(long intervalMs, long[] packets, long[] lost, double[] jitterMaxMs) {
    /** The most intervals a series holds. */
    public static final int MAX_INTERVALS = 600;
    /** The interval length a stream starts with, milliseconds. */
    public static final long FIRST_INTERVAL_MS = 1000;

    public StreamSeries {
        if (intervalMs <= 0 || packets == null || lost == null || jitterMaxMs == null
                || lost.length != packets.length || jitterMaxMs.length != packets.length
                || packets.length > MAX_INTERVALS) {
            throw new IllegalArgumentException("intervalMs " + intervalMs + " or arrays of unequal or too great length");
        }
        packets = packets.clone();
        lost = lost.clone();
        jitterMaxMs = jitterMaxMs.clone();
    }

    /** How many intervals (0 for a stream with no packet). */
    public int size() {
        return packets.length;
    }

    /** Packets received in each interval (a copy). */
    @Override
    public long[] packets() {
        return packets.clone();
    }

    /** Packets lost in each interval (a copy). */
    @Override
    public long[] lost() {
        return lost.clone();
    }

    /** The highest jitter estimate of each interval, ms, NaN when none (a copy). */
    @Override
    public double[] jitterMaxMs() {
        return jitterMaxMs.clone();
    }

    /** Packets received in interval {@code i}. */
    public long packets(int i) {
        return packets[i];
    }

    /** Packets lost in interval {@code i}. */
    public long lost(int i) {
        return lost[i];
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
        return o instanceof StreamSeries s && s.intervalMs == intervalMs && Arrays.equals(s.packets, packets)
                && Arrays.equals(s.lost, lost) && Arrays.equals(s.jitterMaxMs, jitterMaxMs);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(intervalMs) * 31 * 31 * 31 + Arrays.hashCode(packets) * 31 * 31
                + Arrays.hashCode(lost) * 31 + Arrays.hashCode(jitterMaxMs);
    }

    @Override
    public String toString() {
        return "StreamSeries[intervalMs=" + intervalMs + ", packets=" + Arrays.toString(packets) + ", lost="
                + Arrays.toString(lost) + ", jitterMaxMs=" + Arrays.toString(jitterMaxMs) + "]";
    }
}
