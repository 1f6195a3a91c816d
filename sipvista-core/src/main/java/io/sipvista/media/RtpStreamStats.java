package io.sipvista.media;

/**
 * Statistics of ONE RTP stream (one SSRC, or one 5-tuple direction), fed packet by packet in capture order. It owns
 * only primitive counters, a 128-bit window, two small {@link ModeCounter}s (payload types and packetization times)
 * and the bounded arrays of its series, so {@link #update} allocates nothing but for the few growths of those: a
 * capture's packets are folded in and dropped.
 *
 * <p>Sequence numbers follow RFC 3550 Appendix A.1, with these choices where the RFC leaves one:
 * <ul>
 *   <li>No probation: the first packet starts the stream (the caller already decided the flow is RTP, usually from
 *       SDP), so {@code MIN_SEQUENTIAL} is not applied.</li>
 *   <li>A packet up to MAX_DROPOUT (3000) ahead is in order; the numbers it skips count as one loss burst. A wrap
 *       past 65535 adds a cycle.</li>
 *   <li>A packet more than 3000 ahead or more than MAX_MISORDER (100) behind is a stray, not counted, unless the very
 *       next packet follows it: then the stream restarts from the stray ({@code sequenceJumps}), and the stray and
 *       its follower are both counted in the new run. What the old run expected stays in {@code expected}.</li>
 *   <li>A packet up to 100 behind is a duplicate if its number was seen (a 128-entry bitmap of recent numbers),
 *       otherwise out of order; if it falls into a gap, the gap's loss count shrinks by one. A late packet older than
 *       the first one of the run moves the run's base back, so it is expected as well as received.</li>
 *   <li>Duplicates are counted as received, as in A.1, so {@code lost} may go negative; it is reported as is.</li>
 *   <li>An SSRC different from the previous packet's is a change: counted, its frame kept (only the last), and the
 *       sequence and jitter state start again, as for a new source.</li>
 * </ul>
 *
 * <p>Jitter is RFC 3550 A.8 ({@code J += (|D| - J) / 16}) in arrival order, computed in double precision in
 * timestamp units of the payload type's clock rate ({@link ClockRates}), with these choices:
 * <ul>
 *   <li>RFC 4733 telephone-event and comfort-noise packets ({@link ClockRates#timingOnly}) are left out: an event
 *       keeps one timestamp for its whole duration and CN is sparse, so both would distort the audio jitter. The
 *       next audio packet is compared with the previous audio packet.</li>
 *   <li>Duplicates and strays are left out; out-of-order packets are in (arrival order, as the RFC says).</li>
 *   <li>A difference D of more than 5 s of the clock between two packets is a timestamp discontinuity (a sender
 *       that restarts its RTP timestamps under the same SSRC, or stops them during silence), not network jitter:
 *       it is counted ({@code timestampJumps}) and the packet becomes the new reference, the estimate unchanged.
 *       Without this one such packet would add D/16 (seconds) to the estimate.</li>
 *   <li>A payload type with an unknown clock rate is left out and counted ({@code unknownClockPackets}).</li>
 *   <li>When the clock rate changes (a codec switch), no difference is taken across the switch and the estimate is
 *       rescaled to the new clock, so its value in milliseconds carries over.</li>
 * </ul>
 *
 * <p>Packetization time: between two consecutive sequence numbers of the same media payload type, the timestamp
 * increment divided by the clock rate, rounded to whole milliseconds (1-255 kept); the most common value wins (the
 * smaller on a tie). Arrival deltas are between consecutive packets in arrival order, except the gap before a packet
 * with the marker bit set: for audio that packet starts a talkspurt (RFC 3551 §4.1) and the gap is silence
 * suppression, not the network (Wireshark's RTP analysis makes the same exclusion, so the values compare).
 *
 * <p>Series ({@link #series()}, a {@link StreamSeries}): interval {@code i} covers {@code [first packet's capture
 * time + i * intervalMs, + intervalMs)}, starting at 1000 ms; past 600 intervals the interval doubles and neighbours
 * merge, so a stream keeps at most 600 × 3 numbers however long it runs. Per interval:
 * <ul>
 *   <li>packets: every packet whose capture time falls in it (duplicates and strays included, so the intervals add
 *       up to {@code packets}); a packet whose capture time lies before the latest interval already started (the
 *       capture's clock went back) counts in that latest interval. Intervals with no packet (a pause) are zeros.</li>
 *   <li>lost: how much the packets of the interval raised the expected count (RFC 3550 A.3, highest extended
 *       sequence number at the end of the interval minus the highest at the end of the interval before; for the
 *       first interval, from the first packet's number minus 1; summed over restarts and SSRC changes) minus how many
 *       of them count as received (every packet but strays, as in {@code lost}), floored at 0. Loss that a gap in the
 *       numbers reveals lands in the interval of the packet that reveals it. With no duplicates and no reordering
 *       the intervals add up to {@code lost}; a late packet that fills an earlier interval's gap is not taken back
 *       there.</li>
 *   <li>jitter: the highest jitter estimate (ms) after a packet of the interval that fed the estimator (the same
 *       packets as {@code maxJitterMs}: telephone-event, CN, unknown clock rates, duplicates and strays left out).</li>
 * </ul>
 *
 * <p>Not thread-safe; one instance per stream.
 */
