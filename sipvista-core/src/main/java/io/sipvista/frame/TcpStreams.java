package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.net.Packet;
import io.sipvista.net.TcpFlags;
import io.sipvista.sip.FramedMessage;
import io.sipvista.sip.SipDetector;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
import io.sipvista.sip.SipStreamFramer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-order TCP stream following for SIP, one state per direction. Segments that arrive in sequence are fed to a
 * {@link SipStreamFramer}; retransmitted bytes are skipped; a gap (bytes the capture does not have) resets the
 * framer, which resynchronises on the next SIP start line. A direction becomes a SIP stream when a segment
 * starts with a SIP start line. Out-of-order reassembly is not done here.
 */
final class TcpStreams {
    /** A message completed by the current segment. */
    record Message(SipMessage message, long firstFrame) {
    }

    /** What one segment did. */
    record Outcome(List<Message> messages, List<Anomaly> anomalies, boolean sipStream, String note) {
    }

    private static final class Direction {
        final SipStreamFramer framer;
        long nextSeq;
        boolean sip;
        long lastFrame;
        /** First bytes of a direction not yet known to carry SIP, held until its first line is complete. */
        byte[] probe;
        long probeFrame;
        /** The probe decided this direction does not start with SIP. */
        boolean probeDone;

        Direction(SipStreamFramer framer, long nextSeq) {
            this.framer = framer;
            this.nextSeq = nextSeq;
        }
    }

    private final FrameLimits limits;
    private final LinkedHashMap<FlowKey, Direction> streams;
    private final List<Anomaly> evictions = new ArrayList<>();

    TcpStreams(FrameLimits limits) {
        this.limits = limits;
        this.streams = new LinkedHashMap<>(256, 0.75f, true);
    }

    Outcome accept(Packet p, long frame) {
        FlowKey key = new FlowKey(p.srcAddress(), p.srcPort(), p.dstAddress(), p.dstPort());
        List<Anomaly> anomalies = new ArrayList<>(1);
        int flags = p.tcpFlags();
        int len = p.payloadLength();
        long seq = p.tcpSeq();
        Direction d = streams.get(key);
        if (TcpFlags.has(flags, TcpFlags.SYN)) {
            // A new connection on this 4-tuple: forget anything older.
            d = newDirection(key, (seq + 1) & 0xffffffffL);
            if (len == 0) {
                return new Outcome(List.of(), anomalies, false, null);
            }
            seq = (seq + 1) & 0xffffffffL;
        }
        if (len == 0) {
            if (d != null && (TcpFlags.has(flags, TcpFlags.FIN) || TcpFlags.has(flags, TcpFlags.RST))) {
                anomalies.addAll(close(key, d));
            }
            return new Outcome(List.of(), anomalies, d != null && d.sip, null);
        }
        byte[] b = p.data();
        int off = p.payloadOffset();
        boolean startsSip = SipDetector.looksLikeSip(b, off, len);
        if (d == null) {
            d = newDirection(key, seq);
        }
        int delta = (int) (seq - d.nextSeq);
        String note = null;
        if (delta < 0) {
            int overlap = -delta;
            if (overlap >= len) {
                return new Outcome(List.of(), List.of(Anomaly.of("tcp.out_of_order",
                        "retransmission of " + len + " bytes already seen")), d.sip,
                        "TCP retransmission of " + len + " bytes already seen");
            }
            anomalies.add(Anomaly.of("tcp.out_of_order", overlap + " bytes overlap data already seen"));
            off += overlap;
            len -= overlap;
            seq = d.nextSeq;
        } else if (delta > 0) {
            if (d.sip && d.framer.pending() > 0) {
                anomalies.add(Anomaly.of("tcp.gap", Integer.toUnsignedString(delta) + " bytes missing before this segment; "
                        + d.framer.pending() + " buffered bytes of an incomplete SIP message dropped"));
                anomalies.addAll(d.framer.reset("bytes missing from the capture"));
            } else if (d.sip) {
                anomalies.add(Anomaly.of("tcp.gap", Integer.toUnsignedString(delta) + " bytes missing before this segment"));
            }
        }
        d.nextSeq = (seq + len) & 0xffffffffL;
        d.lastFrame = frame;
        List<FramedMessage> framed = new ArrayList<>(1);
        if (!d.sip) {
            if (startsSip && d.probe == null) {
                d.sip = true;
            } else if (d.probeDone) {
                return new Outcome(List.of(), anomalies, false, null);
            } else {
                // The first line may arrive in pieces: hold it until it is complete, then decide.
                byte[] held = d.probe == null ? new byte[0] : d.probe;
                int keep = Math.min(len, PROBE_BYTES - held.length);
                byte[] joined = java.util.Arrays.copyOf(held, held.length + keep);
                System.arraycopy(b, off, joined, held.length, keep);
                if (d.probe == null) {
                    d.probeFrame = frame;
                }
                if (!hasLineEnd(joined) && joined.length < PROBE_BYTES) {
                    d.probe = joined;
                    return new Outcome(List.of(), anomalies, false, null);
                }
                d.probe = null;
                if (held.length == 0 || !SipDetector.looksLikeSip(joined, 0, joined.length)) {
                    d.probeDone = true;
                    return new Outcome(List.of(), anomalies, false, null);
                }
                d.sip = true;
                framed.addAll(d.framer.feed(held, 0, held.length, d.probeFrame));
            }
        }
        framed.addAll(d.framer.feed(b, off, len, frame));
        List<Message> out = new ArrayList<>(framed.size());
        for (FramedMessage fm : framed) {
            anomalies.addAll(fm.anomalies());
            byte[] mb = fm.bytes();
            out.add(new Message(SipParser.parse(mb, 0, mb.length), fm.firstTag()));
        }
        if (out.isEmpty() && d.framer.pending() > 0) {
            note = "TCP " + p.srcPort() + " → " + p.dstPort() + ", " + len + " bytes of a SIP message continued in a later segment ("
                    + d.framer.pending() + " bytes so far)";
        }
        if (TcpFlags.has(flags, TcpFlags.FIN) || TcpFlags.has(flags, TcpFlags.RST)) {
            anomalies.addAll(close(key, d));
        }
        return new Outcome(out, anomalies, true, note);
    }

