package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Joins SCTP DATA and I-DATA fragments into user messages (RFC 9260 §6.9, RFC 8260 §2.1) and drops retransmitted
 * chunks, for a whole capture. One instance per capture; not thread-safe. Feed it each SCTP packet in capture order
 * with {@link #accept}; it returns the user messages that packet completed.
 *
 * <p>State is kept per association direction, named by source port, destination port and verification tag (the
 * tag names the association, so a multi-homed association that changes addresses stays one direction):
 * <ul>
 *   <li>a window of the last {@value #TSN_WINDOW} TSNs seen: a chunk whose TSN is in it is a retransmission, dropped
 *       ({@code sctp.data.retransmission});</li>
 *   <li>DATA fragments by TSN: a message is the run of consecutive TSNs from a B fragment to an E fragment on one
 *       stream (same SSN when ordered), in whatever order the fragments arrive;</li>
 *   <li>I-DATA fragments by stream, U flag and message identifier, ordered by fragment sequence number (0 on the B
 *       fragment) up to the E fragment.</li>
 * </ul>
 * Memory and time are bounded by {@link SctpLimits}; time is capture time, never the wall clock.
 */
public final class SctpReassembler {
    /** What one packet gave: completed user messages in TSN order, and what went wrong on the way. */
    public record Outcome(List<SctpMessage> messages, List<Anomaly> anomalies) {
        public Outcome {
            messages = List.copyOf(messages);
            anomalies = List.copyOf(anomalies);
        }
    }

    /** TSNs remembered per association direction to recognise retransmissions. */
    static final int TSN_WINDOW = 1024;

    private record Key(int srcPort, int dstPort, long verificationTag) {
        @Override
        public String toString() {
            return "SCTP " + srcPort + " → " + dstPort + " (tag 0x" + Long.toHexString(verificationTag) + ")";
        }
    }

    /** An I-DATA message: stream, U flag and message identifier. */
    private record MessageKey(int streamId, boolean unordered, long messageId) {
    }

    private record Fragment(long tsn, SctpData header, byte[] bytes, long frame, long nanos) {
    }

    /** Consecutive DATA fragments that belong together: TSNs {@code start..end}. */
    private static final class Run {
        final long start;
        long end;
        final boolean begun;
        boolean ended;
        long bytes;
        long firstNanos;

        Run(long start, long end, boolean begun, boolean ended, long bytes, long firstNanos) {
            this.start = start;
            this.end = end;
            this.begun = begun;
            this.ended = ended;
            this.bytes = bytes;
            this.firstNanos = firstNanos;
        }
    }

    /** The fragments of one I-DATA message by fragment sequence number. */
    private static final class Interleaved {
        final TreeMap<Long, Fragment> byFsn = new TreeMap<>();
        boolean begun;
        long lastFsn = -1;
        long bytes;
        long firstNanos = Long.MAX_VALUE;
    }

    private static final class Direction {
        final Key key;
        boolean started;
        /** Highest TSN seen, unwrapped to 64 bits. */
        long highest;
        final long[] seen = new long[TSN_WINDOW / 64];
        final TreeMap<Long, Fragment> fragments = new TreeMap<>();
        final TreeMap<Long, Run> runs = new TreeMap<>();
        final Map<MessageKey, Interleaved> interleaved = new HashMap<>();
        long bytes;

        Direction(Key key) {
            this.key = key;
        }

        /** The 64-bit TSN nearest the highest seen (serial number arithmetic, RFC 1982). */
        long unwrap(long tsn) {
            if (!started) {
                return (1L << 32) + tsn;
            }
            return highest + (int) (tsn - (highest & 0xffffffffL));
        }

        boolean seen(long t) {
            if (!started || t > highest || t <= highest - TSN_WINDOW) {
                return false;
            }
            int i = (int) (t % TSN_WINDOW);
            return (seen[i >>> 6] & (1L << i)) != 0;
        }

        void mark(long t) {
            if (!started) {
                started = true;
                highest = t;
            } else if (t > highest) {
                if (t - highest >= TSN_WINDOW) {
                    Arrays.fill(seen, 0);
                } else {
                    for (long x = highest + 1; x <= t; x++) {
                        int i = (int) (x % TSN_WINDOW);
                        seen[i >>> 6] &= ~(1L << i);
                    }
                }
                highest = t;
            } else if (t <= highest - TSN_WINDOW) {
                return;
            }
            int i = (int) (t % TSN_WINDOW);
            seen[i >>> 6] |= 1L << i;
        }

        boolean pending() {
            return bytes > 0 || !fragments.isEmpty() || !interleaved.isEmpty();
        }

        int pendingMessages() {
            return runs.size() + interleaved.size();
        }

        long oldestNanos() {
            long oldest = Long.MAX_VALUE;
            for (Run r : runs.values()) {
                oldest = Math.min(oldest, r.firstNanos);
            }
            for (Interleaved m : interleaved.values()) {
                oldest = Math.min(oldest, m.firstNanos);
            }
            return oldest;
        }
    }

    private final SctpLimits limits;
    private final LinkedHashMap<Key, Direction> directions = new LinkedHashMap<>(64, 0.75f, true);
    private long buffered;
    private boolean clockStarted;
    private long now;
    private long lastSweep;

    public SctpReassembler(SctpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SctpReassembler() {
        this(SctpLimits.DEFAULT);
    }

    /**
     * Takes the DATA and I-DATA chunks of one packet.
     *
     * @param packet       the packet's chunks (with its common header, so the association direction is known)
     * @param frame        the frame number, reported in {@link SctpMessage#frames()}
     * @param captureNanos the frame's capture time in nanoseconds since the epoch
     */
    public Outcome accept(SctpChunks packet, long frame, long captureNanos) {
        if (!clockStarted || captureNanos > now) {
            if (!clockStarted) {
                lastSweep = captureNanos;
            }
            clockStarted = true;
            now = captureNanos;
        }
        List<SctpMessage> messages = new ArrayList<>(1);
        List<Anomaly> anomalies = new ArrayList<>(0);
        List<SctpData> data = packet.data();
        if (!data.isEmpty()) {
            Direction d = direction(new Key(packet.srcPort(), packet.dstPort(), packet.verificationTag()), anomalies);
            for (SctpData x : data) {
                chunk(d, x, packet.bytes(), frame, captureNanos, messages, anomalies);
            }
        }
        if (now - lastSweep >= limits.timeoutNanos() / 4) {
            lastSweep = now;
            sweep(anomalies);
        }
        while (buffered > limits.maxBufferedBytes()) {
            dropOldest(anomalies);
        }
        return new Outcome(messages, anomalies);
    }

    /** User data bytes held in incomplete messages. */
    public long bufferedBytes() {
        return buffered;
    }

    /**
     * The capture has ended: {@code sctp.message.incomplete} for each association direction holding part of a
     * message. The reassembler is then empty.
     */
    public List<Anomaly> finish() {
        List<Anomaly> out = new ArrayList<>();
        for (Direction d : directions.values()) {
            if (d.pending()) {
                out.add(Anomaly.of("sctp.message.incomplete", d.key + ": capture ends inside "
                        + count(d.pendingMessages(), "user message") + " (" + count(d.bytes, "byte") + " held)"));
            }
        }
        directions.clear();
        buffered = 0;
        return out;
    }

    private Direction direction(Key key, List<Anomaly> anomalies) {
        Direction d = directions.get(key);
        if (d == null) {
            d = new Direction(key);
            directions.put(key, d);
            if (directions.size() > limits.maxDirections()) {
                Iterator<Direction> eldest = directions.values().iterator();
                Direction gone = eldest.next();
                eldest.remove();
                if (gone.pending()) {
                    anomalies.add(Anomaly.of("sctp.reassembly.limit", "more than " + limits.maxDirections()
                            + " SCTP association directions: " + gone.key + " forgotten with "
                            + count(gone.pendingMessages(), "incomplete message")));
                    buffered -= gone.bytes;
                }
            }
        }
        return d;
    }

    private void chunk(Direction d, SctpData x, byte[] b, long frame, long nanos, List<SctpMessage> messages,
                       List<Anomaly> anomalies) {
        long t = d.unwrap(x.tsn());
        if (d.seen(t) || d.fragments.containsKey(t)) {
            anomalies.add(Anomaly.of("sctp.data.retransmission", (x.interleaved() ? "I-DATA" : "DATA") + " TSN "
                    + x.tsn() + " already seen on " + d.key + "; not delivered again"));
            return;
        }
        d.mark(t);
        if (x.dataLength() > limits.maxMessageBytes()) {
            anomalies.add(Anomaly.of("sctp.message.too_large", "TSN " + x.tsn() + " carries " + x.dataLength()
                    + " bytes, above the " + limits.maxMessageBytes() + "-byte limit; dropped"));
            return;
        }
        byte[] bytes = Arrays.copyOfRange(b, x.dataOffset(), x.dataOffset() + x.dataLength());
        Fragment f = new Fragment(t, x, bytes, frame, nanos);
        if (x.complete()) {
            messages.add(message(List.of(f)));
        } else if (x.interleaved()) {
            interleaved(d, f, messages, anomalies);
        } else {
            fragment(d, f, messages, anomalies);
        }
    }

    /** A DATA fragment: joined with its neighbours by TSN; delivered when a run goes from B to E. */
    private void fragment(Direction d, Fragment f, List<SctpMessage> messages, List<Anomaly> anomalies) {
        long t = f.tsn();
        SctpData h = f.header();
        int len = f.bytes().length;
        d.fragments.put(t, f);
        hold(d, len);
        Run run;
        Fragment left = d.fragments.get(t - 1);
        if (left != null && !left.header().end() && !h.begin() && together(left.header(), h)) {
            run = d.runs.floorEntry(t - 1).getValue();
            run.end = t;
            run.ended = h.end();
            run.bytes += len;
            run.firstNanos = Math.min(run.firstNanos, f.nanos());
        } else {
            run = new Run(t, t, h.begin(), h.end(), len, f.nanos());
            d.runs.put(t, run);
        }
        Fragment right = d.fragments.get(t + 1);
        if (right != null && !h.end() && !right.header().begin() && together(h, right.header())) {
            Run r = d.runs.remove(t + 1);
            run.end = r.end;
            run.ended = r.ended;
            run.bytes += r.bytes;
            run.firstNanos = Math.min(run.firstNanos, r.firstNanos);
        }
        if (run.bytes > limits.maxMessageBytes()) {
            drop(d, run);
            anomalies.add(Anomaly.of("sctp.message.too_large", d.key + ": user message from TSN "
                    + (run.start & 0xffffffffL) + " exceeds " + limits.maxMessageBytes() + " bytes; dropped"));
            return;
        }
        if (run.begun && run.ended) {
            List<Fragment> parts = new ArrayList<>(d.fragments.subMap(run.start, true, run.end, true).values());
            drop(d, run);
            messages.add(message(parts));
        }
    }

    /** Fragments of one DATA message share stream and U flag, and the SSN when ordered (RFC 9260 §6.9). */
    private static boolean together(SctpData a, SctpData b) {
        return a.streamId() == b.streamId() && a.unordered() == b.unordered()
                && (a.unordered() || a.streamSequence() == b.streamSequence());
    }

    private void drop(Direction d, Run run) {
        d.fragments.subMap(run.start, true, run.end, true).clear();
        d.runs.remove(run.start);
        release(d, run.bytes);
    }

    private void interleaved(Direction d, Fragment f, List<SctpMessage> messages, List<Anomaly> anomalies) {
        SctpData h = f.header();
        MessageKey key = new MessageKey(h.streamId(), h.unordered(), h.messageId());
        Interleaved m = d.interleaved.computeIfAbsent(key, k -> new Interleaved());
        if (m.byFsn.containsKey(h.fragment())) {
            anomalies.add(Anomaly.of("sctp.data.retransmission", "I-DATA stream " + h.streamId() + " MID "
                    + h.messageId() + " FSN " + h.fragment() + " already seen on " + d.key
                    + " (new TSN " + h.tsn() + "); not delivered again"));
            return;
        }
        int len = f.bytes().length;
        m.byFsn.put(h.fragment(), f);
        m.bytes += len;
        m.firstNanos = Math.min(m.firstNanos, f.nanos());
        hold(d, len);
        m.begun |= h.begin();
        if (h.end()) {
            m.lastFsn = h.fragment();
        }
        if (m.bytes > limits.maxMessageBytes()) {
            d.interleaved.remove(key);
            release(d, m.bytes);
            anomalies.add(Anomaly.of("sctp.message.too_large", d.key + ": I-DATA message " + h.messageId()
                    + " on stream " + h.streamId() + " exceeds " + limits.maxMessageBytes() + " bytes; dropped"));
            return;
        }
        if (m.begun && m.lastFsn >= 0 && m.byFsn.size() == m.lastFsn + 1 && m.byFsn.lastKey() == m.lastFsn) {
            d.interleaved.remove(key);
            release(d, m.bytes);
            messages.add(message(new ArrayList<>(m.byFsn.values())));
        }
    }

    private void hold(Direction d, long len) {
        d.bytes += len;
        buffered += len;
    }

    private void release(Direction d, long len) {
        d.bytes -= len;
        buffered -= len;
    }

    private static SctpMessage message(List<Fragment> parts) {
        Fragment first = parts.get(0);
        int total = 0;
        boolean cut = false;
        Set<Long> frames = new LinkedHashSet<>();
        for (Fragment p : parts) {
            total += p.bytes().length;
            cut |= p.header().cut();
            frames.add(p.frame());
        }
        byte[] out = new byte[total];
        int at = 0;
        for (Fragment p : parts) {
            System.arraycopy(p.bytes(), 0, out, at, p.bytes().length);
            at += p.bytes().length;
        }
        SctpData h = first.header();
        return new SctpMessage(h.streamId(), h.ppid(), h.unordered(), h.interleaved(), h.tsn(), out,
                List.copyOf(frames), cut);
    }

    /** Drops incomplete messages that started more than the timeout ago. */
    private void sweep(List<Anomaly> anomalies) {
        long limit = now - limits.timeoutNanos();
        for (Direction d : directions.values()) {
            int dropped = 0;
            long bytes = 0;
            for (Iterator<Run> it = d.runs.values().iterator(); it.hasNext(); ) {
                Run r = it.next();
                if (r.firstNanos < limit) {
                    d.fragments.subMap(r.start, true, r.end, true).clear();
                    it.remove();
                    release(d, r.bytes);
                    dropped++;
                    bytes += r.bytes;
                }
            }
            for (Iterator<Interleaved> it = d.interleaved.values().iterator(); it.hasNext(); ) {
                Interleaved m = it.next();
                if (m.firstNanos < limit) {
                    it.remove();
                    release(d, m.bytes);
                    dropped++;
                    bytes += m.bytes;
                }
            }
            if (dropped > 0) {
                anomalies.add(Anomaly.of("sctp.reassembly.timeout", d.key + ": " + count(dropped,
                        "incomplete user message") + " (" + count(bytes, "byte") + ") dropped after "
                        + limits.timeoutNanos() / 1_000_000_000L + " s of capture time"));
            }
        }
    }

    /** Over the byte budget: the direction holding the oldest fragment loses its incomplete messages. */
    private void dropOldest(List<Anomaly> anomalies) {
        Direction victim = null;
        long oldest = Long.MAX_VALUE;
        for (Direction d : directions.values()) {
            if (d.pending()) {
                long o = d.oldestNanos();
                if (victim == null || o < oldest) {
                    victim = d;
                    oldest = o;
                }
            }
        }
        if (victim == null) {
            buffered = 0; // nothing is held: the count cannot be above zero
            return;
        }
        anomalies.add(Anomaly.of("sctp.reassembly.limit", "more than " + limits.maxBufferedBytes()
                + " bytes of incomplete SCTP messages: " + victim.key + " dropped "
                + count(victim.pendingMessages(), "incomplete message") + " (" + count(victim.bytes, "byte") + ")"));
        buffered -= victim.bytes;
        victim.bytes = 0;
        victim.fragments.clear();
        victim.runs.clear();
        victim.interleaved.clear();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