public final class RtpStreamStats {
    private static final int RTP_SEQ_MOD = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int WINDOW = 128;
    private static final int MAX_PTIME_MS = 255;
    /** A transit-time difference beyond this is a timestamp discontinuity, not network jitter. */
    static final int MAX_TIMESTAMP_JUMP_SECONDS = 5;

    private enum Kind { FIRST, IN_ORDER, REORDERED, DUPLICATE, STRAY, RESTART }

    private final ClockRates rates;
    /** The window's two halves, as fields: a packet then touches this object, not an array elsewhere in memory. */
    private long windowLow;
    private long windowHigh;
    private final ModeCounter payloadTypeCounts = new ModeCounter(127);
    private final ModeCounter ptimeCounts = new ModeCounter(MAX_PTIME_MS);
    /**
     * The payload type and packetization time of the latest packets and how many in a row had them, which their
     * counters are still to get (-1: none): a stream mostly keeps both, so a packet adds to a field here, and the
     * counters (objects elsewhere in memory) are touched when the value changes or the stream is summarised.
     */
    private int runPayloadType = -1;
    private long runPayloadTypes;
    private int runPtime = -1;
    private long runPtimes;

    private boolean started;
    private long packets;
    private long bytes;
    private long markers;
    private long firstArrival;
    private long lastArrival;
    private long firstFrame = -1;
    private long lastFrame = -1;
    private long maxDeltaNanos;
    private long deltaSumNanos;
    private long deltaCount;
    private long ptLow;
    private long ptHigh;

    private long ssrc;
    private int ssrcChanges;
    private long lastSsrcChangeFrame = -1;

    // RFC 3550 A.1 state of the current run; extended numbers are cycles + seq
    private int maxSeq;
    private long cycles;
    private long baseExt;
    private int badSeq = RTP_SEQ_MOD + 1;
    private long runReceived;
    private long priorExpected;
    private long priorReceived;
    private int sequenceJumps;
    private long strays;
    private long duplicates;
    private long outOfOrder;
    private long lossBursts;
    private long gapPackets;
    private long maxLossBurst;

    // RFC 3550 A.8 state
    private boolean haveRef;
    private long refArrival;
    private long refTimestamp;
    private long refExt;
    private int refPayloadType;
    private int jitterClock;
    private double jitter;
    private double maxJitterMs;
    private double jitterMsSum;
    private long jitterSamples;
    private long unknownClockPackets;
    private long timestampJumps;
    /** The last payload type looked up in {@link #rates} (-1 before any), and its clock rate and timing: a stream
     * mostly keeps one type, so most packets need no lookup. */
    private int ratesType = -1;
    private int ratesClock;
    private boolean ratesTimingOnly;

    private final SeriesRecorder series = new SeriesRecorder();

    /** A stream whose payload types are resolved by {@code rates}. */
    public RtpStreamStats(ClockRates rates) {
        if (rates == null) {
            throw new IllegalArgumentException("rates");
        }
        this.rates = rates;
    }

