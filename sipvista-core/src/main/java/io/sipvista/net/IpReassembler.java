package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.bytes.IpText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;

import static io.sipvista.bytes.Octets.u16be;
import static io.sipvista.bytes.Octets.u32be;
import static io.sipvista.bytes.Octets.u8;

/**
 * Reassembles fragmented IPv4 (RFC 791) and IPv6 (RFC 8200 section 4.5) datagrams of one capture, in capture
 * order. Owns the fragments held until their datagram is whole, and a short memory of datagrams already rebuilt or
 * given up, so that late copies of their fragments are named rather than started afresh. One instance per capture;
 * not thread-safe. Never throws on packet bytes: what cannot be used is a named anomaly.
 *
 * <p>Behaviour follows Wireshark's: fragments are keyed by (source, destination, protocol, identification) for
 * IPv4 and (source, destination, identification) for IPv6; they may arrive in any order; where fragments overlap
 * the copy that arrived first is kept and differing bytes are reported ({@code ip.fragment.overlap_conflict}); the
 * first last fragment (MF clear) fixes the datagram's end. Time is capture time only: a datagram with no fragment
 * for longer than {@link ReassemblyLimits#timeout()} is dropped when a later offer or {@link #expire} sees the
 * clock pass it. Every bound in {@link ReassemblyLimits} holds; hitting one is {@code ip.fragment.limit}.
 *
 * <p>For one timeout after its last fragment, a datagram already rebuilt or given up is remembered: an exact copy of
 * one of its fragments is a {@link Duplicate} (not the start of a datagram that never completes), and a fragment
 * of a datagram dropped for a limit or for its size is {@link Dropped} with the same anomaly id. A fragment with a
 * rebuilt datagram's key that is not a copy starts a new datagram (the identification was reused).
 *
 * <p>The rebuilt packet is the first fragment's header with the fragment fields cleared, followed by the whole
 * payload, so a normal IP decoder reads it: for IPv4, MF and the offset are zeroed and the total length and header
 * checksum recomputed; for IPv6 the Fragment header is removed, the Next Header field that named it takes its Next
 * Header value and the payload length is recomputed. The datagram belongs to the frame whose fragment completed it.
 */
public final class IpReassembler {
    /** Bookkeeping charged to the byte budget for each fragment held, on top of its data. */
    static final int FRAGMENT_OVERHEAD = 64;
    /** Fragments of a rebuilt datagram remembered to recognise late copies (the first ones, in offset order). */
    static final int MAX_FINGERPRINTS = 64;
    /** Frame numbers or byte ranges written out in one anomaly detail before "and N more". */
    static final int MAX_LISTED = 12;
    /** Bound on IPv6 extension headers walked before the Fragment header. */
    static final int MAX_IPV6_EXTENSIONS = 16;
    /** The largest IPv4 packet, and the largest IPv6 payload without a jumbogram. */
    static final int IP_MAX = 65_535;

    /** What one offered fragment did. Every variant carries the anomalies this offer produced. */
    public sealed interface Result permits Held, Complete, Duplicate, Dropped, NotAFragment {
        List<Anomaly> anomalies();
    }

    /** The fragment is held until the rest of its datagram arrives. */
    public record Held(String key, List<Anomaly> anomalies) implements Result {
        public Held {
            anomalies = List.copyOf(anomalies);
        }
    }

    /**
     * This fragment completed its datagram.
     *
     * @param ipPacket the rebuilt, unfragmented IP packet (owned by the caller)
     * @param frames   the frame of every fragment held for it, in offset order (duplicates included)
     */
    public record Complete(String key, byte[] ipPacket, List<Long> frames, List<Anomaly> anomalies) implements Result {
        public Complete {
            frames = List.copyOf(frames);
            anomalies = List.copyOf(anomalies);
        }
    }

    /** A copy of a fragment of a datagram already rebuilt in frame {@code reassembledIn}. */
    public record Duplicate(String key, long reassembledIn, List<Anomaly> anomalies) implements Result {
        public Duplicate {
            anomalies = List.copyOf(anomalies);
        }
    }

