package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.label.ArpLabeler;
import io.sipvista.label.IcmpError;
import io.sipvista.label.IcmpLabeler;
import io.sipvista.label.Label;
import io.sipvista.label.TcpPayloadClassifier;
import io.sipvista.label.UdpPayloadClassifier;
import io.sipvista.capture.LinkType;
import io.sipvista.net.IpReassembler;
import io.sipvista.net.Packet;
import io.sipvista.net.ReassemblyLimits;
import io.sipvista.net.SctpChunks;
import io.sipvista.net.SctpMessage;
import io.sipvista.net.SctpReassembler;
import io.sipvista.net.PacketDecoder;
import io.sipvista.net.TcpFlags;
import io.sipvista.sip.HeaderValuePool;
import io.sipvista.sip.SipDatagramFramer;
import io.sipvista.sip.SipDetector;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpParser;
import io.sipvista.sip.sdp.SdpStrings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns capture records into {@link Frame}s, in capture order. Holds the only per-capture state of the frames view:
 * the TCP streams being framed ({@link TcpStreams}). One instance per capture; not thread-safe.
 */
public final class FrameDecoder {
    private final PacketDecoder packets = new PacketDecoder();
    private final TcpStreams tcp;
    private final IpReassembler fragments = new IpReassembler(ReassemblyLimits.DEFAULT);
    private final SctpReassembler sctpMessages = new SctpReassembler();
    /** SDP words and lines this capture repeats, held once (a call's SDP is held while the call is open). */
    private final SdpStrings sdpStrings = new SdpStrings();
    /**
     * The From, To, top Via and Call-ID values this capture repeats, read once: read here, where a message is
     * decoded (the decoding thread of an analysis), rather than by the correlator on the analysis thread, the busier
     * of the two on signalling (a sixth of its time on 200,000 messages).
     */
    private final HeaderValuePool headerValues = new HeaderValuePool();
    private final List<Anomaly> captureWarnings = new ArrayList<>();
    private final boolean labels;

    public FrameDecoder() {
        this(FrameLimits.DEFAULT);
    }

    public FrameDecoder(FrameLimits limits) {
        this(limits, true);
    }

    /**
     * A decoder whose RTP frames are labelled only "RTP" and SIP frames only "SIP" when {@code labels} is false: for
     * the analysis, which reads media through {@link Frame#media()}, messages through {@link Frame#sip()}, and shows
     * no labels. Everything else is decoded the same.
     */
    public FrameDecoder(FrameLimits limits, boolean labels) {
        this.tcp = new TcpStreams(limits);
        this.labels = labels;
    }

    public Frame decode(CaptureRecord r) {
        Packet p;
        try {
            p = packets.decode(r);
        } catch (RuntimeException bug) {
            // A decoder bug must not cost the rest of the capture: name it on the frame and go on.
            return new Frame(r.number(), r.epochSeconds(), r.nanos(), r.timeDigits(), r.interfaceId(), r.linkType(),
                    r.capturedLength(), r.originalLength(), null, null, null, "unknown",
                    "Frame not decoded: internal decoder error", List.of(), List.of(),
                    List.of(), List.of(Anomaly.of("frame.decoder_error", bug.toString())), r.fileOffset());
        }
        FrameBuilder f = new FrameBuilder(r, p);
        if (r.truncatedBySnaplen()) {
            f.anomalies.add(Anomaly.of("frame.snaplen", r.capturedLength() + " of " + r.originalLength() + " bytes captured"));
        }
        f.anomalies.addAll(p.anomalies());
        try {
            classify(f, p, r);
        } catch (RuntimeException bug) {
            f.anomalies.add(Anomaly.of("frame.decoder_error", bug.toString()));
            if (f.label == null) {
                f.label = "Frame not decoded: internal decoder error";
            }
        }
        return f.build();
    }

    /** Ends the capture: streams holding part of a SIP message are reported. */
    public List<Anomaly> finish() {
        captureWarnings.addAll(fragments.finish());
        captureWarnings.addAll(sctpMessages.finish());
        captureWarnings.addAll(tcp.finish());
        return List.copyOf(captureWarnings);
    }

