package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.label.ArpLabeler;
import io.sipvista.label.IcmpLabeler;
import io.sipvista.label.Label;
import io.sipvista.label.TcpPayloadClassifier;
import io.sipvista.label.UdpPayloadClassifier;
import io.sipvista.net.Packet;
import io.sipvista.net.PacketDecoder;
import io.sipvista.net.TcpFlags;
import io.sipvista.sip.SipDatagramFramer;
import io.sipvista.sip.SipDetector;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns capture records into {@link Frame}s, in capture order. Holds the only per-capture state of the frames view:
 * the TCP streams being framed ({@link TcpStreams}). One instance per capture; not thread-safe.
 */
public final class FrameDecoder {
    private final PacketDecoder packets = new PacketDecoder();
    private final TcpStreams tcp;
    private final List<Anomaly> captureWarnings = new ArrayList<>();

    public FrameDecoder() {
        this(FrameLimits.DEFAULT);
    }

    public FrameDecoder(FrameLimits limits) {
        this.tcp = new TcpStreams(limits);
    }

    public Frame decode(CaptureRecord r) {
        Packet p;
        try {
            p = packets.decode(r);
        } catch (RuntimeException bug) {
            // A decoder bug must not cost the rest of the capture: name it on the frame and go on.
            return new Frame(r.number(), r.epochSeconds(), r.nanos(), r.timeDigits(), r.interfaceId(), r.linkType(),
                    r.capturedLength(), r.originalLength(), null, null, null, "unknown",
                    "Frame not decoded: internal decoder error", List.of(),
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
        captureWarnings.addAll(tcp.finish());
        return List.copyOf(captureWarnings);
    }

    private void classify(FrameBuilder f, Packet p, CaptureRecord r) {
        if (p.ipVersion() == 0) {
            nonIp(f, p);
            return;
        }
        String ipName = p.ipVersion() == 4 ? "IPv4" : "IPv6";
        if (p.fragment() && (p.fragmentOffset() != 0 || p.transport() == Packet.Transport.OTHER)) {
            f.protocol = "ip-fragment";
            f.label = fragmentLabel(p, ipName);
            f.anomalies.add(Anomaly.of("ip.fragment.not_reassembled", "id 0x" + Long.toHexString(p.fragmentId())
                    + ", offset " + p.fragmentOffset()));
            return;
        }
        switch (p.transport()) {
            case UDP -> udp(f, p, r);
            case TCP -> tcp(f, p, r);
            case SCTP -> {
                f.protocol = "sctp";
                f.label = "SCTP " + p.srcPort() + " → " + p.dstPort() + ", " + p.payloadLength()
                        + " bytes: SCTP chunks are not decoded yet";
            }
            case ICMP, ICMPV6 -> icmp(f, p);
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

    private static String fragmentLabel(Packet p, String ipName) {
        return ipName + " fragment of " + PacketDecoder.ipProtocolName(p.ipProtocol()) + " datagram id 0x"
                + Long.toHexString(p.fragmentId()) + ", offset " + p.fragmentOffset()
                + (p.moreFragments() ? ", more follow" : ", last") + ": fragments are not reassembled yet";
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

    private void icmp(FrameBuilder f, Packet p) {
        Label l = p.transport() == Packet.Transport.ICMP
                ? IcmpLabeler.labelV4(p.data(), p.payloadOffset(), p.payloadLength())
                : IcmpLabeler.labelV6(p.data(), p.payloadOffset(), p.payloadLength());
        apply(f, l, p.transport().label(), p.transport() == Packet.Transport.ICMP ? "ICMP, not decoded" : "ICMPv6, not decoded");
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
                f.sip.add(entry(m, r.number()));
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
        Label l = len > 0 ? UdpPayloadClassifier.classify(b, off, len, p.srcPort(), p.dstPort()) : null;
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
            f.sip.add(new SipEntry(m.message(), sdpOf(m.message()), m.firstFrame()));
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

    private static boolean isCrlfOnly(byte[] b, int off, int len) {
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

    static SipEntry entry(SipMessage m, long frame) {
        return new SipEntry(m, sdpOf(m), frame);
    }

    static List<Sdp> sdpOf(SipMessage m) {
        List<String> parts = m.sdpTexts();
        if (parts.isEmpty()) {
            return List.of();
        }
        List<Sdp> out = new ArrayList<>(parts.size());
        for (String text : parts) {
            out.add(SdpParser.parse(text));
        }
        return out;
    }

    /** "SIP REGISTER sip:example.com" / "SIP 200 OK (REGISTER)"; several messages are joined with "; ". */
    static String sipLabel(List<SipEntry> entries) {
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
        final Packet p;
        final List<Anomaly> anomalies = new ArrayList<>(2);
        final List<SipEntry> sip = new ArrayList<>(1);
        String protocol = "unknown";
        String label;

        FrameBuilder(CaptureRecord r, Packet p) {
            this.r = r;
            this.p = p;
        }

        Frame build() {
            return new Frame(r.number(), r.epochSeconds(), r.nanos(), r.timeDigits(), r.interfaceId(), r.linkType(),
                    r.capturedLength(), r.originalLength(), p.src(), p.dst(),
                    p.ipVersion() == 0 ? null : p.transport() == Packet.Transport.NONE ? null : p.transport().label(),
                    protocol, label == null ? "" : label, p.layers(), sip, anomalies, r.fileOffset());
        }
    }
}