    /**
     * The fragment is not held: it is damaged or cut by the capture, its datagram breaks a limit, or its datagram
     * was given up earlier. The anomalies say which.
     */
    public record Dropped(String key, List<Anomaly> anomalies) implements Result {
        public Dropped {
            anomalies = List.copyOf(anomalies);
        }
    }

    /** The bytes are not an IPv4 or IPv6 fragment (or not readable as one): decode them as usual. */
    public record NotAFragment() implements Result {
        @Override
        public List<Anomaly> anomalies() {
            return List.of();
        }
    }

    /** One fragment as read from its packet. */
    private record Fragment(int version, byte[] b, int packetOff, int headerLen, int nextHeaderPos,
                            int innerNext, int offset, int dataOff, int dataLen, boolean more) {
        int end() {
            return offset + dataLen;
        }
    }

    /** What parsing found: a usable fragment, or the key and the reason it cannot be used. */
    private record Parsed(String key, Fragment fragment, Anomaly problem) {
    }

    /** A run of payload bytes held, from the fragment that brought them first. */
    private record Piece(byte[] data, long frame) {
    }

    /** One fragment held for a datagram: where it sits, its frame, and a checksum of its data. */
    private record Part(int offset, int length, long frame, long crc) {
    }

    /** A datagram in progress. */
    private static final class Datagram {
        final String key;
        final int version;
        final TreeMap<Integer, Piece> pieces = new TreeMap<>();
        final List<Part> parts = new ArrayList<>();
        /** The unfragmentable header of the first fragment at offset 0 (IPv6: without the Fragment header). */
        byte[] header;
        int nextHeaderPos;
        int innerNext;
        int end = -1;
        long endFrame;
        int covered;
        long bytes;
        long lastSeen;

        Datagram(String key, int version) {
            this.key = key;
            this.version = version;
        }

        int highestHeld() {
            Map.Entry<Integer, Piece> last = pieces.lastEntry();
            return last == null ? 0 : last.getKey() + last.getValue().data().length;
        }

        /** Discards held bytes at or past {@code limit}; returns how many. */
        int trimTo(int limit) {
            int removed = 0;
            while (!pieces.isEmpty() && highestHeld() > limit) {
                Map.Entry<Integer, Piece> last = pieces.lastEntry();
                int start = last.getKey();
                byte[] data = last.getValue().data();
                if (start >= limit) {
                    pieces.remove(start);
                    removed += data.length;
                } else {
                    int keep = limit - start;
                    pieces.put(start, new Piece(Arrays.copyOf(data, keep), last.getValue().frame()));
                    removed += data.length - keep;
                }
            }
            covered -= removed;
            bytes -= removed;
            return removed;
        }

        List<Long> framesInOffsetOrder() {
            List<Part> sorted = new ArrayList<>(parts);
            sorted.sort(Comparator.comparingInt(Part::offset)); // stable: arrival order among equal offsets
            List<Long> frames = new ArrayList<>(sorted.size());
            for (Part p : sorted) {
                frames.add(p.frame());
            }
            return frames;
        }

        List<Long> framesInArrivalOrder() {
            List<Long> frames = new ArrayList<>(parts.size());
            for (Part p : parts) {
                frames.add(p.frame());
            }
            return frames;
        }

        boolean holds(int offset, int length) {
            for (Part p : parts) {
                if (p.offset() == offset && p.length() == length) {
                    return true;
                }
            }
            return false;
        }

        boolean complete() {
            return end >= 0 && header != null && covered == end;
        }
    }

    /** A datagram already rebuilt or given up, remembered for one timeout after its last fragment. */
    private static final class Finished {
        /** The frame that completed it, or -1 when it was given up. */
        final long completedIn;
        final List<Part> fingerprints;
        final String reasonId;
        final String reason;
        final long since;
        long lastSeen;

        private Finished(long completedIn, List<Part> fingerprints, String reasonId, String reason, long since,
                         long lastSeen) {
            this.completedIn = completedIn;
            this.fingerprints = fingerprints;
            this.reasonId = reasonId;
            this.reason = reason;
            this.since = since;
            this.lastSeen = lastSeen;
        }

