package io.sipvista.analysis;

import io.sipvista.bytes.IpText;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.CaptureTime;
import io.sipvista.frame.Frame;
import io.sipvista.frame.MediaFastPath;
import io.sipvista.frame.MediaPacket;
import io.sipvista.label.RtpHeader;
import io.sipvista.media.ClockRates;
import io.sipvista.media.DelayAssumptions;
import io.sipvista.media.EModel;
import io.sipvista.media.PayloadTypeSet;
import io.sipvista.media.QualityEstimate;
import io.sipvista.media.RtpStreamStats;
import io.sipvista.media.RtpStreamSummary;
import io.sipvista.media.TelephoneEvents;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.sdp.Candidate;
import io.sipvista.sip.sdp.Connection;
import io.sipvista.sip.sdp.RtpMap;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpMedia;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Ties RTP and RTCP to the calls whose SDP announced them and measures every stream, as the capture streams by.
 * Owns the media state of one capture: where each open Call-ID's SDP said media goes, and one
 * {@link RtpStreamStats} per stream (SSRC and direction) still open.
 *
 * <p><b>Where media is expected.</b> Every SDP body of a SIP message on the wire ({@link #sip}) announces, per RTP
 * m= line, where its sender wants to receive: the m= port at the c= address (RTCP at {@code a=rtcp}, else port+1,
 * or on the same port with {@code a=rtcp-mux}), with the direction it agrees to. A side is the Call-ID and the tag
 * of whoever sent the SDP (From tag in a request, To tag in a response); a side's newer SDP replaces its older one
 * from the frame it is seen in (re-INVITE, UPDATE, hold and resume). The newest announcement of an address wins,
 * so a port reused by a later call belongs to the later call.
 *
 * <p><b>Per packet.</b> A media datagram ({@link Frame#media()}) is looked up by its (source, destination) in a
 * hash map of open flows; a new flow, or any flow after some SDP was seen since its last packet, is resolved with
 * two to four more hash lookups: the destination among announced addresses, else the source (symmetric RTP: a side
 * sends from where it receives), and the peer side among its own call's few sides. The cost per packet is bounded
 * by that and does not grow with the number of calls. A flow found by neither is kept only when the
 * labeller's heuristic took it for RTP or RTCP, as an {@code inferred} stream of no call. Within a flow, one stream
 * per SSRC. Per packet nothing is allocated beyond what {@link TelephoneEvents} keeps per digit and the counter
 * of a problem at its first packet.
 *
 * <p><b>Checked per packet against the SDP</b> (each kept as a {@link MediaStream.Problem} with its first frame):
 * a payload type the receiver did not list; RFC 4733 events under a payload type other than the receiver's
 * telephone-event; RTP towards a side that said sendonly/inactive (or 0.0.0.0), or from a side that said
 * recvonly/inactive, more than {@link #HOLD_GRACE} after that SDP; a source IP other than the sender's SDP
 * address, or a destination other than the receiver's SDP address (NAT); a new SSRC on a flow with no SDP of the
 * call since the previous SSRC started.
 *
 * <p><b>Settlement.</b> A flow with no packet for the linger is done and summarised; {@link #finishCall} summarises
 * and forgets everything of a call's Call-IDs when the analysis makes the call final, and {@link #finish} the rest
 * at the end. Memory follows open calls and open flows.
 *
 * <p>Not thread-safe; one instance per capture.
 */
public final class MediaStreams {
    /** How long after an SDP that holds media RTP may still arrive without being counted as sent during hold. */
    public static final Duration HOLD_GRACE = Duration.ofSeconds(1);
    private static final long HOLD_GRACE_NANOS = HOLD_GRACE.toNanos();
    private static final DelayAssumptions DELAY = DelayAssumptions.standard();

    private final long lingerNanos;
    private final Map<String, Announcement> rtpAt = new HashMap<>();
    private final Map<String, Announcement> rtcpAt = new HashMap<>();
    private final Map<String, CallMedia> calls = new HashMap<>();
    private final Map<FlowKey, Flow> rtpFlows = new HashMap<>();
    private final Map<FlowKey, Flow> rtcpFlows = new HashMap<>();
    /** The open flows between IPv4 endpoints again, by their endpoints as numbers, for {@link #fastPacket}. */
    private final EndpointPairIndex<Flow> rtpByNumber = new EndpointPairIndex<>();
    private final EndpointPairIndex<Flow> rtcpByNumber = new EndpointPairIndex<>();
    private final FlowKey probe = new FlowKey(null, null);
    private final List<MediaStream> unowned = new ArrayList<>();
    private final Map<Long, Reports> unownedReports = new HashMap<>();
    /**
     * The open flows by each of their two endpoints: an SDP that announces or withdraws an endpoint marks the flows
     * there to be resolved again at their next packet (instead of every flow after every SDP).
     */
    private final Map<String, List<Flow>> flowsAt = new HashMap<>();
    private long rtpPackets;
    /** The first packet of each RTP flow on probation ({@link #probation}), oldest first. */
    private final LinkedHashMap<FlowKey, Pending> pending = new LinkedHashMap<>();

    /** How long a flow's first packet waits on probation for the second. */
    static final Duration PROBATION = Duration.ofSeconds(2);
    private static final long PROBATION_NANOS = PROBATION.toNanos();
    /** How far after the first packet's sequence number the second's may be (a few lost between them). */
    static final int PROBATION_SEQUENCE = 100;
    /** At most this many flows' first packets wait on probation at once. */
    static final int PROBATION_MAX = 65_536;

    /** An RTP datagram no SDP announced, the first of its flow, with its frame number and time. */
    private record Pending(MediaPacket packet, long number, int timeDigits, long nanos) {
    }

    /** A tracker whose flows are done after {@code linger} without a packet. */
    public MediaStreams(Duration linger) {
        this.lingerNanos = linger.toNanos();
    }

    // ---------------------------------------------------------------------------------------------- SDP side

    /** One RTP m= line as one side announced it. Immutable. */
    static final class Announcement {
        final CallMedia owner;
        final String tag;
        final int mline;
        final String media;
        final String address;
        final String rtpKey;
        final String rtcpKey;
        final long frame;
        final long nanos;
        final long sinceNanos;
        final boolean canSend;
        final boolean canReceive;
        final PayloadTypeSet formats;
        /** {@link #formats}' bits, here as well: every RTP packet asks, and this object is at hand already. */
        private final long formatsLow;
        private final long formatsHigh;
        final int telephoneEvent;
        final ClockRates clocks;
        /** The m= line's rtpmaps (those of the SDP, which its message holds anyway), by payload type. */
        final Map<Integer, RtpMap> rtpmaps;
        final Integer ptime;
        /** SRTP (a SAVP profile): RTCP report blocks are encrypted and not read. */
        final boolean secure;
        /** ICE is in use: media goes to whichever candidate pair won, so addresses are not checked. */
        final boolean ice;
        /** ICE candidate addresses (RFC 8445): component 1 as RTP, 2 as RTCP; media may flow there instead. */
        final List<String> candidateRtpKeys;
        final List<String> candidateRtcpKeys;

        /** Whether the m= line lists payload type {@code pt}, as {@code formats.contains(pt)}. */
        boolean hasFormat(int pt) {
            return PayloadTypeSet.contains(formatsLow, formatsHigh, pt);
        }

        Announcement(CallMedia owner, String tag, int mline, SdpMedia m, String address, long frame, long nanos,
                     Announcement previous) {
            this.owner = owner;
            this.tag = tag;
            this.mline = mline;
            this.media = m.type();
            this.address = address;
            this.rtpKey = endpoint(address, m.port());
            if (m.rtcpMux()) {
                this.rtcpKey = rtpKey;
            } else if (m.rtcp() != null && m.rtcp().port() > 0) {
                String a = m.rtcp().address() != null ? normalise(m.rtcp().address()) : address;
                this.rtcpKey = endpoint(a, m.rtcp().port());
            } else {
                this.rtcpKey = endpoint(address, m.port() + 1);
            }
            this.frame = frame;
            this.nanos = nanos;
            String dir = m.effectiveDirection();
            boolean unspecified = m.effectiveConnection() != null && m.effectiveConnection().unspecified() && !m.ice();
            this.canSend = ("sendrecv".equals(dir) || "sendonly".equals(dir));
            this.canReceive = !unspecified && ("sendrecv".equals(dir) || "recvonly".equals(dir));
            this.sinceNanos = previous != null && previous.canSend == canSend && previous.canReceive == canReceive
                    ? previous.sinceNanos : nanos;
            PayloadTypeSet f = PayloadTypeSet.EMPTY;
            for (String s : m.formats()) {
                int pt = number(s);
                if (pt >= 0) {
                    f = f.with(pt);
                }
            }
            this.formats = f;
            this.formatsLow = f.low();
            this.formatsHigh = f.high();
            int te = -1;
            for (RtpMap r : m.rtpmaps().values()) {
                if (te < 0 && r.encoding().equalsIgnoreCase("telephone-event") && f.contains(r.payloadType())) {
                    te = r.payloadType();
                }
            }
            this.telephoneEvent = te;
            this.rtpmaps = m.rtpmaps();
            this.clocks = ClockRates.fromRtpMaps(m.rtpmaps().values());
            this.ptime = m.ptime();
            this.ice = m.ice();
            this.secure = m.protocol().toUpperCase(Locale.ROOT).contains("SAVP");
            List<String> rtpCandidates = new ArrayList<>(0);
            List<String> rtcpCandidates = new ArrayList<>(0);
            for (Candidate c : m.candidates()) {
                if (c.port() > 0 && c.address() != null && c.transport().equalsIgnoreCase("udp")) {
                    String key = endpoint(normalise(c.address()), c.port());
                    if (c.component() == 1 && !key.equals(rtpKey)) {
                        rtpCandidates.add(key);
                    } else if (c.component() == 2 && !key.equals(rtcpKey)) {
                        rtcpCandidates.add(key);
                    }
                }
            }
            this.candidateRtpKeys = List.copyOf(rtpCandidates);
            this.candidateRtcpKeys = List.copyOf(rtcpCandidates);
        }

        String direction() {
            return canSend && canReceive ? "sendrecv" : canSend ? "sendonly" : canReceive ? "recvonly" : "inactive";
        }
    }

    /** What is known of one Call-ID's media. */
    static final class CallMedia {
        final String callId;
        /** The last announcement of each side and m= line, in order of the first one of each. */
        final List<Announcement> sides = new ArrayList<>(2);
        /** Its open flows: RTP and RTCP each way, most often. */
        final List<Flow> flows = new ArrayList<>(4);
        final List<Summary> done = new ArrayList<>();
        /** What RTCP said about each SSRC; null until {@link #reports()} is first asked for. */
        private Map<Long, Reports> reports;
        long lastSdpNanos = Long.MIN_VALUE;

        CallMedia(String callId) {
            this.callId = callId;
        }

        /** What RTCP report blocks said about each SSRC of the call (made at the call's first RTCP packet). */
        Map<Long, Reports> reports() {
            if (reports == null) {
                reports = new HashMap<>();
            }
            return reports;
        }

        /** The newest announcement of the same m= line by another side, or null. */
        Announcement peerOf(Announcement a) {
            Announcement best = null;
            for (Announcement o : sides) {
                if (o.mline == a.mline && !o.tag.equals(a.tag) && (best == null || o.frame > best.frame)) {
                    best = o;
                }
            }
            return best;
        }

        /** Where in {@link #sides} the announcement of {@code tag} for m= line {@code mline} is, or -1. */
        int sideOf(String tag, int mline) {
            for (int i = 0; i < sides.size(); i++) {
                if (sides.get(i).mline == mline && sides.get(i).tag.equals(tag)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Reads the SDP of one SIP message on the wire (in capture order): every RTP m= line of its first SDP body
     * becomes where its sender expects media from this frame on.
     */
    public void sip(SipEvent e) {
        if (e.sdp().isEmpty()) {
            return;
        }
        SipMessage msg = e.message();
        String callId = msg.callId();
        if (callId == null) {
            return;
        }
        String tag = null;
        if (msg.isRequest() && msg.from() != null) {
            tag = msg.from().tag();
        } else if (msg.isResponse() && msg.to() != null) {
            tag = msg.to().tag();
        }
        tag = tag == null ? "" : tag;
        long nanos = nanosOf(e.epochSeconds(), e.nanos());
        CallMedia cm = calls.computeIfAbsent(callId, CallMedia::new);
        cm.lastSdpNanos = nanos;
        Sdp sdp = e.sdp().get(0);
        List<SdpMedia> media = sdp.media();
        for (int i = 0; i < media.size(); i++) {
            SdpMedia m = media.get(i);
            int side = cm.sideOf(tag, i);
            Announcement previous = side >= 0 ? cm.sides.get(side) : null;
            Connection c = m.effectiveConnection();
            if (!m.rtp() || m.port() <= 0 || c == null || c.address() == null) {
                if (previous != null) {
                    unmap(previous);
                    cm.sides.remove(side);
                }
                continue;
            }
            Announcement a = new Announcement(cm, tag, i, m, normalise(c.address()), e.frame(), nanos, previous);
            if (previous != null) {
                unmap(previous);
                cm.sides.set(side, a);
            } else {
                cm.sides.add(a);
            }
            if (!c.unspecified()) {
                rtpAt.put(a.rtpKey, a);
                rtcpAt.put(a.rtcpKey, a);
                touch(a.rtpKey);
                touch(a.rtcpKey);
            }
            a.candidateRtpKeys.forEach(k -> {
                rtpAt.put(k, a);
                touch(k);
            });
            a.candidateRtcpKeys.forEach(k -> {
                rtcpAt.put(k, a);
                touch(k);
            });
        }
        // a side's peer (what the other side announced) is part of each of the call's flows
        for (Flow fl : cm.flows) {
            fl.dirty = true;
        }
    }

    private void unmap(Announcement a) {
        rtpAt.remove(a.rtpKey, a);
        rtcpAt.remove(a.rtcpKey, a);
        touch(a.rtpKey);
        touch(a.rtcpKey);
        a.candidateRtpKeys.forEach(k -> {
            rtpAt.remove(k, a);
            touch(k);
        });
        a.candidateRtcpKeys.forEach(k -> {
            rtcpAt.remove(k, a);
            touch(k);
        });
    }

    /** The flows from or to {@code endpoint} resolve their announcements again at their next packet. */
    private void touch(String endpoint) {
        List<Flow> there = endpoint == null ? null : flowsAt.get(endpoint);
        if (there != null) {
            for (Flow fl : there) {
                fl.dirty = true;
            }
        }
    }

    private void index(Flow fl) {
        flowsAt.computeIfAbsent(fl.key.src, k -> new ArrayList<>(2)).add(fl);
        if (!fl.key.dst.equals(fl.key.src)) {
            flowsAt.computeIfAbsent(fl.key.dst, k -> new ArrayList<>(2)).add(fl);
        }
    }

    private void unindex(Flow fl) {
        for (String at : new String[] {fl.key.src, fl.key.dst}) {
            List<Flow> there = flowsAt.get(at);
            if (there != null) {
                there.remove(fl);
                if (there.isEmpty()) {
                    flowsAt.remove(at);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------- packet side

    /**
     * (source, destination) of a flow; a mutable probe is used for lookups so that a packet allocates no key. A new
     * flow takes its announcements' strings for the endpoints they announced instead of keeping its frame's copies.
     */
    private static final class FlowKey {
        String src;
        String dst;

        FlowKey(String src, String dst) {
            this.src = src;
            this.dst = dst;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FlowKey k && k.src.equals(src) && k.dst.equals(dst);
        }

        @Override
        public int hashCode() {
            return src.hashCode() * 31 + dst.hashCode();
        }
    }

    /** The packets between one source and one destination, RTP or RTCP. */
    static final class Flow {
        final FlowKey key;
        /** The endpoints as {@link MediaFastPath#endpointKey(String)}: -1 unless IPv4. */
        final long srcNumber;
        final long dstNumber;
        final boolean rtcp;
        CallMedia owner;
        /** The announcement the destination matched, or null. */
        Announcement receiver;
        /** The announcement the source matched, or null. */
        Announcement sender;
        /** What the receiving side announced (the receiver, else the sender's peer), or null. */
        Announcement rx;
        /** What the sending side announced (the sender, else the receiver's peer), or null. */
        Announcement tx;
        /** An announcement at one of its endpoints, or of its call, changed since it was last resolved. */
        boolean dirty;
        long lastNanos;
        /** The {@link #tx} that {@link #fromElsewhere} was worked out for: it changes only with the SDP. */
        Announcement checkedTx;
        /** The source is not where {@link #checkedTx}'s c= line said the sender sends from. */
        boolean fromElsewhere;
        final List<SsrcStream> streams = new ArrayList<>(1);
        SsrcStream current;

        Flow(FlowKey key, boolean rtcp) {
            this.key = key;
            this.srcNumber = MediaFastPath.endpointKey(key.src);
            this.dstNumber = MediaFastPath.endpointKey(key.dst);
            this.rtcp = rtcp;
        }
    }

    /** One SSRC of a flow. */
    static final class SsrcStream {
        final long ssrc;
        final RtpStreamStats stats;
        final Announcement rxAtStart;
        final Announcement txAtStart;
        TelephoneEvents dtmf;
        long packets;
        long firstFrame;
        long lastFrame;
        long firstNanos;
        long lastNanos;
        int firstDigits;
        int lastDigits;
        /** Each problem from its first packet on; null while there is none (as on most streams). */
        ProblemCount hold;
        ProblemCount payloadType;
        ProblemCount dtmfPayloadType;
        ProblemCount address;
        long previousSsrc = -1;
        long previousLastFrame;

        SsrcStream(long ssrc, RtpStreamStats stats, Announcement rx, Announcement tx) {
            this.ssrc = ssrc;
            this.stats = stats;
            this.rxAtStart = rx;
            this.txAtStart = tx;
        }
    }

    /** What RTCP report blocks (RFC 3550 §6.4.1) said about one SSRC. */
    static final class Reports {
        long count;
        long lastCumulativeLost;
        long maxJitterUnits;
        /** RTCP XR VoIP Metrics blocks (RFC 3611 §4.7) about this SSRC, and the last one. */
        long xrCount;
        MediaStream.XrVoipMetrics xr;
    }

    /** How often one problem was seen on a stream, where first, and what about it. */
    static final class ProblemCount {
        final long frame;
        final long sdpFrame;
        /** What the first packet showed (hold and address problems), or null. */
        final String detail;
        long packets;
        /** The payload types of the packets (payload type problems), bit {@code pt} of 0-63 then 64-127. */
        long typesLow;
        long typesHigh;

        /** A problem first seen in frame {@code frame} against the SDP of frame {@code sdpFrame}, not counted yet. */
        ProblemCount(long frame, long sdpFrame, String detail) {
            this.frame = frame;
            this.sdpFrame = sdpFrame;
            this.detail = detail;
        }

        /** Counts one more packet, of payload type {@code pt}. */
        void add(int pt) {
            packets++;
            if (pt < 64) {
                typesLow |= 1L << pt;
            } else {
                typesHigh |= 1L << (pt - 64);
            }
        }

        PayloadTypeSet types() {
            return new PayloadTypeSet(typesLow, typesHigh);
        }
    }

    /** Takes one frame: a frame without {@link Frame#media()} is ignored. */
    public void packet(Frame f) {
        MediaPacket mp = f.media();
        if (mp == null || f.src() == null || f.dst() == null) {
            return;
        }
        long now = nanosOf(f.epochSeconds(), f.nanos());
        Map<FlowKey, Flow> flows = mp.rtcp() ? rtcpFlows : rtpFlows;
        probe.src = f.src();
        probe.dst = f.dst();
        Flow fl = flows.get(probe);
        if (fl != null && now - fl.lastNanos > lingerNanos) {
            close(fl);
            fl = null;
        }
        if (fl != null && fl.dirty) {
            CallMedia before = fl.owner;
            resolve(fl);
            if (fl.owner != before) {
                fl.owner = before;
                close(fl);
                fl = null;
            }
        }
        Pending first = null;
        if (fl == null) {
            fl = new Flow(new FlowKey(f.src(), f.dst()), mp.rtcp());
            resolve(fl);
            if (fl.owner == null && !mp.labelled()) {
                return;
            }
            if (fl.owner == null && !mp.rtcp()) {
                first = probation(fl.key, mp, f.number(), f.timeDigits(), now);
                if (first == null) {
                    return; // the first packet of what may become an inferred stream, kept aside
                }
            }
            fl.key.src = shared(fl.sender, fl.key.src);
            fl.key.dst = shared(fl.receiver, fl.key.dst);
            flows.put(fl.key, fl);
            if (fl.srcNumber >= 0 && fl.dstNumber >= 0) {
                (fl.rtcp ? rtcpByNumber : rtpByNumber).put(fl.srcNumber, fl.dstNumber, fl);
            }
            index(fl);
            if (fl.owner != null) {
                fl.owner.flows.add(fl);
            }
        }
        if (first != null) {
            RtpHeader h = first.packet.header();
            rtp(fl, h.sequence(), h.timestamp(), h.ssrc(), h.payloadType(), h.marker(), first.packet.data(),
                    first.packet.payloadOffset(), first.packet.payloadLength(), first.number, first.timeDigits,
                    first.nanos);
        }
        fl.lastNanos = now;
        if (mp.rtcp()) {
            rtcp(fl, mp.rtcpSsrc(), mp.data(), mp.offset(), mp.length(), f.number(), f.timeDigits(), now);
        } else {
            RtpHeader h = mp.header();
            rtp(fl, h.sequence(), h.timestamp(), h.ssrc(), h.payloadType(), h.marker(), mp.data(), mp.payloadOffset(),
                    mp.payloadLength(), f.number(), f.timeDigits(), now);
        }
    }

    /**
     * Probation (RFC 3550 A.1) for an RTP flow no SDP announced, which only the labeller's heuristic took for RTP:
     * its first packet is kept aside, and the flow becomes an inferred stream only when a second packet of the same
     * SSRC follows within {@link #PROBATION} with a sequence number a little after the first's. Then the kept packet
     * is returned, to be counted before this one; otherwise this packet is kept aside in its place and null is
     * returned. A datagram that merely looks like RTP (a UDP flood from random ports, a port scan) then makes no
     * stream, and no state beyond at most {@link #PROBATION_MAX} kept packets, the oldest dropped first: one stream
     * per packet had grown memory and output with every packet (400,000 such datagrams: 750 MB and 400,000
     * "streams").
     */
    private Pending probation(FlowKey key, MediaPacket mp, long number, int timeDigits, long now) {
        for (var it = pending.values().iterator(); it.hasNext(); ) { // the oldest first, as they were put
            if (now - it.next().nanos <= PROBATION_NANOS) {
                break;
            }
            it.remove();
        }
        Pending p = pending.remove(key);
        if (p != null && p.packet.header().ssrc() == mp.header().ssrc() && now >= p.nanos) {
            int ahead = (mp.header().sequence() - p.packet.header().sequence()) & 0xFFFF;
            if (ahead >= 1 && ahead <= PROBATION_SEQUENCE) {
                return p;
            }
        }
        if (pending.size() >= PROBATION_MAX) {
            var it = pending.values().iterator();
            it.next();
            it.remove();
        }
        pending.put(key, new Pending(mp, number, timeDigits, now));
        return null;
    }

    /**
     * Takes one media datagram read straight from a record ({@link MediaFastPath}) when {@link #packet} would take
     * it with nothing to decide: its flow is open (IPv4 endpoints), within the linger, and nothing announced at its
     * endpoints or in its call since its last packet. Then the datagram is counted exactly as {@link #packet} counts
     * the frame {@link io.sipvista.frame.FrameDecoder} makes of that record, and true is returned. Otherwise nothing
     * changes and false is returned: the record is for {@link #packet}, as a frame. Allocates nothing.
     *
     * @param number       the frame number
     * @param epochSeconds capture time, seconds
     * @param nanos        capture time, nanoseconds within the second
     * @param timeDigits   fractional digits of the capture's clock
     */
    public boolean fastPacket(MediaFastPath d, long number, long epochSeconds, int nanos, int timeDigits) {
        return fastPacket(d.rtcp(), d.srcKey(), d.dstKey(), d.ssrc(), d.timestamp(), d.sequence(), d.payloadType(),
                d.marker(), d.data(), d.offset(), d.payloadOffset(), d.payloadLength(), number, epochSeconds, nanos,
                timeDigits);
    }

    /**
     * {@link #fastPacket(MediaFastPath, long, long, int, int)} of what the cursor read, given as values: {@code offset}
     * is where the RTP or RTCP packet starts in {@code b}, {@code payloadOffset} and {@code payloadLength} its payload
     * (for RTCP, the whole packet).
     */
    boolean fastPacket(boolean rtcp, long srcKey, long dstKey, long ssrc, long timestamp, int sequence,
                       int payloadType, boolean marker, byte[] b, int offset, int payloadOffset, int payloadLength,
                       long number, long epochSeconds, int nanos, int timeDigits) {
        Flow fl = (rtcp ? rtcpByNumber : rtpByNumber).get(srcKey, dstKey);
        long now = nanosOf(epochSeconds, nanos);
        if (fl == null || fl.dirty || now - fl.lastNanos > lingerNanos) {
            return false; // a new flow, one to resolve again, or one to close: packet() decides
        }
        fl.lastNanos = now;
        if (rtcp) {
            rtcp(fl, ssrc, b, offset, payloadLength, number, timeDigits, now);
        } else {
            rtp(fl, sequence, timestamp, ssrc, payloadType, marker, b, payloadOffset, payloadLength, number, timeDigits,
                    now);
        }
        return true;
    }

    /** The announcement's own string of {@code endpoint} when that is its RTP or RTCP endpoint, else endpoint. */
    private static String shared(Announcement a, String endpoint) {
        if (a != null && a.rtpKey.equals(endpoint)) {
            return a.rtpKey;
        }
        return a != null && a.rtcpKey.equals(endpoint) ? a.rtcpKey : endpoint;
    }

    private void resolve(Flow fl) {
        Map<String, Announcement> at = fl.rtcp ? rtcpAt : rtpAt;
        Announcement recv = at.get(fl.key.dst);
        if (recv == null && fl.rtcp) {
            recv = rtpAt.get(fl.key.dst);
        }
        Announcement send = at.get(fl.key.src);
        if (send == null && fl.rtcp) {
            send = rtpAt.get(fl.key.src);
        }
        if (recv != null && send != null && recv.owner != send.owner) {
            send = null; // the destination is what an SDP promised; the source may be a port reused by another call
        }
        fl.receiver = recv;
        fl.sender = send;
        fl.owner = recv != null ? recv.owner : send != null ? send.owner : null;
        fl.rx = recv != null ? recv : send != null ? send.owner.peerOf(send) : null;
        fl.tx = send != null ? send : recv != null ? recv.owner.peerOf(recv) : null;
        fl.dirty = false;
    }

    private SsrcStream stream(Flow fl, long ssrc, long number, int timeDigits, long now) {
        SsrcStream s = fl.current;
        if (s != null && s.ssrc == ssrc) {
            return s;
        }
        for (SsrcStream o : fl.streams) {
            if (o.ssrc == ssrc) {
                fl.current = o;
                return o;
            }
        }
        ClockRates clocks = fl.rx != null ? fl.rx.clocks : fl.tx != null ? fl.tx.clocks : ClockRates.staticOnly();
        SsrcStream n = new SsrcStream(ssrc, fl.rtcp ? null : new RtpStreamStats(clocks), fl.rx, fl.tx);
        n.firstFrame = number;
        n.firstNanos = now;
        n.firstDigits = timeDigits;
        if (s != null && !fl.rtcp && fl.owner != null && fl.owner.lastSdpNanos < s.firstNanos) {
            n.previousSsrc = s.ssrc;
            n.previousLastFrame = s.lastFrame;
        }
        fl.streams.add(n);
        fl.current = n;
        return n;
    }

    /** An RTCP datagram {@code b[off..off+len)} whose first packet's sender is {@code ssrc}. */
    private void rtcp(Flow fl, long ssrc, byte[] b, int off, int len, long number, int timeDigits, long now) {
        SsrcStream s = stream(fl, ssrc, number, timeDigits, now);
        touch(s, number, timeDigits, now);
        boolean secure = (fl.rx != null && fl.rx.secure) || (fl.tx != null && fl.tx.secure);
        if (!secure) {
            reportBlocks(b, off, len, fl.owner != null ? fl.owner.reports() : unownedReports);
        }
    }

    /** Reads the report blocks of every SR (200) and RR (201) in the compound packet {@code b[off..off+len)}. */
    private static void reportBlocks(byte[] b, int off, int len, Map<Long, Reports> into) {
        int end = off + len;
        int p = off;
        while (p + 4 <= end) {
            int v = (b[p] & 0xFF) >> 6;
            int count = b[p] & 0x1F;
            int type = b[p + 1] & 0xFF;
            int size = 4 * ((((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)) + 1);
            if (v != 2 || p + size > end) {
                return;
            }
            if (type == 207) {
                xrBlocks(b, p + 8, p + size, into);
            }
            int first = type == 200 ? p + 28 : type == 201 ? p + 8 : -1;
            for (int i = 0; first >= 0 && i < count && first + 24 * (i + 1) <= p + size; i++) {
                int q = first + 24 * i;
                long ssrc = u32(b, q);
                int lost = ((b[q + 5] & 0xFF) << 16) | ((b[q + 6] & 0xFF) << 8) | (b[q + 7] & 0xFF);
                Reports r = into.computeIfAbsent(ssrc, k -> new Reports());
                r.count++;
                r.lastCumulativeLost = (lost & 0x800000) != 0 ? lost - 0x1000000 : lost; // signed 24 bits
                r.maxJitterUnits = Math.max(r.maxJitterUnits, u32(b, q + 12));
            }
            p += size;
        }
    }

    /**
     * The VoIP Metrics blocks (BT 7, 36 bytes) of an XR packet's report blocks from {@code p} to {@code end}; other
     * block types are stepped over by their length.
     */
    private static void xrBlocks(byte[] b, int p, int end, Map<Long, Reports> into) {
        while (p + 4 <= end) {
            int bt = b[p] & 0xFF;
            int size = 4 * ((((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)) + 1);
            if (p + size > end) {
                return;
            }
            if (bt == 7 && size >= 36) {
                Reports r = into.computeIfAbsent(u32(b, p + 4), k -> new Reports());
                int roundTrip = ((b[p + 16] & 0xFF) << 8) | (b[p + 17] & 0xFF);
                int endSystem = ((b[p + 18] & 0xFF) << 8) | (b[p + 19] & 0xFF);
                int rFactor = b[p + 24] & 0xFF;
                int mosLq = b[p + 26] & 0xFF;
                int mosCq = b[p + 27] & 0xFF;
                r.xrCount++;
                r.xr = new MediaStream.XrVoipMetrics(r.xrCount, (b[p + 8] & 0xFF) * 100.0 / 256,
                        (b[p + 9] & 0xFF) * 100.0 / 256, roundTrip == 0 ? null : roundTrip,
                        endSystem == 0 ? null : endSystem, rFactor == 127 ? null : rFactor,
                        mosLq == 127 ? null : mosLq / 10.0, mosCq == 127 ? null : mosCq / 10.0);
            }
            p += size;
        }
    }

    private static long u32(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    private static void touch(SsrcStream s, long number, int timeDigits, long now) {
        s.packets++;
        s.lastFrame = number;
        s.lastNanos = now;
        s.lastDigits = timeDigits;
    }

    /**
     * An RTP packet of the flow: its header fields, and its payload (after header, CSRCs and extension, without
     * padding) at {@code b[payloadOffset..payloadOffset+payloadLength)}.
     */
    private void rtp(Flow fl, int sequence, long timestamp, long ssrc, int pt, boolean marker, byte[] b,
                     int payloadOffset, int payloadLength, long number, int timeDigits, long now) {
        rtpPackets++;
        SsrcStream s = stream(fl, ssrc, number, timeDigits, now);
        touch(s, number, timeDigits, now);
        s.stats.update(sequence, timestamp, ssrc, pt, marker, now, payloadLength, number);
        Announcement rx = fl.rx;
        Announcement tx = fl.tx;
        if (rx != null) {
            if (pt == rx.telephoneEvent) {
                if (s.dtmf == null) {
                    s.dtmf = new TelephoneEvents();
                }
                s.dtmf.accept(number, now, sequence, timestamp, marker, b, payloadOffset, payloadLength,
                        rx.clocks.clockRate(pt));
            } else if (!rx.hasFormat(pt)) {
                if (pt >= 96 && "audio".equals(rx.media) && eventShaped(b, payloadOffset, payloadLength)) {
                    if (s.dtmfPayloadType == null) {
                        s.dtmfPayloadType = new ProblemCount(number, rx.frame, null);
                    }
                    s.dtmfPayloadType.add(pt);
                } else {
                    if (s.payloadType == null) {
                        s.payloadType = new ProblemCount(number, rx.frame, null);
                    }
                    s.payloadType.add(pt);
                }
            }
        }
        if (rx != null && !rx.canReceive && now - rx.sinceNanos > HOLD_GRACE_NANOS) {
            if (s.hold == null) {
                s.hold = new ProblemCount(number, rx.frame, "the receiver's SDP said " + rx.direction()
                        + (rx.canSend ? "" : rx.address.equals("0.0.0.0") ? " (address 0.0.0.0)" : ""));
            }
            s.hold.add(pt);
        } else if (tx != null && !tx.canSend && now - tx.sinceNanos > HOLD_GRACE_NANOS) {
            if (s.hold == null) {
                s.hold = new ProblemCount(number, tx.frame, "the sender's SDP said " + tx.direction());
            }
            s.hold.add(pt);
        } else if ((rx != null && rx.ice) || (tx != null && tx.ice)) {
            return; // ICE: the c= address need not be where media flows
        } else if (fl.receiver != null) {
            if (tx != null && fl.checkedTx != tx) {
                fl.checkedTx = tx;
                fl.fromElsewhere = !"0.0.0.0".equals(tx.address) && !hostIs(fl.key.src, tx.address);
            }
            if (tx != null && fl.fromElsewhere) {
                if (s.address == null) {
                    s.address = new ProblemCount(number, tx.frame,
                            "from " + fl.key.src + " where the sender's SDP said " + tx.rtpKey);
                }
                s.address.add(pt);
            }
        } else if (rx != null && rx.canReceive && !rx.rtpKey.equals(fl.key.dst)) {
            if (s.address == null) {
                s.address = new ProblemCount(number, rx.frame,
                        "to " + fl.key.dst + " where the receiver's SDP said " + rx.rtpKey);
            }
            s.address.add(pt);
        }
    }

    /** Whole RFC 4733 events: 4 to 16 bytes in 4-byte units, the reserved bit clear, a DTMF or RFC 4734 code. */
    private static boolean eventShaped(byte[] b, int off, int len) {
        if (len < 4 || len > 16 || len % 4 != 0) {
            return false;
        }
        for (int p = off; p < off + len; p += 4) {
            int e = b[p] & 0xFF;
            if ((e > 16 && (e < 23 || e > 58)) || (b[p + 1] & 0x40) != 0) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------- settlement

    /** A summarised stream with the sides it ran between (for the call's findings). */
    record Summary(MediaStream stream, String txTag, String rxTag, int mline) {
    }

    /**
     * What {@link #finishCall} returns: the streams of the call's Call-IDs and the last SDP of each side.
     *
     * @param streams the summaries, in order of first frame
     * @param sides   each side's last announcement per m= line: Call-ID, tag, m= index, media, endpoint,
     *                direction, frame
     */
    record Settled(List<Summary> streams, List<Side> sides) {
    }

    /** One side's last SDP for one m= line. */
    record Side(String callId, String tag, int mline, String media, String endpoint, boolean canSend,
                boolean canReceive, long frame) {
    }

    /** Flows idle for longer than the linger are summarised; call this now and then with the capture time. */
    public void expire(long nowEpochSeconds, int nowNanos) {
        long now = nanosOf(nowEpochSeconds, nowNanos);
        expire(rtpFlows, now);
        expire(rtcpFlows, now);
    }

    private void expire(Map<FlowKey, Flow> flows, long now) {
        List<Flow> idle = new ArrayList<>();
        for (Flow fl : flows.values()) {
            if (now - fl.lastNanos > lingerNanos) {
                idle.add(fl);
            }
        }
        idle.forEach(this::close);
    }

    /** Summarises a flow and forgets it. */
    private void close(Flow fl) {
        if ((fl.rtcp ? rtcpFlows : rtpFlows).remove(fl.key, fl)) {
            if (fl.srcNumber >= 0 && fl.dstNumber >= 0) {
                (fl.rtcp ? rtcpByNumber : rtpByNumber).remove(fl.srcNumber, fl.dstNumber, fl);
            }
            unindex(fl);
        }
        if (fl.owner != null) {
            fl.owner.flows.remove(fl);
        }
        for (SsrcStream s : fl.streams) {
            Summary sum = summarise(fl, s);
            if (fl.owner != null) {
                fl.owner.done.add(sum);
            } else {
                unowned.add(sum.stream());
            }
        }
        fl.streams.clear();
        fl.current = null;
    }

    /**
     * The analysis made final a call made of {@code callIds} (null {@code call} for Call-IDs that formed no call):
     * their flows are summarised, their streams returned, and everything of them forgotten.
     */
    Settled finishCall(Collection<String> callIds, String call) {
        List<Summary> out = new ArrayList<>();
        List<Side> sides = new ArrayList<>();
        for (String id : callIds) {
            CallMedia cm = calls.remove(id);
            if (cm == null) {
                continue;
            }
            for (Flow fl : new ArrayList<>(cm.flows)) {
                close(fl);
            }
            for (Announcement a : cm.sides) {
                unmap(a);
                sides.add(new Side(id, a.tag, a.mline, a.media, a.rtpKey, a.canSend, a.canReceive, a.frame));
            }
            for (Summary s : mergeRtcp(cm.done, cm.reports())) {
                out.add(new Summary(s.stream().withCall(call), s.txTag(), s.rxTag(), s.mline()));
            }
        }
        out.sort(Comparator.comparingLong((Summary s) -> s.stream().firstFrame()));
        return new Settled(out, sides);
    }

    /** True once an RTP packet (of any flow) has been taken. */
    boolean sawRtp() {
        return rtpPackets > 0;
    }

    /** Ends the capture: what is left (streams of no call, flows still open) summarised, in order of first frame. */
    List<MediaStream> finish() {
        pending.clear(); // flows that never had a second packet: no stream
        for (Flow fl : new ArrayList<>(rtpFlows.values())) {
            close(fl);
        }
        for (Flow fl : new ArrayList<>(rtcpFlows.values())) {
            close(fl);
        }
        List<MediaStream> out = new ArrayList<>();
        for (CallMedia cm : calls.values()) {
            for (Summary s : mergeRtcp(cm.done, cm.reports())) {
                out.add(s.stream());
            }
        }
        calls.clear();
        List<Summary> rest = new ArrayList<>();
        for (MediaStream m : unowned) {
            rest.add(new Summary(m, null, null, -1));
        }
        unowned.clear();
        for (Summary s : mergeRtcp(rest, unownedReports)) {
            out.add(s.stream());
        }
        unownedReports.clear();
        out.sort(Comparator.comparingLong(MediaStream::firstFrame).thenComparing(MediaStream::src)
                .thenComparing(MediaStream::dst));
        return out;
    }

    /**
     * RTCP senders folded into the RTP stream of the same SSRC (those with none stay as they are), and what report
     * blocks said about each SSRC put on its first RTP stream.
     */
    private static List<Summary> mergeRtcp(List<Summary> in, Map<Long, Reports> reports) {
        Map<Long, Integer> rtpBySsrc = new HashMap<>();
        List<Summary> out = new ArrayList<>(in.size());
        for (Summary s : in) {
            if (s.stream().rtp()) {
                MediaStream m = s.stream();
                Reports r = rtpBySsrc.containsKey(m.ssrc()) ? null : reports.get(m.ssrc());
                if (r != null && r.count > 0) {
                    m = m.withReports(r.count, r.lastCumulativeLost,
                            m.clockRate() > 0 ? r.maxJitterUnits * 1000.0 / m.clockRate() : null);
                }
                if (r != null && r.xr != null) {
                    m = m.withXr(r.xr);
                }
                if (r != null) {
                    s = new Summary(m, s.txTag(), s.rxTag(), s.mline());
                }
                rtpBySsrc.putIfAbsent(m.ssrc(), out.size());
                out.add(s);
            }
        }
        for (Summary s : in) {
            if (s.stream().rtp()) {
                continue;
            }
            Integer i = rtpBySsrc.get(s.stream().ssrc());
            if (i != null) {
                Summary r = out.get(i);
                out.set(i, new Summary(r.stream().withRtcp(s.stream().rtcpPackets()), r.txTag(), r.rxTag(), r.mline()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private Summary summarise(Flow fl, SsrcStream s) {
        Announcement rx = s.rxAtStart;
        Announcement tx = s.txAtStart;
        Announcement sdp = rx != null ? rx : tx;
        boolean inferred = fl.owner == null;
        String time0 = CaptureTime.format(Math.floorDiv(s.firstNanos, 1_000_000_000L),
                (int) Math.floorMod(s.firstNanos, 1_000_000_000L), s.firstDigits);
        String time1 = CaptureTime.format(Math.floorDiv(s.lastNanos, 1_000_000_000L),
                (int) Math.floorMod(s.lastNanos, 1_000_000_000L), s.lastDigits);
        String callId = fl.owner == null ? null : fl.owner.callId;
        String media = sdp == null ? null : sdp.media;
        if (fl.rtcp) {
            MediaStream m = new MediaStream(null, callId, media, "rtcp", inferred, fl.key.src, fl.key.dst,
                    rx == null ? null : rx.rtcpKey, sdp == null ? 0 : sdp.frame, s.ssrc, List.of(), List.of(), null,
                    0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 0, null, s.firstFrame, s.lastFrame, time0, time1, null,
                    List.of(), s.packets, 0, 0, null, null, null, List.of(), null);
            return new Summary(m, tx == null ? null : tx.tag, rx == null ? null : rx.tag, sdp == null ? -1 : sdp.mline);
        }
        RtpStreamSummary r = s.stats.summary();
        ClockRates clocks = sdp != null ? sdp.clocks : ClockRates.staticOnly();
        List<Integer> pts = r.payloadTypes().types();
        List<String> names = new ArrayList<>(pts.size());
        for (int pt : pts) {
            names.add(name(pt, rx, tx, clocks));
        }
        String codec = r.dominantPayloadType() >= 0 ? name(r.dominantPayloadType(), rx, tx, clocks) : null;
        QualityEstimate q = null;
        int dominantClock = r.dominantPayloadType() >= 0 ? clocks.clockRate(r.dominantPayloadType()) : 0;
        boolean audio = media != null ? "audio".equals(media) : dominantClock > 0 && dominantClock <= 48000;
        if (audio && r.dominantPayloadType() >= 0 && r.expected() > 0) {
            q = EModel.rate(r, clocks.of(r.dominantPayloadType()).encoding(), DELAY);
        }
        List<MediaStream.Problem> problems = new ArrayList<>();
        if (s.previousSsrc >= 0) {
            problems.add(new MediaStream.Problem(MediaStream.SSRC_CHANGE, 1, s.firstFrame, s.previousLastFrame,
                    "switched from SSRC " + hex(s.previousSsrc) + " (last packet in frame " + s.previousLastFrame
                            + ") with no SDP since that SSRC started"));
        }
        if (s.hold != null) {
            problems.add(problem(MediaStream.HOLD, s.hold, s.hold.detail));
        }
        if (s.payloadType != null) {
            problems.add(problem(MediaStream.PAYLOAD_TYPE, s.payloadType, "payload type "
                    + joined(s.payloadType.types()) + " not among " + listed(rx)));
        }
        if (s.dtmfPayloadType != null) {
            problems.add(problem(MediaStream.DTMF_PAYLOAD_TYPE, s.dtmfPayloadType, "RFC 4733 events under payload type "
                    + joined(s.dtmfPayloadType.types()) + ", "
                    + (rx == null || rx.telephoneEvent < 0 ? "the receiver negotiated no telephone-event"
                    : "the receiver negotiated telephone-event as " + rx.telephoneEvent)));
        }
        if (s.address != null) {
            problems.add(problem(MediaStream.ADDRESS, s.address, s.address.detail));
        }
        MediaStream m = new MediaStream(null, callId, media, "rtp", inferred, fl.key.src, fl.key.dst,
                rx == null ? null : rx.rtpKey, sdp == null ? 0 : sdp.frame, s.ssrc, pts, names, codec,
                r.packets(), r.expected(), r.lost(), r.lossPercent(), r.maxLossBurst(), r.duplicates(), r.outOfOrder(),
                r.sequenceJumps(), r.jitterKnown(), r.maxJitterMs(), r.meanJitterMs(), r.maxDeltaMs(),
                r.meanDeltaMs(), r.ptimeMs(), rx == null ? null : rx.ptime, s.firstFrame, s.lastFrame, time0, time1,
                q, s.dtmf == null ? List.of() : s.dtmf.finish(), 0, r.jitterClockRate(), 0, null, null, null, problems,
                s.stats.series());
        return new Summary(m, tx == null ? null : tx.tag, rx == null ? null : rx.tag, sdp == null ? -1 : sdp.mline);
    }

    private static MediaStream.Problem problem(String kind, ProblemCount c, String detail) {
        return new MediaStream.Problem(kind, c.packets, c.frame, c.sdpFrame, detail);
    }

    private static String listed(Announcement rx) {
        if (rx == null) {
            return "the receiver's formats";
        }
        return "the receiver's " + joined(rx.formats) + " (SDP in frame " + rx.frame + ")";
    }

    private static String joined(PayloadTypeSet set) {
        StringBuilder sb = new StringBuilder();
        for (int pt : set.types()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(pt);
        }
        return sb.toString();
    }

    private static String name(int pt, Announcement rx, Announcement tx, ClockRates clocks) {
        RtpMap mapped = rx != null && rx.rtpmaps.containsKey(pt) ? rx.rtpmaps.get(pt)
                : tx != null ? tx.rtpmaps.get(pt) : null;
        if (mapped != null) {
            return mapped.name();
        }
        ClockRates.PayloadClock c = clocks.of(pt);
        return c.known() ? c.encoding() + "/" + c.clockRate() : "PT " + pt;
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** An SSRC as 0x and eight upper-case hex digits (its low 32 bits), as {@code "0x%08X"} writes it. */
    public static String hex(long ssrc) {
        return "0x" + Long.toHexString((ssrc & 0xFFFFFFFFL) | 0x1_0000_0000L).substring(1).toUpperCase(Locale.ROOT);
    }

    private static long nanosOf(long epochSeconds, int nanos) {
        return epochSeconds * 1_000_000_000L + nanos;
    }

    /** {@code ip:port}, IPv6 in brackets, as frames write addresses. */
    static String endpoint(String address, int port) {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }

    /** The address of an {@code ip:port} written by {@link #endpoint}. */
    static String hostOf(String endpoint) {
        int end = hostEnd(endpoint);
        return end < 0 ? endpoint : endpoint.substring(hostStart(endpoint), end);
    }

    /** True when the address of an {@code ip:port} written by {@link #endpoint} is {@code host}; no allocation. */
    static boolean hostIs(String endpoint, String host) {
        int end = hostEnd(endpoint);
        if (end < 0) {
            return endpoint.equals(host);
        }
        int start = hostStart(endpoint);
        return end - start == host.length() && endpoint.startsWith(host, start);
    }

    private static int hostStart(String endpoint) {
        return endpoint.startsWith("[") ? 1 : 0;
    }

    /** Where the address of an {@code ip:port} ends (its {@code ]} or last {@code :}); -1 when it is all of it. */
    private static int hostEnd(String endpoint) {
        int end = endpoint.startsWith("[") ? endpoint.indexOf(']') : endpoint.lastIndexOf(':');
        return end > 0 ? end : -1;
    }

    /** An SDP address as frames write it: IPv6 literals in RFC 5952 form, anything else lower case. */
    static String normalise(String address) {
        String a = Objects.requireNonNull(address).trim().toLowerCase(Locale.ROOT);
        // starting with a hex digit or ':' and holding a ':', InetAddress takes it as an IPv6 literal: parsed or
        // refused, never looked up in DNS
        if (a.indexOf(':') >= 0 && a.matches("[0-9a-f:][0-9a-f:.]{1,44}")) {
            try {
                byte[] b = InetAddress.getByName(a).getAddress();
                return b.length == 16 ? IpText.v6(b, 0) : IpText.v4(b, 0);
            } catch (UnknownHostException | RuntimeException e) {
                return a; // not a valid literal: kept as written, it will match nothing
            }
        }
        return a;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 127 ? v : -1;
    }

    /** The number of open flows (for tests). */
    int openFlows() {
        return rtpFlows.size() + rtcpFlows.size();
    }

    /** The number of RTP flows whose first packet waits on probation (for tests). */
    int flowsOnProbation() {
        return pending.size();
    }

    /** The number of Call-IDs whose SDP is held. */
    int openCalls() {
        return calls.size();
    }
}
