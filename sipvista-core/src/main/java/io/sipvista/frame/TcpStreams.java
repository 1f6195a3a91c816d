package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.net.Packet;
import io.sipvista.net.TcpFlags;
import io.sipvista.net.TcpReassembler;
import io.sipvista.net.WebSocketDeframer;
import io.sipvista.net.WebSocketHandshake;
import io.sipvista.net.WebSocketMessage;
import io.sipvista.sip.FramedMessage;
import io.sipvista.sip.SipDetector;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
import io.sipvista.sip.SipStreamFramer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TCP stream following for SIP, one state per direction. Owns, per direction, a {@link TcpReassembler} (bytes put
 * back in sequence order: out-of-order segments held until the hole fills, retransmissions dropped and compared)
 * feeding a {@link SipStreamFramer}; a message is reported on the frame whose segment completes it.
 *
 * <p>Where a stream starts: after a SYN, at its first byte, and the stream is SIP when its first line is a SIP start
 * line. Without a SYN (the capture began mid-stream), at the first segment that begins with a SIP start line (a start
 * line cut across segments is held until its line end decides). A hole is declared missing ({@code tcp.gap}) when
 * the other direction acknowledges bytes beyond it, when too much is held behind it ({@code tcp.buffer.limit}), on
 * RST, when its direction sends again {@link FrameLimits#tcpHoleTimeoutMillis()} after it opened, or at the end of
 * the capture; the partial message is dropped (named by the framer) and framing resynchronises on the next start
 * line. Messages released when the other direction's ACK or RST declares the hole are reported on that frame;
 * those released only at the end of the capture are named in {@code tcp.held_at_end}. Directions are bounded by
 * {@link FrameLimits#maxTcpStreams()} (least recently used dropped, {@code tcp.streams.limit}); idle directions that
 * hold nothing are forgotten.
 */
final class TcpStreams {
    /** A message completed by the current segment. */
    record Message(SipMessage message, long firstFrame) {
    }

    /** What one segment did. */
    record Outcome(List<Message> messages, List<Anomaly> anomalies, boolean sipStream, String note) {
    }

    /** How much of a direction's first line is held while deciding whether it is SIP. */
    static final int PROBE_BYTES = 512;

    private static final long MASK = 0xffffffffL;
    /** Most idle directions forgotten per packet: expiry stays cheap. */
    private static final int EXPIRE_PER_PACKET = 4;

    private enum State {
        /** No SYN seen and no SIP found: each segment is looked at on its own. */
        SEGMENTS,
        /** SYN seen: reassembled from its first byte; the first line decides. */
        FIRST_LINE,
        /** Reassembled and framed as SIP. */
        SIP,
        /** Reassembled; the first line opened an HTTP head that may upgrade the connection to WebSocket. */
        HTTP_HEAD,
        /** Reassembled and deframed as WebSocket (RFC 6455); SIP messages are its data messages (RFC 7118). */
        WEBSOCKET,
        /** The stream's first line is not SIP: only retransmissions are noted. */
        NOT_SIP,
        /** Ended by FIN or RST: retransmissions of its bytes are recognised, new bytes start a new stream. */
        CLOSED
    }

    private record Chunk(byte[] data, long frame) {
    }

    private final class Direction implements TcpReassembler.Sink {
        final FlowKey key;
        State state = State.SEGMENTS;
        TcpReassembler stream;
        SipStreamFramer framer;
        /** WEBSOCKET: the deframer; HTTP_HEAD: the head so far. */
        WebSocketDeframer ws;
        byte[] head = new byte[0];
        /** Sequence number of the first byte after the SYN, or -1 without a SYN. */
        long firstSeq = -1;
        /** Not reassembled: the sequence number after the highest byte seen, or -1. */
        long seen = -1;
        /** First bytes held until the first line is complete (both probing states). */
        final List<Chunk> probe = new ArrayList<>(1);
        int probeBytes;
        long probeEnd;
        /** FIRST_LINE: the stream's first bytes were lost, so a non-SIP first line does not rule SIP out. */
        boolean afterHole;
        /** The direction carried SIP (it may be closed now). */
        boolean carriedSip;
        /** Sequence number of the FIN, or -1. */
        long finSeq = -1;
        long lastFrame;
        long lastMillis;
        /** Capture time the current hole opened, or -1. */
        long holeSince = -1;

        Direction(FlowKey key) {
            this.key = key;
        }

        @Override
        public void bytes(byte[] b, int off, int len, long frame) {
            if (state == State.SIP) {
                found.addAll(framer.feed(b, off, len, frame));
            } else if (state == State.FIRST_LINE) {
                firstLineBytes(b, off, len, frame);
            } else if (state == State.HTTP_HEAD) {
                httpHeadBytes(b, off, len, frame);
            } else if (state == State.WEBSOCKET) {
                webSocketBytes(b, off, len, frame);
            }
        }

        @Override
        public void hole(long length) {
            if (state == State.SIP) {
                said.addAll(framer.reset("bytes missing from the capture"));
            } else if (state == State.WEBSOCKET) {
                said.addAll(ws.reset("bytes missing from the capture"));
            } else if (state == State.HTTP_HEAD) {
                state = State.NOT_SIP;
                head = new byte[0];
            } else if (state == State.FIRST_LINE) {
                clearProbe();
                afterHole = true;
            }
        }

        private void firstLineBytes(byte[] b, int off, int len, long frame) {
            int p = off;
            int end = off + len;
            if (probeBytes == 0) {
                while (p < end && (b[p] == '\r' || b[p] == '\n')) {
                    p++;
                }
            }
            if (p == end) {
                return;
            }
            probe.add(new Chunk(Arrays.copyOfRange(b, p, end), frame));
            probeBytes += end - p;
            byte[] head = probeHead(null, 0, 0);
            if (!hasLineEnd(head, 0, head.length) && probeBytes < PROBE_BYTES) {
                return;
            }
            if (SipDetector.looksLikeSip(head, 0, head.length)) {
                state = State.SIP;
                carriedSip = true;
                framer = new SipStreamFramer(limits.sip());
                for (Chunk c : probe) {
                    found.addAll(framer.feed(c.data, 0, c.data.length, c.frame));
                }
            } else if (!afterHole && startsHttp(head)) {
                state = State.HTTP_HEAD;
                List<Chunk> held = new ArrayList<>(probe);
                clearProbe();
                for (Chunk c : held) {
                    bytes(c.data, 0, c.data.length, c.frame);
                }
                return;
            } else {
                state = afterHole ? State.SEGMENTS : State.NOT_SIP;
            }
            clearProbe();
        }

        /** Collects an HTTP head; a WebSocket upgrade (request or 101 answer) turns the direction to WebSocket. */
        private void httpHeadBytes(byte[] b, int off, int len, long frame) {
            int keep = Math.min(len, WebSocketHandshake.MAX_HEAD_BYTES + 4 - head.length);
            byte[] joined = Arrays.copyOf(head, head.length + Math.max(0, keep));
            System.arraycopy(b, off, joined, head.length, Math.max(0, keep));
            int n = WebSocketHandshake.headLength(joined, 0, joined.length);
            if (n < 0) {
                head = joined;
                if (joined.length >= WebSocketHandshake.MAX_HEAD_BYTES) {
                    state = State.NOT_SIP;
                    head = new byte[0];
                }
                return;
            }
            WebSocketHandshake hs = WebSocketHandshake.read(joined, 0, n);
            head = new byte[0];
            if (hs == null || !(hs.request() || hs.switchesProtocols())) {
                state = State.NOT_SIP;
                return;
            }
            state = State.WEBSOCKET;
            ws = new WebSocketDeframer(limits.sip().maxMessageBytes());
            int consumedHere = n - (joined.length - keep); // head bytes that came from this call
            if (consumedHere < len) {
                webSocketBytes(b, off + consumedHere, len - consumedHere, frame);
            }
        }

        private void webSocketBytes(byte[] b, int off, int len, long frame) {
            for (WebSocketMessage m : ws.feed(b, off, len, frame)) {
                byte[] payload = m.payload();
                if (m.isData() && SipDetector.looksLikeSip(payload, 0, payload.length)) {
                    carriedSip = true;
                    found.add(new FramedMessage(payload, m.firstTag(), m.lastTag(), m.anomalies()));
                } else {
                    said.addAll(m.anomalies());
                }
            }
        }

        /** The first PROBE_BYTES bytes of the probe, then of b[off, off + len). */
        byte[] probeHead(byte[] b, int off, int len) {
            int n = (int) Math.min(PROBE_BYTES, (long) probeBytes + len);
            byte[] head = new byte[n];
            int at = 0;
            for (Chunk c : probe) {
                int k = Math.min(c.data.length, n - at);
                System.arraycopy(c.data, 0, head, at, k);
                at += k;
            }
            if (b != null) {
                System.arraycopy(b, off, head, at, n - at);
            }
            return head;
        }

        void clearProbe() {
            probe.clear();
            probeBytes = 0;
        }

        boolean holdsNothing() {
            return probeBytes == 0 && (stream == null || stream.heldBytes() == 0)
                    && (framer == null || framer.pending() == 0) && (ws == null || ws.pending() == 0)
                    && head.length == 0;
        }
    }

    private final FrameLimits limits;
    private final LinkedHashMap<FlowKey, Direction> streams;
    /** Messages and framer anomalies produced while the current packet is handled. */
    private final List<FramedMessage> found = new ArrayList<>();
    private final List<Anomaly> said = new ArrayList<>();
    private long evicted;
    private long firstEviction;

    TcpStreams(FrameLimits limits) {
        this.limits = limits;
        this.streams = new LinkedHashMap<>(256, 0.75f, true);
    }

    /** Takes a TCP packet of capture record {@code r}. */
    Outcome accept(Packet p, CaptureRecord r) {
        return accept(p, r.number(), millis(r.epochSeconds(), r.nanos()));
    }

    /** Takes a TCP packet of frame {@code frame} without its capture time: nothing times out. */
    Outcome accept(Packet p, long frame) {
        return accept(p, frame, 0);
    }

    private Outcome accept(Packet p, long frame, long millis) {
        found.clear();
        said.clear();
        List<Anomaly> anomalies = new ArrayList<>(1);
        expireIdle(millis);
        FlowKey key = new FlowKey(p.srcAddress(), p.srcPort(), p.dstAddress(), p.dstPort());
        int flags = p.tcpFlags();
        int len = p.payloadLength();
        long seq = p.tcpSeq() & MASK;
        Direction d = streams.get(key);
        if (TcpFlags.has(flags, TcpFlags.SYN)) {
            long first = (seq + 1) & MASK;
            if (d == null || d.firstSeq != first) {
                if (d != null) {
                    anomalies.addAll(end(d, "a new connection reuses these addresses and ports", frame, false));
                }
                d = newDirection(key, frame, anomalies);
                d.firstSeq = first;
                d.state = State.FIRST_LINE;
                d.stream = new TcpReassembler(first, limits.maxTcpHeldBytes(), limits.tcpHistoryBytes());
            }
            seq = first;
        }
        String note = null;
        if (len > 0) {
            if (d == null) {
                d = newDirection(key, frame, anomalies);
            }
            note = data(d, seq, p.data(), p.payloadOffset(), len, frame, millis, anomalies);
        }
        boolean sip = d != null && (d.state == State.SIP || d.carriedSip);
        if (len > 0 && note == null && d.state == State.SIP && found.isEmpty()) {
            note = progress(d, p, len);
        }
        if (d != null) {
            d.lastFrame = frame;
            d.lastMillis = millis;
            if (TcpFlags.has(flags, TcpFlags.FIN) && d.finSeq < 0) {
                d.finSeq = (seq + len) & MASK;
            }
            if (TcpFlags.has(flags, TcpFlags.RST)) {
                anomalies.addAll(end(d, "connection reset", frame, false));
            } else {
                closeIfComplete(d, anomalies);
            }
        }
        Direction rev = TcpFlags.has(flags, TcpFlags.ACK) || TcpFlags.has(flags, TcpFlags.RST)
                ? streams.get(key.reverse()) : null;
        if (rev != null) {
            rev.lastMillis = millis;
            if (TcpFlags.has(flags, TcpFlags.RST)) {
                anomalies.addAll(end(rev, "connection reset by the other side in this frame", frame, true));
            } else if (rev.stream != null) {
                int mark = said.size();
                TcpReassembler.Result res = rev.stream.acknowledged(p.tcpAck(), frame, rev);
                List<Anomaly> revSaid = new ArrayList<>(res.anomalies());
                revSaid.addAll(said.subList(mark, said.size()));
                said.subList(mark, said.size()).clear();
                settle(rev, millis);
                closeIfComplete(rev, revSaid);
                anomalies.addAll(about(rev.key, revSaid));
            }
        }
        anomalies.addAll(said);
        List<Message> out = new ArrayList<>(found.size());
        for (FramedMessage fm : found) {
            anomalies.addAll(fm.anomalies());
            byte[] mb = fm.bytes();
            out.add(new Message(SipParser.parse(mb, 0, mb.length), fm.firstTag()));
        }
        found.clear();
        said.clear();
        return new Outcome(out, anomalies, sip, note);
    }

    /** A segment's payload: returns the note for the frame's label, or null. */
    private String data(Direction d, long seq, byte[] b, int off, int len, long frame, long millis,
                        List<Anomaly> anomalies) {
        if (d.stream == null) {
            String retransmitted = light(d, seq, len, anomalies);
            if (d.state == State.NOT_SIP || (d.state == State.CLOSED && retransmitted != null)) {
                return retransmitted;
            }
            d.state = State.SEGMENTS;
            if (!probeSegment(d, seq, b, off, len, frame, anomalies)) {
                return retransmitted;
            }
            settle(d, millis);
            return null;
        }
        if (len == 1 && ((seq + 1) & MASK) == d.stream.nextSeq()) {
            // RFC 9293 §3.8.4 keep-alive: one byte already acknowledged, sent again to probe the peer; not data.
            return "TCP keep-alive probe (1 byte below the next expected)";
        }
        if (d.holeSince >= 0 && millis - d.holeSince > limits.tcpHoleTimeoutMillis() && d.stream.heldBytes() > 0) {
            anomalies.addAll(d.stream.skipHole("no retransmission within " + limits.tcpHoleTimeoutMillis()
                    + " ms of capture time", frame, d).anomalies());
            d.holeSince = -1;
        }
        TcpReassembler.Result r = d.stream.segment(seq, b, off, len, frame, d);
        anomalies.addAll(r.anomalies());
        settle(d, millis);
        return describe(d.key, r, len, anomalies);
    }

    /** Words for what the reassembler did with a segment, with {@code tcp.out_of_order} when it was not in order. */
    private static String describe(FlowKey k, TcpReassembler.Result r, int len, List<Anomaly> anomalies) {
        int old = r.duplicate() + r.late();
        if (old == len) {
            String what = r.late() == len
                    ? len + " bytes behind the followed stream (before it began, or already declared missing); not used"
                    : "retransmission of " + len + " bytes already seen";
            anomalies.add(Anomaly.of("tcp.out_of_order", what));
            return "TCP " + what;
        }
        if (old > 0) {
            anomalies.add(Anomaly.of("tcp.out_of_order", old + " bytes overlap data already seen"));
        }
        if (r.held() > 0) {
            anomalies.add(Anomaly.of("tcp.out_of_order", "segment ahead of " + r.missing() + " missing bytes; "
                    + r.held() + " bytes held until they arrive"));
            return "TCP " + k.srcPort() + " → " + k.dstPort() + ", " + r.held()
                    + " bytes held out of order (waiting for "
                    + r.missing() + " missing bytes)";
        }
        return null;
    }

    /** The note for a SIP segment that completed no message. */
    private static String progress(Direction d, Packet p, int len) {
        String ports = "TCP " + p.srcPort() + " → " + p.dstPort() + ", ";
        if (d.framer.pending() > 0) {
            return ports + len + " bytes of a SIP message continued in a later segment (" + d.framer.pending()
                    + " bytes so far)";
        }
        if (isCrlfOnly(p.data(), p.payloadOffset(), len)) {
            return ports + "SIP keep-alive (" + len + " bytes of CR/LF)";
        }
        return ports + len + " bytes that begin no SIP message, skipped";
    }

    /** Retransmission notes for a direction not reassembled; returns the note when the segment was all seen. */
    private static String light(Direction d, long seq, int len, List<Anomaly> anomalies) {
        long end = (seq + len) & MASK;
        if (d.seen < 0) {
            d.seen = end;
            return null;
        }
        int ahead = (int) (end - d.seen);
        if (ahead <= 0) {
            anomalies.add(Anomaly.of("tcp.out_of_order", "retransmission of " + len + " bytes already seen"));
            return "TCP retransmission of " + len + " bytes already seen";
        }
        int behind = (int) (d.seen - seq);
        if (behind > 0) {
            anomalies.add(Anomaly.of("tcp.out_of_order", behind + " bytes overlap data already seen"));
        }
        d.seen = end;
        return null;
    }

    /**
     * A segment of a direction not yet known to carry SIP: it starts the SIP stream when it begins with a SIP start
     * line (joined to held bytes that end where it starts). A segment with no line end is held to decide.
     *
     * @return true when the stream now follows SIP
     */
    private boolean probeSegment(Direction d, long seq, byte[] b, int off, int len, long frame,
                                 List<Anomaly> anomalies) {
        if (d.probeBytes > 0 && seq == d.probeEnd) {
            byte[] head = d.probeHead(b, off, len);
            if (!hasLineEnd(head, 0, head.length) && d.probeBytes + len < PROBE_BYTES) {
                d.probe.add(new Chunk(Arrays.copyOfRange(b, off, off + len), frame));
                d.probeBytes += len;
                d.probeEnd = (seq + len) & MASK;
                return false;
            }
            if (SipDetector.looksLikeSip(head, 0, head.length)) {
                List<Chunk> held = new ArrayList<>(d.probe);
                long start = (seq - d.probeBytes) & MASK;
                d.clearProbe();
                startSip(d, start);
                for (Chunk c : held) {
                    anomalies.addAll(d.stream.segment(start, c.data, 0, c.data.length, c.frame, d).anomalies());
                    start = (start + c.data.length) & MASK;
                }
                anomalies.addAll(d.stream.segment(seq, b, off, len, frame, d).anomalies());
                return true;
            }
        }
        d.clearProbe();
        if (SipDetector.looksLikeSip(b, off, len)) {
            startSip(d, seq);
            anomalies.addAll(d.stream.segment(seq, b, off, len, frame, d).anomalies());
            return true;
        }
        if (len < PROBE_BYTES && !hasLineEnd(b, off, len)) {
            d.probe.add(new Chunk(Arrays.copyOfRange(b, off, off + len), frame));
            d.probeBytes = len;
            d.probeEnd = (seq + len) & MASK;
        }
        return false;
    }

    private void startSip(Direction d, long seq) {
        d.state = State.SIP;
        d.carriedSip = true;
        d.stream = new TcpReassembler(seq, limits.maxTcpHeldBytes(), limits.tcpHistoryBytes());
        d.framer = new SipStreamFramer(limits.sip());
    }

    /** After the reassembler ran: drop it when the stream turned out not to be SIP; keep the hole clock. */
    private static void settle(Direction d, long millis) {
        if (d.stream == null) {
            return;
        }
        if (d.state != State.SIP && d.state != State.FIRST_LINE && d.state != State.HTTP_HEAD
                && d.state != State.WEBSOCKET) {
            d.seen = d.stream.nextSeq();
            d.stream = null;
            d.framer = null;
            d.ws = null;
            d.holeSince = -1;
            return;
        }
        if (d.stream.heldBytes() == 0) {
            d.holeSince = -1;
        } else if (d.holeSince < 0) {
            d.holeSince = millis;
        }
    }

    /** After a FIN, once every byte before it is in: the stream ends. */
    private void closeIfComplete(Direction d, List<Anomaly> anomalies) {
        if (d.finSeq >= 0 && d.stream != null && d.stream.heldBytes() == 0 && d.stream.nextSeq() == d.finSeq) {
            if (d.framer != null && d.framer.pending() > 0) {
                anomalies.addAll(d.framer.flush());
            }
            close(d);
        }
    }

    private static void close(Direction d) {
        d.seen = d.stream != null ? d.stream.nextSeq() : d.seen;
        d.state = State.CLOSED;
        d.stream = null;
        d.framer = null;
        if (d.ws != null && d.ws.pending() > 0) {
            d.ws.flush();
        }
        d.ws = null;
        d.head = new byte[0];
        d.clearProbe();
        d.holeSince = -1;
    }

    /**
     * Ends a direction now ({@code cause}): its holes are declared missing, the bytes held after them framed, and a
     * message left incomplete is named. {@code other}: the direction is not the frame's own, so its anomalies say
     * which it is.
     */
    private List<Anomaly> end(Direction d, String cause, long frame, boolean other) {
        List<Anomaly> out = new ArrayList<>();
        if (d.stream != null) {
            int mark = said.size();
            out.addAll(d.stream.drain(cause, frame, d).anomalies());
            out.addAll(said.subList(mark, said.size()));
            said.subList(mark, said.size()).clear();
            if (d.framer != null && d.framer.pending() > 0) {
                out.addAll(d.framer.flush());
            }
        }
        close(d);
        return other ? about(d.key, out) : out;
    }

    private static List<Anomaly> about(FlowKey k, List<Anomaly> anomalies) {
        List<Anomaly> out = new ArrayList<>(anomalies.size());
        for (Anomaly a : anomalies) {
            out.add(Anomaly.of(a.id(), describe(k) + ": " + a.detail()));
        }
        return out;
    }

    private Direction newDirection(FlowKey key, long frame, List<Anomaly> anomalies) {
        Direction d = new Direction(key);
        streams.put(key, d);
        if (streams.size() > limits.maxTcpStreams()) {
            Iterator<Map.Entry<FlowKey, Direction>> it = streams.entrySet().iterator();
            Direction eldest = it.next().getValue();
            it.remove();
            if (!eldest.holdsNothing()) {
                if (evicted++ == 0) {
                    firstEviction = frame;
                }
                anomalies.add(Anomaly.of("tcp.streams.limit", "more than " + limits.maxTcpStreams()
                        + " TCP directions open; dropped " + describe(eldest.key) + " (last frame " + eldest.lastFrame
                        + ") with " + holding(eldest)));
            }
        }
        return d;
    }

    private static String holding(Direction d) {
        List<String> parts = new ArrayList<>(3);
        if (d.stream != null && d.stream.heldBytes() > 0) {
            parts.add(d.stream.heldBytes() + " bytes held out of order");
        }
        if (d.framer != null && d.framer.pending() > 0) {
            parts.add(d.framer.pending() + " bytes of an incomplete SIP message");
        }
        if (d.probeBytes > 0) {
            parts.add(d.probeBytes + " bytes of an undecided first line");
        }
        return String.join(" and ", parts);
    }

    /** Forgets the least recently used directions that hold nothing and have been idle too long. */
    private void expireIdle(long millis) {
        long idle = limits.tcpIdleTimeoutSeconds() * 1000;
        Iterator<Direction> it = streams.values().iterator();
        for (int i = 0; i < EXPIRE_PER_PACKET && it.hasNext(); i++) {
            Direction d = it.next();
            if (millis - d.lastMillis <= idle || !d.holdsNothing()) {
                return;
            }
            it.remove();
        }
    }

    /** Directions currently followed (for tests of the bounds). */
    int openDirections() {
        return streams.size();
    }

    /** Bytes held out of order over all directions (for tests of the bounds). */
    long heldBytes() {
        long n = 0;
        for (Direction d : streams.values()) {
            n += d.stream == null ? 0 : d.stream.heldBytes();
        }
        return n;
    }

    /**
     * End of capture: holes still open are declared missing, messages held behind them are named (no frame is left
     * to show them on), and what is still buffered is an incomplete message.
     */
    List<Anomaly> finish() {
        List<Anomaly> out = new ArrayList<>();
        if (evicted > 0) {
            out.add(Anomaly.of("tcp.streams.limit", evicted
                    + " TCP directions holding data were dropped because more than "
                    + limits.maxTcpStreams() + " were open (first at frame " + firstEviction + ")"));
        }
        for (Direction d : streams.values()) {
            found.clear();
            said.clear();
            List<Anomaly> mine = new ArrayList<>();
            if (d.stream != null) {
                mine.addAll(d.stream.drain("still missing at the end of the capture", d.lastFrame, d).anomalies());
                mine.addAll(said);
            }
            if (!found.isEmpty()) {
                List<String> names = new ArrayList<>(found.size());
                for (FramedMessage fm : found) {
                    mine.addAll(fm.anomalies());
                    SipMessage m = SipParser.parse(fm.bytes(), 0, fm.bytes().length);
                    names.add(SipSummary.of(m) + " (frames " + fm.firstTag() + "-" + fm.lastTag() + ")");
                }
                mine.add(Anomaly.of("tcp.held_at_end", found.size() + " SIP messages held behind missing bytes,"
                        + " framed only at the end of the capture: " + String.join("; ", names)));
            }
            if (d.framer != null && d.framer.pending() > 0) {
                mine.addAll(d.framer.flush());
            }
            if (!d.carriedSip) {
                continue; // a stream that never showed SIP: its TCP troubles are not this view's business at the end
            }
            for (Anomaly a : mine) {
                out.add(Anomaly.of(a.id(), describe(d.key) + " (last frame " + d.lastFrame + "): " + a.detail()));
            }
        }
        found.clear();
        said.clear();
        streams.clear();
        return out;
    }

    static long millis(long epochSeconds, int nanos) {
        long bound = Long.MAX_VALUE / 4000;
        long s = Math.max(-bound, Math.min(bound, epochSeconds));
        return s * 1000 + nanos / 1_000_000;
    }

    /** An HTTP request or response line: the start of a head that may upgrade the connection to WebSocket. */
    private static boolean startsHttp(byte[] h) {
        String start = new String(h, 0, Math.min(h.length, 12), java.nio.charset.StandardCharsets.ISO_8859_1);
        return start.startsWith("GET ") || start.startsWith("HTTP/1.");
    }

    private static boolean hasLineEnd(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isCrlfOnly(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String describe(FlowKey k) {
        return "TCP " + k.srcAddress() + ":" + k.srcPort() + " → " + k.dstAddress() + ":" + k.dstPort();
    }
}