        static Finished completed(long frame, List<Part> fingerprints, long now) {
            return new Finished(frame, fingerprints, null, null, frame, now);
        }

        static Finished dropped(long frame, String reasonId, String reason, long now) {
            return new Finished(-1, List.of(), reasonId, reason, frame, now);
        }

        Part match(int offset, int length, long crc) {
            for (Part p : fingerprints) {
                if (p.offset() == offset && p.length() == length && p.crc() == crc) {
                    return p;
                }
            }
            return null;
        }
    }

    private final ReassemblyLimits limits;
    private final long timeoutNanos;
    /** Datagrams in progress, least recently touched first. */
    private final LinkedHashMap<String, Datagram> inProgress = new LinkedHashMap<>(64, 0.75f, true);
    /** Datagrams rebuilt or given up, least recently touched first; at most {@code maxDatagrams}. */
    private final LinkedHashMap<String, Finished> finished = new LinkedHashMap<>(64, 0.75f, true);
    private long buffered;
    /** Capture clock: the latest capture time seen, in nanoseconds since the epoch (saturated). */
    private long clock = Long.MIN_VALUE;

    public IpReassembler(ReassemblyLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.timeoutNanos = limits.timeoutNanos();
    }

    /** Datagrams currently held in progress. */
    public int datagramsHeld() {
        return inProgress.size();
    }

    /** Bytes currently charged to the buffer budget (fragment data, headers and per-fragment bookkeeping). */
    public long bytesHeld() {
        return buffered;
    }