    /**
     * Offers an IP fragment for reassembly. Returns the packet to classify: the rebuilt datagram when this fragment
     * completed it (the message belongs to this frame, as Wireshark numbers it), or null when the frame is only a
     * fragment and is labelled as such.
     */
    private Packet fragment(FrameBuilder f, Packet p, CaptureRecord r, String ipName) {
        if (p.ipHeaderOffset() < 0) {
            return p;
        }
        byte[] b = p.data();
        IpReassembler.Result res = fragments.offer(b, p.ipHeaderOffset(), b.length - p.ipHeaderOffset(), r.number(),
                r.epochSeconds(), r.nanos());
        f.anomalies.addAll(res.anomalies());
        if (res instanceof IpReassembler.NotAFragment) {
            return p;
        }
        if (res instanceof IpReassembler.Complete done) {
            byte[] ip = done.ipPacket();
            Packet whole = packets.decode(new CaptureRecord(r.number(), r.interfaceId(), LinkType.RAW, r.epochSeconds(),
                    r.nanos(), r.timeDigits(), ip.length, ip.length, ip, r.fileOffset()));
            f.useReassembled(whole, done.frames());
            return whole;
        }
        f.protocol = "ip-fragment";
        String what = fragmentLabel(p, ipName);
        if (res instanceof IpReassembler.Held) {
            f.label = what + ": held until the datagram is complete";
        } else if (res instanceof IpReassembler.Duplicate dup) {
            f.label = what + ": copy of a fragment of the datagram reassembled in frame " + dup.reassembledIn();
        } else {
            f.label = what + ": not reassembled (see below)";
        }
        return null;
    }

    private void classify(FrameBuilder f, Packet p, CaptureRecord r) {
        if (p.ipVersion() == 0) {
            nonIp(f, p);
            return;
        }
        String ipName = p.ipVersion() == 4 ? "IPv4" : "IPv6";
        if (p.fragment()) {
            p = fragment(f, p, r, ipName);
            if (p == null) {
                return;
            }
        }
        switch (p.transport()) {
            case UDP -> udp(f, p, r);
            case TCP -> tcp(f, p, r);
            case SCTP -> sctp(f, p, r);
            case ICMP, ICMPV6 -> icmp(f, p, r);
            case OTHER -> {
                f.protocol = "ip";
                f.label = ipName + " carrying " + PacketDecoder.ipProtocolName(p.ipProtocol()) + ", not decoded";
            }
            case NONE -> {
                f.protocol = p.ipVersion() == 4 ? "ipv4" : "ipv6";
                f.label = ipName + " packet, headers damaged: not decoded";
            }
        }
    }

    private void sctp(FrameBuilder f, Packet p, CaptureRecord r) {
        SctpChunks chunks = SctpChunks.of(p, r.truncatedBySnaplen());
        f.anomalies.addAll(chunks.anomalies());
        SctpReassembler.Outcome o = sctpMessages.accept(chunks, r.number(), r.epochSeconds() * 1_000_000_000L + r.nanos());
        f.anomalies.addAll(o.anomalies());
        for (SctpMessage message : o.messages()) {
            byte[] m = message.bytes();
            if (SipDetector.looksLikeSip(m, 0, m.length)) {
                SipMessage sip = SipParser.parse(m, 0, m.length); // RFC 4168: one SIP message per SCTP user message
                f.sip.add(new SipEntry(sip, read(sip), message.frames().isEmpty() ? r.number() : message.frames().get(0)));
            }
        }
        if (!f.sip.isEmpty()) {
            f.protocol = "sip";
            f.label = sipLabel(f.sip);
        } else {
            f.protocol = "sctp";
            f.label = chunks.label();
        }
    }

    private static String fragmentLabel(Packet p, String ipName) {
        return ipName + " fragment of " + PacketDecoder.ipProtocolName(p.ipProtocol()) + " datagram id 0x"
                + Long.toHexString(p.fragmentId()) + ", offset " + p.fragmentOffset() + ", "
                + p.payloadLength() + " bytes" + (p.moreFragments() ? ", more follow" : ", last");
    }

    private void nonIp(FrameBuilder f, Packet p) {
        if (p.nonIp() == Packet.NonIp.ARP) {
            Label l = ArpLabeler.label(p.data(), p.payloadOffset(), p.payloadLength());
            apply(f, l, "arp", "ARP, not decoded");
            return;
        }
        f.protocol = "unknown";
        if (p.nonIpName() != null) {
            f.label = p.nonIpName() + " frame, not decoded";
        } else {
            f.label = "Frame not decoded: " + (p.anomalies().isEmpty() ? "no IP inside" : p.anomalies().get(0).text());
        }
    }