    /** How much of a direction's first line is held while deciding whether it is SIP. */
    static final int PROBE_BYTES = 512;

    private static boolean hasLineEnd(byte[] b) {
        for (byte x : b) {
            if (x == '\n') {
                return true;
            }
        }
        return false;
    }

    private Direction newDirection(FlowKey key, long nextSeq) {
        Direction d = new Direction(new SipStreamFramer(limits.sip()), nextSeq);
        streams.put(key, d);
        if (streams.size() > limits.maxTcpStreams()) {
            Iterator<Map.Entry<FlowKey, Direction>> it = streams.entrySet().iterator();
            Map.Entry<FlowKey, Direction> eldest = it.next();
            it.remove();
            if (eldest.getValue().framer.pending() > 0) {
                evictions.add(Anomaly.of("tcp.streams.limit", "more than " + limits.maxTcpStreams()
                        + " TCP directions open; dropped " + eldest.getKey() + " with "
                        + eldest.getValue().framer.pending() + " bytes of an incomplete SIP message"));
            }
        }
        return d;
    }

    private List<Anomaly> close(FlowKey key, Direction d) {
        streams.remove(key);
        if (d.sip && d.framer.pending() > 0) {
            return d.framer.flush();
        }
        return List.of();
    }

    /** End of capture: what is still buffered is an incomplete message. */
    List<Anomaly> finish() {
        List<Anomaly> out = new ArrayList<>(evictions);
        for (Map.Entry<FlowKey, Direction> e : streams.entrySet()) {
            Direction d = e.getValue();
            if (d.sip && d.framer.pending() > 0) {
                for (Anomaly a : d.framer.flush()) {
                    out.add(Anomaly.of(a.id(), describe(e.getKey()) + " (last frame " + d.lastFrame + "): " + a.detail()));
                }
            }
        }
        streams.clear();
        return out;
    }

    private static String describe(FlowKey k) {
        return "TCP " + k.srcAddress() + ":" + k.srcPort() + " → " + k.dstAddress() + ":" + k.dstPort();
    }
}