    /**
     * Offers one fragment.
     *
     * @param b            bytes holding the fragment's whole IP packet, from its IP header on
     * @param off          where the IP header starts in {@code b}
     * @param len          how many bytes from {@code off} belong to the packet as captured (link padding may follow
     *                     the IP length; it is ignored)
     * @param frame        the frame number the fragment arrived in
     * @param epochSeconds capture time, seconds
     * @param nanos        capture time, fraction in nanoseconds
     */
    public Result offer(byte[] b, int off, int len, long frame, long epochSeconds, int nanos) {
        Objects.requireNonNull(b, "b");
        Objects.checkFromIndexSize(off, len, b.length);
        Parsed parsed = parse(b, off, len);
        if (parsed == null) {
            return new NotAFragment();
        }
        List<Anomaly> out = new ArrayList<>(2);
        out.addAll(expire(epochSeconds, nanos));
        String key = parsed.key();
        Fragment f = parsed.fragment();
        if (parsed.problem() != null) {
            out.add(parsed.problem());
            if (f == null) {
                return new Dropped(key, out);
            }
        }
        long crc = crc(f);
        Finished done = finished.get(key);
        if (done != null) {
            if (done.completedIn >= 0) {
                Part copy = done.match(f.offset(), f.dataLen(), crc);
                if (copy != null) {
                    done.lastSeen = clock;
                    out.add(Anomaly.of("ip.fragment.duplicate", "copy of the fragment in frame " + copy.frame()
                            + " (offset " + f.offset() + ", " + f.dataLen() + " bytes); its datagram was already"
                            + " reassembled in frame " + done.completedIn));
                    return new Duplicate(key, done.completedIn, out);
                }
                finished.remove(key); // not a copy: a new datagram reusing the identification
            } else {
                done.lastSeen = clock;
                out.add(Anomaly.of(done.reasonId, "fragment of a datagram given up in frame " + done.since + " ("
                        + done.reason + ")"));
                return new Dropped(key, out);
            }
        }
        Datagram d = inProgress.get(key);
        int end = f.end();
        int wireSize = (f.version() == 4 ? f.headerLen() : f.headerLen() - 40) + end;
        if (wireSize > IP_MAX) {
            String what = f.version() == 4 ? "an IPv4 packet of at least " + wireSize + " bytes"
                    : "an IPv6 payload of at least " + wireSize + " bytes";
            giveUp(d, key, f, frame, "ip.fragment.too_large", "bytes " + f.offset() + "-" + (end - 1) + " make " + what
                    + ", over the 65535 IP allows", out);
            return new Dropped(key, out);
        }
        if (end > limits.maxDatagramBytes()) {
            giveUp(d, key, f, frame, "ip.fragment.limit", "bytes " + f.offset() + "-" + (end - 1)
                    + " exceed the limit of " + limits.maxDatagramBytes() + " bytes per datagram", out);
            return new Dropped(key, out);
        }
        if (d != null && d.parts.size() >= limits.maxFragments()) {
            giveUp(d, key, f, frame, "ip.fragment.limit", "more than " + limits.maxFragments()
                    + " fragments for one datagram", out);
            return new Dropped(key, out);
        }
        long need = (long) f.dataLen() + FRAGMENT_OVERHEAD + (f.offset() == 0 ? f.headerLen() : 0);
        if (d == null && inProgress.size() >= limits.maxDatagrams()) {
            evictOldest(null, "more than " + limits.maxDatagrams() + " datagrams in progress", frame, out);
        }
        while (buffered + need > limits.maxBufferedBytes()) {
            if (!evictOldest(d, "more than " + limits.maxBufferedBytes() + " bytes held for reassembly", frame, out)) {
                giveUp(d, key, f, frame, "ip.fragment.limit", "the fragment does not fit the "
                        + limits.maxBufferedBytes()
                        + " bytes held for reassembly", out);
                return new Dropped(key, out);
            }
        }
        if (d == null) {
            d = new Datagram(key, f.version());
            inProgress.put(key, d);
        }
        d.lastSeen = clock;
        long before = d.bytes;
        add(d, f, frame, crc, out);
        buffered += d.bytes - before;
        if (!d.complete()) {
            return new Held(key, out);
        }
        inProgress.remove(key);
        buffered -= d.bytes;
        int size = d.header.length + d.end;
        if ((d.version == 4 ? size : size - 40) > IP_MAX) {
            // A later fragment's shorter header passed the check above; the first fragment's does not.
            rememberDropped(key, frame, "ip.fragment.too_large", "too large");
            out.add(Anomaly.of("ip.fragment.too_large", key + ": the rebuilt packet would be " + size
                    + " bytes, over the 65535 IP allows; frames " + frames(d.framesInArrivalOrder()) + " dropped"));
            return new Dropped(key, out);
        }
        List<Part> fingerprints = new ArrayList<>(d.parts);
        fingerprints.sort(Comparator.comparingInt(Part::offset));
        if (fingerprints.size() > MAX_FINGERPRINTS) {
            fingerprints = new ArrayList<>(fingerprints.subList(0, MAX_FINGERPRINTS));
        }
        remember(key, Finished.completed(frame, List.copyOf(fingerprints), clock));
        return new Complete(key, rebuild(d), d.framesInOffsetOrder(), out);
    }