    /**
     * Folds one packet in. Never throws, and allocates only when its counters or series grow (a few times in a
     * stream's life); values out of range are masked (sequence to 16 bits, timestamp and SSRC to 32 bits), a payload
     * type outside 0-127 is counted but not classified.
     *
     * @param seq           RTP sequence number
     * @param rtpTimestamp  RTP timestamp (unsigned 32-bit)
     * @param ssrc          SSRC (unsigned 32-bit)
     * @param payloadType   payload type 0-127
     * @param marker        the marker bit
     * @param arrivalNanos  capture time, nanoseconds (any epoch, the same for every packet)
     * @param payloadLength RTP payload length in bytes
     * @param frame         frame number of the packet in the capture
     */
    public void update(int seq, long rtpTimestamp, long ssrc, int payloadType, boolean marker, long arrivalNanos,
                       int payloadLength, long frame) {
        seq &= 0xFFFF;
        long ts = rtpTimestamp & 0xFFFFFFFFL;
        long source = ssrc & 0xFFFFFFFFL;
        long lostBefore = unaccounted();
        packets++;
        if (payloadLength > 0) {
            bytes += payloadLength;
        }
        if (marker) {
            markers++;
        }
        Kind kind;
        if (!started) {
            started = true;
            firstArrival = arrivalNanos;
            firstFrame = frame;
            this.ssrc = source;
            initRun(seq);
            kind = Kind.FIRST;
        } else {
            if (!marker) {
                long delta = arrivalNanos - lastArrival;
                deltaSumNanos += delta;
                deltaCount++;
                if (delta > maxDeltaNanos) {
                    maxDeltaNanos = delta;
                }
            }
            if (source != this.ssrc) {
                ssrcChanges++;
                lastSsrcChangeFrame = frame;
                this.ssrc = source;
                closeRun();
                initRun(seq);
                haveRef = false;
                kind = Kind.FIRST;
            } else {
                kind = sequence(seq);
            }
        }
        lastArrival = arrivalNanos;
        lastFrame = frame;
        series.packet(arrivalNanos, unaccounted() - lostBefore);
        boolean validPt = payloadType >= 0 && payloadType <= 127;
        if (validPt) {
            if (payloadType < 64) {
                ptLow |= 1L << payloadType;
            } else {
                ptHigh |= 1L << (payloadType - 64);
            }
        }
        if (kind == Kind.RESTART) {
            haveRef = false;
        }
        if (kind == Kind.DUPLICATE || kind == Kind.STRAY || !validPt) {
            return;
        }
        if (payloadType != ratesType) {
            ratesType = payloadType;
            ratesClock = rates.clockRate(payloadType);
            ratesTimingOnly = rates.timingOnly(payloadType);
        }
        if (ratesTimingOnly) {
            return;
        }
        if (payloadType != runPayloadType) {
            flushPayloadTypes();
            runPayloadType = payloadType;
        }
        runPayloadTypes++;
        int clock = ratesClock;
        if (clock <= 0) {
            unknownClockPackets++;
            return;
        }
        long ext = extended(seq);
        double d = haveRef && clock == jitterClock
                ? (arrivalNanos - refArrival) * (double) clock / 1e9 - (int) (ts - refTimestamp) : 0;
        if (Math.abs(d) > (double) MAX_TIMESTAMP_JUMP_SECONDS * clock) {
            timestampJumps++; // the sender restarted its RTP clock: take this packet as the new reference
        } else if (haveRef && clock == jitterClock) {
            jitter += (Math.abs(d) - jitter) / 16.0;
            jitterSamples++;
            double ms = jitter * 1000.0 / clock;
            if (ms > maxJitterMs) {
                maxJitterMs = ms;
            }
            series.jitter(ms);
            jitterMsSum += ms;
            if (payloadType == refPayloadType && ext == refExt + 1) {
                int increment = (int) (ts - refTimestamp);
                if (increment > 0) {
                    long ptime = Math.round(increment * 1000.0 / clock);
                    if (ptime >= 1 && ptime <= MAX_PTIME_MS) {
                        if (ptime != runPtime) {
                            flushPtimes();
                            runPtime = (int) ptime;
                        }
                        runPtimes++;
                    }
                }
            }
        } else if (jitterClock > 0 && clock != jitterClock) {
            jitter = jitter * clock / jitterClock;
        }
        jitterClock = clock;
        haveRef = true;
        refArrival = arrivalNanos;
        refTimestamp = ts;
        refExt = ext;
        refPayloadType = payloadType;
    }

    /** Adds the run of equal payload types to their counter. */
    private void flushPayloadTypes() {
        if (runPayloadTypes > 0) {
            payloadTypeCounts.add(runPayloadType, runPayloadTypes);
            runPayloadTypes = 0;
        }
    }

    /** Adds the run of equal packetization times to their counter. */
    private void flushPtimes() {
        if (runPtimes > 0) {
            ptimeCounts.add(runPtime, runPtimes);
            runPtimes = 0;
        }
    }

    /** Expected minus received so far (RFC 3550 A.3, over every run): the stream's {@code lost} at this point. */
    private long unaccounted() {
        return started ? priorExpected + cycles + maxSeq - baseExt + 1 - priorReceived - runReceived : 0;
    }

    private void initRun(int seq) {
        maxSeq = seq;
        cycles = 0;
        baseExt = seq;
        badSeq = RTP_SEQ_MOD + 1;
        runReceived = 1;
        windowLow = 0;
        windowHigh = 0;
        mark(seq);
    }

    private void closeRun() {
        priorExpected += cycles + maxSeq - baseExt + 1;
        priorReceived += runReceived;
    }