    private void icmp(FrameBuilder f, Packet p, CaptureRecord r) {
        boolean v4 = p.transport() == Packet.Transport.ICMP;
        byte[] b = p.data();
        Label l = v4 ? IcmpLabeler.labelV4(b, p.payloadOffset(), p.payloadLength())
                : IcmpLabeler.labelV6(b, p.payloadOffset(), p.payloadLength());
        apply(f, l, p.transport().label(), v4 ? "ICMP, not decoded" : "ICMPv6, not decoded");
        Optional<IcmpError> err = v4 ? IcmpLabeler.quotedPacketV4(b, p.payloadOffset(), p.payloadLength())
                : IcmpLabeler.quotedPacketV6(b, p.payloadOffset(), p.payloadLength());
        if (err.isEmpty() || err.get().payloadOffset() < 0 || err.get().payloadLength() <= 0) {
            return;
        }
        IcmpError e = err.get();
        if (e.protocol() == 17 && SipDetector.looksLikeSip(b, e.payloadOffset(), e.payloadLength())) {
            // The router or host quotes the datagram it could not deliver: show it, marked, never as sent again.
            SipMessage m = SipParser.parse(b, e.payloadOffset(), e.payloadLength());
            String by = (v4 ? "ICMP " : "ICMPv6 ") + e.reason() + " from " + p.srcAddress() + ", quoting " + e.quotedFlow();
            f.sip.add(new SipEntry(m, read(m), r.number(), by));
        }
    }

    private static void apply(FrameBuilder f, Label l, String fallbackProtocol, String fallbackText) {
        if (l == null) {
            f.protocol = fallbackProtocol;
            f.label = fallbackText;
            return;
        }
        f.protocol = l.protocol();
        f.label = l.text();
        f.anomalies.addAll(l.anomalies());
    }

    private void udp(FrameBuilder f, Packet p, CaptureRecord r) {
        byte[] b = p.data();
        int off = p.payloadOffset();
        int len = p.payloadLength();
        if (len > 0 && SipDetector.looksLikeSip(b, off, len)) {
            SipDatagramFramer.Result framed = SipDatagramFramer.frame(b, off, len);
            f.anomalies.addAll(framed.anomalies());
            for (SipDatagramFramer.Slice s : framed.messages()) {
                SipMessage m = SipParser.parse(b, s.offset(), s.length());
                f.sip.add(entry(m, f.fragmentFrames.isEmpty() ? r.number() : f.fragmentFrames.get(0)));
            }
            if (p.payloadCut() || r.truncatedBySnaplen()) {
                f.anomalies.add(Anomaly.of("frame.sip_cut_by_capture", "the capture holds only part of this datagram"));
            }
            f.protocol = "sip";
            f.label = sipLabel(f.sip);
            return;
        }
        if (len > 0 && isCrlfOnly(b, off, len)) {
            f.protocol = "sip";
            f.label = "SIP keep-alive (" + (len >= 4 ? "CRLFCRLF ping" : "CRLF pong") + ")";
            return;
        }
        Label l = len > 0 ? UdpPayloadClassifier.classify(b, off, len, p.srcPort(), p.dstPort(), labels) : null;
        boolean media = namedMedia(l);
        if (l == null || media) {
            f.media = MediaPacket.of(b, off, len, media);
        }
        if (l != null) {
            apply(f, l, "udp", "");
            return;
        }
        f.protocol = "udp";
        f.label = "UDP " + p.srcPort() + " → " + p.dstPort() + ", " + len + " bytes, not decoded: "
                + (len == 0 ? "empty datagram" : notDecodedReason(b, off, len));
    }

    private void tcp(FrameBuilder f, Packet p, CaptureRecord r) {
        TcpStreams.Outcome o = tcp.accept(p, r);
        f.anomalies.addAll(o.anomalies());
        for (TcpStreams.Message m : o.messages()) {
            f.sip.add(new SipEntry(m.message(), read(m.message()), m.firstFrame()));
        }
        String flags = TcpFlags.describe(p.tcpFlags());
        String ports = "TCP " + p.srcPort() + " → " + p.dstPort();
        if (!f.sip.isEmpty()) {
            f.protocol = "sip";
            f.label = sipLabel(f.sip);
            return;
        }
        int len = p.payloadLength();
        if (len == 0) {
            f.protocol = "tcp";
            f.label = ports + " [" + flags + "]" + tcpControlMeaning(p.tcpFlags());
            return;
        }
        if (o.sipStream()) {
            f.protocol = "sip";
            f.label = o.note() != null ? o.note() : ports + ", " + len + " bytes of a SIP message continued in a later segment";
            return;
        }
        Label l = TcpPayloadClassifier.classify(p.data(), p.payloadOffset(), len, p.srcPort(), p.dstPort());
        if (l != null) {
            apply(f, l, "tcp", "");
            return;
        }
        f.protocol = "tcp";
        f.label = ports + " [" + flags + "], " + len + " bytes, not decoded: "
                + (o.note() != null ? o.note() : notDecodedReason(p.data(), p.payloadOffset(), len));
    }

