package io.sipvista.media;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the RFC 4733 telephone-event packets of one RTP stream (one SSRC, one direction) and turns them into
 * {@link DtmfDigit}s: one per key press or tone, however many packets reported it.
 *
 * <p>RFC 4733 sends one event many times: every packet repeats the event code with a growing duration, all under the
 * RTP timestamp of the event's start (§2.5.1.2); the marker bit is set on the first; the last carries the end bit
 * (E) and is sent three times. So an event is identified by its code and its start timestamp: a packet with the same
 * pair extends the open event, a packet with a new timestamp (or a new code) closes it and opens the next. An event
 * whose end packets were all lost is closed by the next event or by {@link #finish()}, with {@code endSeen} false.
 * An event whose first packets were lost is still found, with {@code startSeen} false, its duration read from the
 * later reports.
 *
 * <p>Choices where RFC 4733 leaves room:
 * <ul>
 *   <li>Long events (§2.5.1.3): a report with the same code at a timestamp 0xF000 to 0x10000 units after the open
 *       segment's start, while that segment has not ended, is the event's next segment; the durations add up.
 *       Senders that instead let the 16-bit duration wrap (a duration that falls from 0xC000 or more to under 0x4000
 *       on a newer sequence number) are read as having gone past 0xFFFF.</li>
 *   <li>Several events packed in one packet (§2.5.1.5): the first starts at the packet's timestamp, each next one
 *       where the one before it ends.</li>
 *   <li>A report arriving late for the event just closed can still set its end bit and duration; a report older than
 *       that is ignored.</li>
 *   <li>A clock rate of zero or less is taken as 8000 Hz, the telephone-event default, and named.</li>
 * </ul>
 *
 * <p>Memory: the open event and the finished events (at most {@code maxEvents}; past that they are counted, not kept),
 * nothing per packet. Anomalies are counted and told once each by {@link #anomalies()}. Nothing here throws on wire
 * data: a payload that is not whole 4-byte events is read as far as it goes and named.
 */
public final class TelephoneEvents {
    /** Events kept by the no-argument constructor. */
    public static final int DEFAULT_MAX_EVENTS = 10_000;
    private static final int DEFAULT_CLOCK_RATE = 8000;

    private final int maxEvents;
    private final List<DtmfDigit> digits = new ArrayList<>();

    // the open event
    private boolean open;
    private int code;
    private long firstTs;
    private long segmentTs;
    private long earlierSegments;
    private long segmentMax;
    private int wraps;
    private int lastRaw;
    private int lastSeq;
    private long startFrame;
    private long endFrame;
    private long startNanos;
    private int volume;
    private boolean endSeen;
    private boolean startSeen;
    private int clockRate;

    // the event closed last, for reports that arrive after the next one started
    private boolean closed;
    private int closedCode;
    private long closedSegmentTs;
    private long closedEarlierSegments;
    private int closedClockRate;

    private long truncatedPackets;
    private long badClockPackets;
    private int lastBadClockRate;
    private long droppedEvents;

    /** A decoder that keeps up to {@link #DEFAULT_MAX_EVENTS} events. */
    public TelephoneEvents() {
        this(DEFAULT_MAX_EVENTS);
    }

    /** A decoder that keeps up to {@code maxEvents} events (at least 1) and counts the rest. */
    public TelephoneEvents(int maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1: " + maxEvents);
        }
        this.maxEvents = maxEvents;
    }

    /**
     * Reads one telephone-event packet of the stream. Packets are given in capture order.
     *
     * @param frame         the capture's frame number, kept as evidence on the digit
     * @param arrivalNanos  capture time in nanoseconds
     * @param seq           RTP sequence number (16 bits)
     * @param rtpTimestamp  RTP timestamp (32 bits, unsigned)
     * @param marker        RTP marker bit
     * @param data          bytes holding the payload
     * @param payloadOffset where the RTP payload starts in {@code data}
     * @param payloadLength RTP payload length (after the header, without padding)
     * @param clockRate     the payload type's clock rate in Hz (SDP rtpmap; 8000 when SDP gives none)
     * @throws IndexOutOfBoundsException when the payload range lies outside {@code data} (a caller's bug)
     */
    public void accept(long frame, long arrivalNanos, int seq, long rtpTimestamp, boolean marker, byte[] data,
                       int payloadOffset, int payloadLength, int clockRate) {
        Objects.checkFromIndexSize(payloadOffset, payloadLength, data.length);
        if (payloadLength < 4 || payloadLength % 4 != 0) {
            truncatedPackets++;
        }
        int rate = clockRate;
        if (rate <= 0) {
            badClockPackets++;
            lastBadClockRate = clockRate;
            rate = DEFAULT_CLOCK_RATE;
        }
        long ts = rtpTimestamp & 0xFFFFFFFFL;
        for (int p = payloadOffset; p + 4 <= payloadOffset + payloadLength; p += 4) {
            int eventCode = data[p] & 0xFF;
            int flags = data[p + 1] & 0xFF;
            int duration = ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
            boolean end = (flags & 0x80) != 0;
            report(frame, arrivalNanos, seq & 0xFFFF, ts, marker && p == payloadOffset, eventCode, end,
                    flags & 0x3F, duration, rate);
            ts = (ts + duration) & 0xFFFFFFFFL; // a packed next event starts where this one ends
        }
    }

    private void report(long frame, long nanos, int seq, long ts, boolean marker, int eventCode, boolean end,
                        int vol, int duration, int rate) {
        if (!open) {
            if (isLateForClosed(eventCode, ts)) {
                lateReport(frame, end, duration);
                return;
            }
            start(frame, nanos, seq, ts, marker, eventCode, end, vol, duration, rate);
            return;
        }
        if (eventCode == code && ts == segmentTs) {
            extend(frame, seq, marker, end, vol, duration);
            return;
        }
        if (eventCode == code && !endSeen && isNextSegment(ts)) {
            earlierSegments += (ts - segmentTs) & 0xFFFFFFFFL;
            segmentTs = ts;
            segmentMax = duration;
            wraps = 0;
            lastRaw = duration;
            lastSeq = seq;
            extend(frame, seq, marker, end, vol, duration);
            return;
        }
        if (isLateForClosed(eventCode, ts)) {
            lateReport(frame, end, duration);
            return;
        }
        int behind = (int) (ts - segmentTs);
        if (behind < 0 && behind > -60L * clockRate) {
            return; // an older report of an event no longer held: nothing left to add it to
        }
        close();
        start(frame, nanos, seq, ts, marker, eventCode, end, vol, duration, rate);
    }

    private boolean isNextSegment(long ts) {
        long offset = (ts - segmentTs) & 0xFFFFFFFFL;
        return wraps == 0 && offset >= 0xF000 && offset <= 0x10000 && offset >= segmentMax;
    }

    private boolean isLateForClosed(int eventCode, long ts) {
        return closed && eventCode == closedCode && ts == closedSegmentTs && !digits.isEmpty();
    }

    private void start(long frame, long nanos, int seq, long ts, boolean marker, int eventCode, boolean end, int vol,
                       int duration, int rate) {
        open = true;
        code = eventCode;
        firstTs = ts;
        segmentTs = ts;
        earlierSegments = 0;
        segmentMax = duration;
        wraps = 0;
        lastRaw = duration;
        lastSeq = seq;
        startFrame = frame;
        endFrame = frame;
        startNanos = nanos;
        volume = vol;
        endSeen = end;
        startSeen = marker;
        clockRate = rate;
    }

    private void extend(long frame, int seq, boolean marker, boolean end, int vol, int duration) {
        boolean newer = (short) (seq - lastSeq) > 0;
        if (duration < lastRaw && newer && lastRaw >= 0xC000 && duration < 0x4000) {
            wraps++; // the 16-bit duration went past 0xFFFF
        }
        if (newer || duration >= lastRaw) {
            lastRaw = duration;
        }
        if (newer) {
            lastSeq = seq;
        }
        segmentMax = Math.max(segmentMax, (long) wraps * 0x10000 + duration);
        startSeen |= marker;
        volume = vol;
        if (!endSeen) {
            endFrame = frame;
            endSeen = end;
        }
    }

    private void lateReport(long frame, boolean end, int duration) {
        DtmfDigit last = digits.get(digits.size() - 1);
        if (!end || last.endSeen()) {
            return;
        }
        long units = closedEarlierSegments + duration;
        long ms = Math.max(last.durationMs(), toMs(units, closedClockRate));
        digits.set(digits.size() - 1, new DtmfDigit(last.event(), last.startFrame(), frame, last.startNanos(),
                last.rtpTimestamp(), ms, last.volumeDbm0(), true, last.startSeen()));
    }

    private void close() {
        if (!open) {
            return;
        }
        open = false;
        long units = earlierSegments + segmentMax;
        DtmfDigit d = new DtmfDigit(new TelephoneEvent(code), startFrame, endFrame, startNanos, firstTs,
                toMs(units, clockRate), -volume, endSeen, startSeen);
        if (digits.size() < maxEvents) {
            digits.add(d);
            closed = true;
            closedCode = code;
            closedSegmentTs = segmentTs;
            closedEarlierSegments = earlierSegments;
            closedClockRate = clockRate;
        } else {
            droppedEvents++;
            closed = false;
        }
    }

    private static long toMs(long units, int rate) {
        return (units * 1000 + rate / 2) / rate;
    }

    /** Closes the open event (end of the stream) and returns every event found. Reading may go on afterwards. */
    public List<DtmfDigit> finish() {
        close();
        return digits();
    }

    /** The events closed so far, in the order they started; the open one is not among them until it closes. */
    public List<DtmfDigit> digits() {
        return List.copyOf(digits);
    }

    /** What was wrong with the stream, one anomaly per kind with its count. */
    public List<Anomaly> anomalies() {
        List<Anomaly> out = new ArrayList<>();
        if (truncatedPackets > 0) {
            out.add(Anomaly.of("media.dtmf.truncated", truncatedPackets
                    + (truncatedPackets == 1 ? " packet's" : " packets'") + " payload is not whole 4-byte events"));
        }
        if (badClockPackets > 0) {
            out.add(Anomaly.of("media.dtmf.clock_rate", "clock rate " + lastBadClockRate + " given for "
                    + badClockPackets + (badClockPackets == 1 ? " packet" : " packets") + "; 8000 Hz assumed"));
        }
        if (droppedEvents > 0) {
            out.add(Anomaly.of("media.dtmf.limit", maxEvents + " events kept, " + droppedEvents + " more not kept"));
        }
        return out;
    }
}