    /** The extended number of {@code seq} as placed by the last {@link #sequence} call (within the window). */
    private long extended(int seq) {
        long max = cycles + maxSeq;
        int behind = (maxSeq - seq) & 0xFFFF;
        return behind < RTP_SEQ_MOD - MAX_DROPOUT ? max - behind : max + ((seq - maxSeq) & 0xFFFF);
    }

    private Kind sequence(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta == 0) {
            runReceived++;
            duplicates++;
            return Kind.DUPLICATE;
        }
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD;
            }
            long oldMax = cycles + maxSeq - (seq < maxSeq ? RTP_SEQ_MOD : 0);
            long newMax = oldMax + udelta;
            if (udelta >= WINDOW) {
                windowLow = 0;
                windowHigh = 0;
            } else {
                for (long e = oldMax + 1; e < newMax; e++) {
                    clear(e);
                }
            }
            if (udelta > 1) {
                lossBursts++;
                gapPackets += udelta - 1;
                maxLossBurst = Math.max(maxLossBurst, udelta - 1);
            }
            maxSeq = seq;
            mark(newMax);
            runReceived++;
            badSeq = RTP_SEQ_MOD + 1;
            return Kind.IN_ORDER;
        }
        if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // the stray before this packet was seq - 1: restart the run from it
                strays--;
                sequenceJumps++;
                closeRun();
                initRun(seq);
                baseExt = seq - 1;
                mark(seq - 1);
                runReceived = 2;
                return Kind.RESTART;
            }
            badSeq = (seq + 1) & 0xFFFF;
            strays++;
            return Kind.STRAY;
        }
        long ext = cycles + maxSeq - (RTP_SEQ_MOD - udelta);
        runReceived++;
        if (ext >= baseExt && seen(ext)) {
            duplicates++;
            return Kind.DUPLICATE;
        }
        mark(ext);
        outOfOrder++;
        if (ext < baseExt) {
            for (long e = ext + 1; e < baseExt; e++) {
                clear(e);
            }
            baseExt = ext;
        } else if (gapPackets > 0) {
            gapPackets--;
        }
        return Kind.REORDERED;
    }

    private void mark(long ext) {
        int bit = (int) (ext & (WINDOW - 1));
        if (bit < 64) {
            windowLow |= 1L << bit;
        } else {
            windowHigh |= 1L << (bit - 64);
        }
    }

    private void clear(long ext) {
        int bit = (int) (ext & (WINDOW - 1));
        if (bit < 64) {
            windowLow &= ~(1L << bit);
        } else {
            windowHigh &= ~(1L << (bit - 64));
        }
    }

    private boolean seen(long ext) {
        int bit = (int) (ext & (WINDOW - 1));
        return ((bit < 64 ? windowLow >>> bit : windowHigh >>> (bit - 64)) & 1L) != 0;
    }

    /** Packets, loss and jitter per interval of capture time so far, frozen (empty before the first packet). */
    public StreamSeries series() {
        return series.freeze();
    }

    /** Packets folded in so far. */
    public long packets() {
        return packets;
    }

    /** The statistics so far, frozen; the stream can go on being updated. */
    public RtpStreamSummary summary() {
        long expected = priorExpected + (started ? cycles + maxSeq - baseExt + 1 : 0);
        long received = priorReceived + (started ? runReceived : 0);
        long lost = expected - received;
        double lossPercent = expected > 0 ? lost * 100.0 / expected : 0;
        double burstRatio = 1.0;
        long uniqueReceived = received - duplicates;
        if (lossBursts > 0 && gapPackets > 0 && uniqueReceived > 0) {
            double p = (double) lossBursts / uniqueReceived;
            double q = Math.min(1.0, (double) lossBursts / gapPackets);
            burstRatio = 1.0 / (p + q);
        }
        flushPayloadTypes();
        flushPtimes();
        int dominant = payloadTypeCounts.mode();
        int ptime = Math.max(0, ptimeCounts.mode());
        double jitterMs = jitterClock > 0 ? jitter * 1000.0 / jitterClock : 0;
        double meanDeltaMs = deltaCount > 0 ? deltaSumNanos / 1e6 / deltaCount : 0;
        return new RtpStreamSummary(packets, bytes, expected, received, lost, lossPercent, duplicates, outOfOrder,
                sequenceJumps, strays, lossBursts, maxLossBurst, burstRatio, ssrc, ssrcChanges, lastSsrcChangeFrame,
                jitterSamples, jitterClock, jitter, jitterMs, maxJitterMs,
                jitterSamples > 0 ? jitterMsSum / jitterSamples : 0, unknownClockPackets, timestampJumps,
                maxDeltaNanos / 1e6, meanDeltaMs, markers, new PayloadTypeSet(ptLow, ptHigh), dominant, ptime,
                started ? firstArrival : 0, started ? lastArrival : 0, firstFrame, lastFrame);
    }
}