    private static String tcpControlMeaning(int flags) {
        boolean syn = TcpFlags.has(flags, TcpFlags.SYN);
        boolean ack = TcpFlags.has(flags, TcpFlags.ACK);
        if (syn && !ack) {
            return ": connection request (handshake 1/3)";
        }
        if (syn) {
            return ": connection accepted (handshake 2/3)";
        }
        if (TcpFlags.has(flags, TcpFlags.RST)) {
            return ": connection reset";
        }
        if (TcpFlags.has(flags, TcpFlags.FIN)) {
            return ": sender closes its side";
        }
        if (ack) {
            return ": acknowledgement only";
        }
        return ": no payload";
    }

    private static String notDecodedReason(byte[] b, int off, int len) {
        int printable = 0;
        int n = Math.min(len, 64);
        for (int i = off; i < off + n; i++) {
            int c = b[i] & 0xff;
            if (c == '\r' || c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
                printable++;
            }
        }
        if (printable == n) {
            String text = new String(b, off, n, StandardCharsets.US_ASCII).stripLeading();
            int eol = text.indexOf('\n');
            if (eol >= 0) {
                text = text.substring(0, eol);
            }
            text = text.strip();
            if (text.isEmpty()) {
                return "blank lines and spaces only";
            }
            if (text.length() > 40) {
                text = text.substring(0, 40) + "…";
            }
            return "text that is not a SIP message (\"" + text + "\")";
        }
        return "not SIP, RTP or another protocol sipvista recognises (starts "
                + io.sipvista.bytes.Octets.hex(b, off, Math.min(len, 8)) + ")";
    }

    /** True when the payload classifier named a datagram RTP or RTCP (its heuristic, without SDP). */
    static boolean namedMedia(Label l) {
        return l != null && ("rtp".equals(l.protocol()) || "rtcp".equals(l.protocol()));
    }

    static boolean isCrlfOnly(byte[] b, int off, int len) {
        if (len > 4) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    SipEntry entry(SipMessage m, long frame) {
        return new SipEntry(m, read(m), frame);
    }

    /**
     * Reads what every message is read for: its shared header values ({@link SipMessage#readShared}) and its SDP
     * bodies, their repeated words and lines shared across the capture. Returns the bodies.
     */
    List<Sdp> read(SipMessage m) {
        m.readShared(headerValues);
        List<String> parts = m.sdpTexts();
        if (parts.isEmpty()) {
            return List.of();
        }
        List<Sdp> out = new ArrayList<>(parts.size());
        for (String text : parts) {
            out.add(SdpParser.parse(text, sdpStrings));
        }
        return out;
    }

    /** The label of a frame carrying SIP: "SIP" alone when this decoder shows no labels, else {@link #sipText}. */
    private String sipLabel(List<SipEntry> entries) {
        return labels ? sipText(entries) : "SIP";
    }

    /** "SIP REGISTER sip:example.com" / "SIP 200 OK (REGISTER)"; several messages are joined with "; ". */
    static String sipText(List<SipEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (SipEntry e : entries) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(SipSummary.of(e.message()));
        }
        return sb.toString();
    }

    /** Mutable state while one frame is being decoded. */
    private static final class FrameBuilder {
        final CaptureRecord r;
        Packet p;
        final List<Anomaly> anomalies = new ArrayList<>(2);
        final List<SipEntry> sip = new ArrayList<>(1);
        String protocol = "unknown";
        String label;
        /** Layers and tunnels of the fragment itself when this frame completed a reassembled datagram. */
        List<String> layers;
        List<String> tunnels;
        /** Frames whose fragments made the datagram this frame completed (first fragment first), or empty. */
        List<Long> fragmentFrames = List.of();
        /** The RTP/RTCP view of a UDP datagram, or null. */
        MediaPacket media;

        FrameBuilder(CaptureRecord r, Packet p) {
            this.r = r;
            this.p = p;
            this.layers = p.layers();
            this.tunnels = p.tunnels();
        }

        void useReassembled(Packet whole, List<Long> frames) {
            List<String> joined = new ArrayList<>(layers);
            joined.add("reassembled");
            List<String> inner = whole.layers(); // "raw", the rebuilt IP header, then what it carries
            joined.addAll(inner.subList(Math.min(2, inner.size()), inner.size()));
            this.layers = joined;
            this.p = whole;
            this.fragmentFrames = List.copyOf(frames);
        }

        Frame build() {
            return new Frame(r.number(), r.epochSeconds(), r.nanos(), r.timeDigits(), r.interfaceId(), r.linkType(),
                    r.capturedLength(), r.originalLength(), p.src(), p.dst(),
                    p.ipVersion() == 0 ? null : p.transport() == Packet.Transport.NONE ? null : p.transport().label(),
                    protocol, label == null ? "" : label, layers, tunnels, sip, anomalies, r.fileOffset(), media);
        }
    }
}