    /**
     * Advances the capture clock to this time (it never goes back) and drops the datagrams idle for longer than the
     * timeout, one {@code ip.fragment.timeout} each. {@link #offer} does this itself; call it for other frames too
     * so that timeouts are reported when they happen rather than at the next fragment.
     */
    public List<Anomaly> expire(long epochSeconds, int nanos) {
        long now = nanosSinceEpoch(epochSeconds, nanos);
        if (now > clock) {
            clock = now;
        }
        List<Anomaly> out = List.of();
        Iterator<Datagram> it = inProgress.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            if (!idle(d.lastSeen)) {
                break;
            }
            it.remove();
            buffered -= d.bytes;
            if (out.isEmpty()) {
                out = new ArrayList<>(1);
            }
            out.add(Anomaly.of("ip.fragment.timeout", d.key + ": no fragment for more than "
                    + seconds() + "; frames " + frames(d.framesInArrivalOrder()) + " dropped, " + missing(d)));
        }
        Iterator<Finished> done = finished.values().iterator();
        while (done.hasNext() && idle(done.next().lastSeen)) {
            done.remove();
        }
        return out;
    }

    /**
     * End of capture: one {@code ip.fragment.incomplete} per datagram still held (its frames and the bytes that never
     * came), in order of its first fragment's frame. Everything held is released.
     */
    public List<Anomaly> finish() {
        List<Datagram> left = new ArrayList<>(inProgress.values());
        left.sort(Comparator.comparingLong(d -> d.parts.isEmpty() ? Long.MAX_VALUE : d.parts.get(0).frame()));
        List<Anomaly> out = new ArrayList<>(left.size());
        for (Datagram d : left) {
            out.add(Anomaly.of("ip.fragment.incomplete", d.key + ": frames " + frames(d.framesInArrivalOrder())
                    + " held, " + missing(d)));
        }
        inProgress.clear();
        finished.clear();
        buffered = 0;
        return out;
    }

    // ---- adding one fragment -------------------------------------------------------------------------------

    private void add(Datagram d, Fragment f, long frame, long crc, List<Anomaly> out) {
        int s = f.offset();
        int e = f.end();
        boolean endReported = false;
        if (!f.more()) {
            if (d.end < 0) {
                int held = d.highestHeld();
                if (held > e) {
                    d.trimTo(e);
                    out.add(Anomaly.of("ip.fragment.beyond_end", "this last fragment ends the datagram at byte " + e
                            + ", but bytes up to " + (held - 1) + " were already held; those past the end are"
                            + " discarded"));
                    endReported = true;
                }
                d.end = e;
                d.endFrame = frame;
            } else if (d.end != e) {
                out.add(Anomaly.of("ip.fragment.beyond_end", "a second last fragment ends the datagram at byte " + e
                        + "; the end " + d.end + " set by frame " + d.endFrame + " is kept"));
                endReported = true;
            }
        }
        if (d.end >= 0 && e > d.end) {
            if (!endReported) {
                out.add(Anomaly.of("ip.fragment.beyond_end", "bytes " + Math.max(s, d.end) + "-" + (e - 1)
                        + " run past the datagram's end at byte " + d.end + " (set by frame " + d.endFrame
                        + ") and are ignored"));
            }
            e = Math.max(s, d.end);
        }
        if (s == 0 && d.header == null) {
            d.header = Arrays.copyOfRange(f.b(), f.packetOff(), f.packetOff() + f.headerLen());
            d.nextHeaderPos = f.nextHeaderPos();
            d.innerNext = f.innerNext();
            d.bytes += d.header.length;
        }
        // Walk the pieces already held over [s, e): compare what overlaps, keep what fills a gap.
        List<int[]> gaps = new ArrayList<>(1);
        TreeSet<Long> overlapFrames = new TreeSet<>();
        int overlapFirst = -1;
        int overlapLast = -1;
        int diffFirst = -1;
        int diffLast = -1;
        int diffCount = 0;
        TreeSet<Long> diffFrames = new TreeSet<>();
        int pos = s;
        if (s < e) {
            Integer from = d.pieces.floorKey(s);
            for (Map.Entry<Integer, Piece> en : d.pieces.subMap(from == null ? s : from, true, e, false).entrySet()) {
                int po = en.getKey();
                Piece piece = en.getValue();
                int pe = po + piece.data().length;
                if (pe <= s) {
                    continue;
                }
                if (po > pos) {
                    gaps.add(new int[] {pos, po});
                }
                int os = Math.max(po, s);
                int oe = Math.min(pe, e);
                if (os < oe) {
                    overlapFrames.add(piece.frame());
                    overlapFirst = overlapFirst < 0 ? os : Math.min(overlapFirst, os);
                    overlapLast = Math.max(overlapLast, oe - 1);
                    for (int i = os; i < oe; i++) {
                        if (f.b()[f.dataOff() + i - s] != piece.data()[i - po]) {
                            diffFirst = diffFirst < 0 ? i : diffFirst;
                            diffLast = i;
                            diffCount++;
                            diffFrames.add(piece.frame());
                        }
                    }
                }
                pos = Math.max(pos, oe);
            }
            if (pos < e) {
                gaps.add(new int[] {pos, e});
            }
        }
        if (diffCount > 0) {
            out.add(Anomaly.of("ip.fragment.overlap_conflict", "bytes " + diffFirst + "-" + diffLast + " (" + diffCount
                    + (diffCount == 1 ? " byte differs" : " bytes differ") + ") of this fragment (offset " + s
                    + ", " + f.dataLen() + " bytes) differ from the copy from frame" + plural(diffFrames) + " "
                    + frames(List.copyOf(diffFrames)) + "; the first copy is kept"));
        } else if (overlapFirst >= 0) {
            if (gaps.isEmpty() && d.holds(s, f.dataLen())) {
                out.add(Anomaly.of("ip.fragment.duplicate", "same bytes as frame" + plural(overlapFrames) + " "
                        + frames(List.copyOf(overlapFrames)) + " (offset " + s + ", " + f.dataLen() + " bytes)"));
            } else {
                out.add(Anomaly.of("ip.fragment.overlap", "bytes " + overlapFirst + "-" + overlapLast + " were already"
                        + " held from frame" + plural(overlapFrames) + " " + frames(List.copyOf(overlapFrames))
                        + ", with the same content"
                        + (f.version() == 6 ? " (RFC 5722: IPv6 receivers discard such datagrams)" : "")));
            }
        }
        for (int[] g : gaps) {
            int from = f.dataOff() + g[0] - s;
            d.pieces.put(g[0], new Piece(Arrays.copyOfRange(f.b(), from, from + g[1] - g[0]), frame));
            d.covered += g[1] - g[0];
            d.bytes += g[1] - g[0];
        }
        d.parts.add(new Part(f.offset(), f.dataLen(), frame, crc));
        d.bytes += FRAGMENT_OVERHEAD;
    }

    private static byte[] rebuild(Datagram d) {
        int hl = d.header.length;
        byte[] p = new byte[hl + d.end];
        System.arraycopy(d.header, 0, p, 0, hl);
        for (Map.Entry<Integer, Piece> en : d.pieces.entrySet()) {
            byte[] data = en.getValue().data();
            System.arraycopy(data, 0, p, hl + en.getKey(), data.length);
        }
        if (d.version == 4) {
            int total = hl + d.end;
            p[2] = (byte) (total >>> 8);
            p[3] = (byte) total;
            p[6] = (byte) (p[6] & 0xc0); // keep the reserved and DF bits; clear MF and the offset
            p[7] = 0;
            p[10] = 0;
            p[11] = 0;
            int sum = headerChecksum(p, hl);
            p[10] = (byte) (sum >>> 8);
            p[11] = (byte) sum;
        } else {
            int payload = hl - 40 + d.end;
            p[4] = (byte) (payload >>> 8);
            p[5] = (byte) payload;
            p[d.nextHeaderPos] = (byte) d.innerNext;
        }
        return p;
    }

    private static int headerChecksum(byte[] p, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += u16be(p, i);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    // ---- dropping -------------------------------------------------------------------------------------------

    /** Drops the datagram of this fragment (held or not yet) for {@code id}, and remembers it as given up. */
    private void giveUp(Datagram d, String key, Fragment f, long frame, String id, String why, List<Anomaly> out) {
        List<Long> frames = new ArrayList<>();
        if (d != null) {
            inProgress.remove(key);
            buffered -= d.bytes;
            frames.addAll(d.framesInArrivalOrder());
        }
        frames.add(frame);
        rememberDropped(key, frame, id, id.endsWith("too_large") ? "too large" : "over a reassembly limit");
        out.add(Anomaly.of(id, key + ": " + why + "; frame" + (frames.size() == 1 ? "" : "s") + " " + frames(frames)
                + " dropped"));
    }

    /** Drops the datagram idle longest, other than {@code keep}; false when there is none. */
    private boolean evictOldest(Datagram keep, String why, long frame, List<Anomaly> out) {
        Iterator<Datagram> it = inProgress.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            if (d == keep) {
                continue;
            }
            it.remove();
            buffered -= d.bytes;
            rememberDropped(d.key, frame, "ip.fragment.limit", "over a reassembly limit");
            out.add(Anomaly.of("ip.fragment.limit", d.key + ": " + why + ", the one idle longest is dropped (frames "
                    + frames(d.framesInArrivalOrder()) + ", " + missing(d) + ")"));
            return true;
        }
        return false;
    }

    private void rememberDropped(String key, long frame, String id, String reason) {
        remember(key, Finished.dropped(frame, id, reason, clock));
    }

    private void remember(String key, Finished f) {
        finished.put(key, f);
        if (finished.size() > limits.maxDatagrams()) {
            Iterator<Finished> it = finished.values().iterator();
            it.next();
            it.remove();
        }
    }

    // ---- parsing --------------------------------------------------------------------------------------------

    private static Parsed parse(byte[] b, int off, int len) {
        if (len < 1) {
            return null;
        }
        int version = u8(b, off) >>> 4;
        if (version == 4) {
            return ipv4(b, off, len);
        }
        if (version == 6) {
            return ipv6(b, off, len);
        }
        return null;
    }

    private static Parsed ipv4(byte[] b, int off, int len) {
        if (len < 20) {
            return null;
        }
        int ihl = (u8(b, off) & 0x0f) * 4;
        if (ihl < 20 || ihl > len) {
            return null;
        }
        int flagsFrag = u16be(b, off + 6);
        boolean more = (flagsFrag & 0x2000) != 0;
        int offset = (flagsFrag & 0x1fff) * 8;
        if (!more && offset == 0) {
            return null;
        }
        int id = u16be(b, off + 4);
        int proto = u8(b, off + 9);
        String key = "IPv4 " + IpText.v4(b, off + 12) + " → " + IpText.v4(b, off + 16) + " id 0x"
                + Integer.toHexString(id) + " proto " + PacketDecoder.ipProtocolName(proto);
        int total = u16be(b, off + 2);
        if (total < ihl) {
            return new Parsed(key, null, Anomaly.of("ip.fragment.invalid", "fragment at offset " + offset
                    + " gives total length " + total + ", below its header length " + ihl + "; not reassembled"));
        }
        if (total > len) {
            return new Parsed(key, null, Anomaly.of("ip.fragment.cut", "fragment at offset " + offset + " is " + total
                    + " bytes, the capture holds " + len));
        }
        int dataLen = total - ihl;
        Fragment f = new Fragment(4, b, off, ihl, -1, proto, offset, off + ihl, dataLen, more);
        if (more && dataLen % 8 != 0) {
            return new Parsed(key, f, Anomaly.of("ip.fragment.invalid", "fragment at offset " + offset + " has more"
                    + " to follow but carries " + dataLen + " bytes, not a multiple of 8"));
        }
        return new Parsed(key, f, null);
    }

    private static Parsed ipv6(byte[] b, int off, int len) {
        if (len < 40) {
            return null;
        }
        int next = u8(b, off + 6);
        int nextPos = off + 6;
        int pos = off + 40;
        int limit = off + len;
        for (int i = 0; next != 44; i++) {
            if (i >= MAX_IPV6_EXTENSIONS || limit - pos < 8) {
                return null;
            }
            int hlen;
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> hlen = (u8(b, pos + 1) + 1) * 8;
                case 51 -> hlen = (u8(b, pos + 1) + 2) * 4;
                default -> {
                    return null; // an upper-layer header or ESP before any Fragment header
                }
            }
            if (limit - pos < hlen) {
                return null;
            }
            nextPos = pos;
            next = u8(b, pos);
            pos += hlen;
        }
        if (limit - pos < 8) {
            return null;
        }
        int inner = u8(b, pos);
        int fo = u16be(b, pos + 2);
        int offset = fo & 0xfff8;
        boolean more = (fo & 1) != 0;
        if (!more && offset == 0) {
            return null; // an atomic fragment (RFC 6946): a whole packet
        }
        long id = u32be(b, pos + 4);
        String key = "IPv6 " + IpText.v6(b, off + 8) + " → " + IpText.v6(b, off + 24) + " id 0x"
                + Long.toHexString(id);
        int payloadLen = u16be(b, off + 4);
        int dataOff = pos + 8;
        if (payloadLen == 0) {
            return new Parsed(key, null, Anomaly.of("ip.fragment.invalid", "fragment at offset " + offset
                    + " gives payload length 0 (a jumbogram cannot be fragmented); not reassembled"));
        }
        if (40 + payloadLen > len) {
            return new Parsed(key, null, Anomaly.of("ip.fragment.cut", "fragment at offset " + offset + " is "
                    + (40 + payloadLen) + " bytes, the capture holds " + len));
        }
        int packetEnd = off + 40 + payloadLen;
        if (packetEnd < dataOff) {
            return new Parsed(key, null, Anomaly.of("ip.fragment.invalid", "fragment at offset " + offset
                    + " gives payload length " + payloadLen + ", which ends inside its own headers; not reassembled"));
        }
        int dataLen = packetEnd - dataOff;
        if (more && dataLen % 8 != 0) {
            // RFC 8200 section 4.5: such a fragment is discarded by the receiver.
            return new Parsed(key, null, Anomaly.of("ip.fragment.invalid", "fragment at offset " + offset + " has more"
                    + " to follow but carries " + dataLen + " bytes, not a multiple of 8; receivers discard it"));
        }
        Fragment f = new Fragment(6, b, off, pos - off, nextPos - off, inner, offset, dataOff, dataLen, more);
        return new Parsed(key, f, null);
    }

    // ---- time and words -------------------------------------------------------------------------------------

    private static long nanosSinceEpoch(long seconds, int nanos) {
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE + 1;
        }
        return seconds * 1_000_000_000L + nanos;
    }

    /** Whether something last touched at {@code then} has been idle longer than the timeout on the capture clock. */
    private boolean idle(long then) {
        if (clock <= then) {
            return false;
        }
        long idle = clock - then;
        return idle < 0 /* overflowed: very long */ || idle > timeoutNanos;
    }

    private String seconds() {
        long ms = limits.timeout().toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static long crc(Fragment f) {
        CRC32 c = new CRC32();
        c.update(f.b(), f.dataOff(), f.dataLen());
        return c.getValue();
    }

    private static String plural(Collection<?> c) {
        return c.size() == 1 ? "" : "s";
    }

    /** "1, 2, 5" or "1, 2, ... and 40 more". */
    static String frames(List<Long> frames) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(frames.size(), MAX_LISTED);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(frames.get(i));
        }
        if (frames.size() > n) {
            sb.append(" and ").append(frames.size() - n).append(" more");
        }
        return sb.toString();
    }

    /** The byte ranges a held datagram still lacks, e.g. "bytes 1480-2959 missing". */
    private static String missing(Datagram d) {
        List<String> ranges = new ArrayList<>();
        int pos = 0;
        int total = 0;
        for (Map.Entry<Integer, Piece> en : d.pieces.entrySet()) {
            if (en.getKey() > pos) {
                total++;
                if (ranges.size() < MAX_LISTED) {
                    ranges.add(pos + "-" + (en.getKey() - 1));
                }
            }
            pos = Math.max(pos, en.getKey() + en.getValue().data().length);
        }
        if (d.end >= 0 && pos < d.end) {
            total++;
            if (ranges.size() < MAX_LISTED) {
                ranges.add(pos + "-" + (d.end - 1));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            sb.append("bytes ").append(String.join(", ", ranges));
            if (total > ranges.size()) {
                sb.append(" and ").append(total - ranges.size()).append(" more ranges");
            }
            sb.append(" missing");
        }
        if (d.end < 0) {
            sb.append(sb.length() > 0 ? ", and " : "").append("everything from byte ").append(pos)
                    .append(" on (no last fragment seen)");
        }
        if (sb.length() == 0 && d.header == null) {
            sb.append("the first fragment's header missing");
        }
        return sb.toString();
    }
}
