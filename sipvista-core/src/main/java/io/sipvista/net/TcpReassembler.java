package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts one direction of a TCP connection back in sequence order, byte by byte, with bounded memory. Owns the
 * direction's position in the stream, the segments held out of order, and a short history of delivered bytes used
 * to check that retransmitted bytes are the same. Knows nothing of what the bytes carry: they go, in order, to a
 * {@link Sink}, tagged with the frame that carried them.
 *
 * <ul>
 *   <li>A segment at the expected position is delivered at once, followed by any held bytes it makes contiguous.</li>
 *   <li>A segment ahead of it is held until the hole before it is filled. Overlapping copies are compared:
 *       bytes that differ from the copy already received are {@code tcp.overlap.conflict} (the first copy is
 *       kept).</li>
 *   <li>Bytes already delivered (retransmissions) are dropped, after the same comparison against the history.</li>
 *   <li>A hole is declared lost ({@code tcp.gap}, then {@link Sink#hole}) when the peer acknowledges bytes beyond it
 *       ({@link #acknowledged}), when more than {@code maxHeldBytes} are held ({@code tcp.buffer.limit}), or when the
 *       owner says so ({@link #skipHole}, {@link #drain}: connection closed, end of capture, time out). Delivery
 *       then resumes with the held bytes after the hole.</li>
 *   <li>Sequence numbers are compared modulo 2^32 (RFC 9293 §3.4), so a stream crossing 2^32 continues unharmed;
 *       positions are kept as 64-bit offsets from the first byte followed.</li>
 * </ul>
 *
 * <p>Memory: held bytes, counting {@value #PIECE_OVERHEAD} bytes of bookkeeping per held piece, stay within
 * {@code maxHeldBytes} once a call returns; the history never exceeds {@code historyBytes} and grows only as bytes
 * are delivered. Never throws on wire data. Not thread-safe; one instance per direction.
 */
public final class TcpReassembler {
    /** Receives the stream in order. Called only from inside the reassembler's methods. */
    public interface Sink {
        /** The next {@code len} bytes of the stream, carried by frame {@code frame}. */
        void bytes(byte[] b, int off, int len, long frame);

        /** {@code length} bytes of the stream are missing for good; the next bytes delivered follow the hole. */
        void hole(long length);
    }

    /**
     * What one call did.
     *
     * @param delivered bytes delivered to the sink by this call (the segment's own and held bytes it released)
     * @param duplicate bytes of the segment already received (delivered before, or already held)
     * @param late      bytes of the segment behind the stream that were never delivered: before the point where
     *                  following began, or inside a hole already declared lost
     * @param held      bytes of the segment still held out of order when the call returns
     * @param missing   bytes missing before the first held byte after the call (0 when nothing is held)
     * @param holes     holes declared lost by this call
     * @param anomalies {@code tcp.gap}, {@code tcp.overlap.conflict}, {@code tcp.buffer.limit}
     */
    public record Result(int delivered, int duplicate, int late, int held, long missing, int holes,
                         List<Anomaly> anomalies) {
    }

    /** Bookkeeping bytes counted against the bound for each held piece, so tiny segments cannot evade it. */
    public static final int PIECE_OVERHEAD = 64;

    private static final long MASK = 0xffffffffL;
    private static final byte[] EMPTY = new byte[0];

    private record Piece(byte[] data, long frame) {
    }

    private final long base;
    private final int maxHeldBytes;
    private final int historyBytes;
    /** Stream offset of the next byte to deliver. */
    private long next;
    private final TreeMap<Long, Piece> held = new TreeMap<>();
    private int heldBytes;
    private long heldCost;
    /** The last {@code historyLength} delivered bytes, byte at offset p in {@code history[p mod length]}. */
    private byte[] history = EMPTY;
    private int historyLength;
    /** Frame of the last byte delivered, -1 before any. */
    private long lastFrame = -1;
    /** Highest offset the peer acknowledged, and the frame that did. */
    private long acked = Long.MIN_VALUE;
    private long ackFrame;
    /** The most recent hole declared lost, to recognise its bytes should they turn up after all. */
    private long lostFrom;
    private long lostTo;

    /**
     * @param firstSeq     sequence number of the first byte to follow (ISN + 1 after a SYN)
     * @param maxHeldBytes most bytes held out of order (with {@value #PIECE_OVERHEAD} per piece) before the first
     *                     hole is declared lost
     * @param historyBytes delivered bytes kept to compare retransmissions with (0: none compared)
     */
    public TcpReassembler(long firstSeq, int maxHeldBytes, int historyBytes) {
        if (maxHeldBytes < 0 || historyBytes < 0) {
            throw new IllegalArgumentException("negative bound: " + maxHeldBytes + ", " + historyBytes);
        }
        this.base = firstSeq & MASK;
        this.maxHeldBytes = maxHeldBytes;
        this.historyBytes = historyBytes;
    }

    /** Sequence number of the next byte expected. */
    public long nextSeq() {
        return seqAt(next);
    }

    /** Bytes delivered or declared lost since following began. */
    public long position() {
        return next;
    }

    /** Bytes held out of order. */
    public int heldBytes() {
        return heldBytes;
    }

    /** Bytes missing before the first held byte (0 when nothing is held). */
    public long missing() {
        return held.isEmpty() ? 0 : held.firstKey() - next;
    }

    /** Takes a segment's payload: {@code len} bytes starting at sequence number {@code seq}. */
    public Result segment(long seq, byte[] b, int off, int len, long frame, Sink sink) {
        Objects.checkFromIndexSize(off, len, b.length);
        Tally t = new Tally();
        if (len == 0) {
            return t.result();
        }
        long s = offsetOf(seq);
        long e = s + len;
        if (s < next) {
            long stop = Math.min(e, next);
            long late = overlap(s, stop, Long.MIN_VALUE, 0) + overlap(s, stop, lostFrom, lostTo);
            t.late += (int) late;
            long from = Math.max(s, next - historyLength);
            if (from < stop) {
                compareHistory(from, stop, b, off + (int) (from - s), t);
            }
            t.duplicate += (int) (stop - s - late);
            if (e <= next) {
                return t.result();
            }
            off += (int) (next - s);
            s = next;
        }
        if (s == next && held.isEmpty()) {
            deliver(b, off, (int) (e - s), frame, sink, t);
        } else {
            insert(s, e, b, off, frame, t);
            release(sink, t);
        }
        afterArrival(frame, sink, t);
        return t.result();
    }

    /**
     * The peer acknowledged up to sequence number {@code ack} (in frame {@code frame}). Bytes it acknowledges that
     * the capture never showed are lost for good: when held bytes wait behind them, the hole is declared now.
     */
    public Result acknowledged(long ack, long frame, Sink sink) {
        Tally t = new Tally();
        long a = offsetOf(ack);
        if (a > acked) {
            acked = a;
            ackFrame = frame;
        }
        afterArrival(frame, sink, t);
        return t.result();
    }

    /** Declares the first hole lost ({@code cause} says why) and delivers the held bytes after it. */
    public Result skipHole(String cause, long frame, Sink sink) {
        Tally t = new Tally();
        if (!held.isEmpty()) {
            skip(held.firstKey(), cause, frame, sink, t);
        }
        return t.result();
    }

    /** The stream ends ({@code cause}): every hole is declared lost and everything held is delivered. */
    public Result drain(String cause, long frame, Sink sink) {
        Tally t = new Tally();
        while (!held.isEmpty()) {
            skip(held.firstKey(), cause, frame, sink, t);
        }
        return t.result();
    }

    private void afterArrival(long frame, Sink sink, Tally t) {
        if (!held.isEmpty() && acked > next) {
            skip(Math.min(acked, held.firstKey()), "acknowledged by the peer in frame " + ackFrame
                    + " but not in the capture", frame, sink, t);
        }
        boolean limited = false;
        while (heldCost > maxHeldBytes && !held.isEmpty()) {
            if (!limited) {
                t.anomalies.add(Anomaly.of("tcp.buffer.limit", "more than " + maxHeldBytes
                        + " bytes held out of order (" + heldBytes + " bytes in " + held.size()
                        + " pieces); the hole before them is declared missing"));
                limited = true;
            }
            skip(held.firstKey(), "too much held behind it", frame, sink, t);
        }
    }

    private long offsetOf(long seq) {
        return next + (int) ((seq & MASK) - seqAt(next));
    }

    private long seqAt(long offset) {
        return (base + offset) & MASK;
    }

    private static long overlap(long s, long e, long from, long to) {
        return Math.max(0, Math.min(e, to) - Math.max(s, from));
    }

    private void insert(long s, long e, byte[] b, int off, long frame, Tally t) {
        long p = s;
        Map.Entry<Long, Piece> before = held.floorEntry(p);
        if (before != null) {
            long end = before.getKey() + before.getValue().data.length;
            if (end > p) {
                long stop = Math.min(e, end);
                compare(b, off, s, before, p, stop, t);
                p = stop;
            }
        }
        while (p < e) {
            Map.Entry<Long, Piece> after = held.ceilingEntry(p);
            long stop = after == null ? e : Math.min(e, after.getKey());
            if (stop > p) {
                byte[] copy = Arrays.copyOfRange(b, off + (int) (p - s), off + (int) (stop - s));
                held.put(p, new Piece(copy, frame));
                heldBytes += copy.length;
                heldCost += copy.length + PIECE_OVERHEAD;
                t.added.add(p);
                p = stop;
            }
            if (p < e && after != null) {
                long end = Math.min(e, after.getKey() + after.getValue().data.length);
                compare(b, off, s, after, p, end, t);
                p = end;
            }
        }
    }

    /** Compares segment bytes [p, stop) (the segment starts at offset s, b[off]) with a held piece. */
    private void compare(byte[] b, int off, long s, Map.Entry<Long, Piece> piece, long p, long stop, Tally t) {
        byte[] d = piece.getValue().data;
        long ps = piece.getKey();
        for (long q = p; q < stop; q++) {
            if (b[off + (int) (q - s)] != d[(int) (q - ps)]) {
                t.conflict(q, piece.getValue().frame);
            }
        }
        t.duplicate += (int) (stop - p);
    }

    private void compareHistory(long from, long stop, byte[] b, int off, Tally t) {
        int at = (int) Math.floorMod(from, (long) history.length);
        for (long q = from; q < stop; q++) {
            if (b[off + (int) (q - from)] != history[at]) {
                t.conflict(q, -1);
            }
            if (++at == history.length) {
                at = 0;
            }
        }
    }

    private void release(Sink sink, Tally t) {
        while (!held.isEmpty() && held.firstKey() == next) {
            Piece piece = held.pollFirstEntry().getValue();
            heldBytes -= piece.data.length;
            heldCost -= piece.data.length + PIECE_OVERHEAD;
            deliver(piece.data, 0, piece.data.length, piece.frame, sink, t);
        }
    }

    private void deliver(byte[] b, int off, int len, long frame, Sink sink, Tally t) {
        remember(b, off, len);
        next += len;
        lastFrame = frame;
        t.delivered += len;
        sink.bytes(b, off, len, frame);
    }

    /** Declares [next, to) lost and resumes delivery at {@code to}. */
    private void skip(long to, String cause, long frame, Sink sink, Tally t) {
        long length = to - next;
        Map.Entry<Long, Piece> first = held.firstEntry();
        long after = first != null && first.getKey() == to ? first.getValue().frame : frame;
        String where = lastFrame < 0 ? "before frame " + after : "between frame " + lastFrame + " and frame " + after;
        t.anomalies.add(Anomaly.of("tcp.gap", length + " bytes missing " + where + " (seq " + seqAt(next) + " to "
                + seqAt(to - 1) + ", stream offsets " + next + "-" + (to - 1) + "): " + cause));
        lostFrom = next;
        lostTo = to;
        next = to;
        historyLength = 0;
        t.holes++;
        sink.hole(length);
        release(sink, t);
    }

    private void remember(byte[] b, int off, int len) {
        if (historyBytes == 0) {
            return;
        }
        if (historyLength + len > history.length && history.length < historyBytes) {
            grow((int) Math.min(historyBytes, Math.max(512, Math.max((long) history.length * 2,
                    (long) historyLength + len))));
        }
        int cap = history.length;
        int skip = Math.max(0, len - cap);
        long p = next + skip;
        int i = off + skip;
        int n = len - skip;
        while (n > 0) {
            int at = (int) Math.floorMod(p, (long) cap);
            int run = Math.min(n, cap - at);
            System.arraycopy(b, i, history, at, run);
            p += run;
            i += run;
            n -= run;
        }
        historyLength = (int) Math.min(cap, (long) historyLength + len);
    }

    private void grow(int capacity) {
        byte[] bigger = new byte[capacity];
        long start = next - historyLength;
        int from = history.length == 0 ? 0 : (int) Math.floorMod(start, (long) history.length);
        int to = (int) Math.floorMod(start, (long) capacity);
        for (int i = 0; i < historyLength; i++) {
            bigger[to] = history[from];
            if (++from == history.length) {
                from = 0;
            }
            if (++to == capacity) {
                to = 0;
            }
        }
        history = bigger;
    }

    /** Counts for one call, and the conflicting range seen. */
    private final class Tally {
        int delivered;
        int duplicate;
        int late;
        int holes;
        /** Offsets of the pieces this call added to the held bytes (some may have been delivered since). */
        final List<Long> added = new ArrayList<>(1);
        final List<Anomaly> anomalies = new ArrayList<>(0);
        int differing;
        long firstDiff;
        long lastDiff;
        long originalFrame = -1;

        void conflict(long offset, long frame) {
            if (differing == 0) {
                firstDiff = offset;
                originalFrame = frame;
            }
            lastDiff = offset;
            differing++;
        }

        Result result() {
            if (differing > 0) {
                String first = originalFrame >= 0 ? "the copy held from frame " + originalFrame
                        : "the bytes already delivered";
                anomalies.add(0, Anomaly.of("tcp.overlap.conflict", differing + " retransmitted bytes differ from "
                        + first + " (seq " + seqAt(firstDiff) + " to " + seqAt(lastDiff) + ", stream offsets "
                        + firstDiff + "-" + lastDiff + "); the first copy is kept"));
            }
            int stillHeld = 0;
            for (long at : added) {
                Piece piece = held.get(at);
                stillHeld += piece == null ? 0 : piece.data.length;
            }
            return new Result(delivered, duplicate, late, stillHeld, missing(), holes, List.copyOf(anomalies));
        }
    }
}
