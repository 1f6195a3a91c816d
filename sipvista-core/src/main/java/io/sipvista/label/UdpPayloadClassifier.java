package io.sipvista.label;

import java.util.Objects;

/**
 * Names the payload of a UDP datagram that is not SIP. The order of the tests is the order of their certainty:
 * <ol>
 *   <li>STUN, by its magic cookie (it shares ports with RTP, RFC 7983);</li>
 *   <li>TURN ChannelData, on port 3478;</li>
 *   <li>the service of a well-known port on either side: DNS 53, mDNS 5353, LLMNR 5355, DHCP 67/68, DHCPv6
 *       546/547, NTP 123, TFTP 69, SNMP 161/162, syslog 514, SSDP 1900, NetBIOS 137/138, MGCP 2427/2727,
 *       H.248/Megaco text 2944/2945 (each may decline when the shape is wrong);</li>
 *   <li>DTLS, by its record header;</li>
 *   <li>DNS on another port, only when the whole message parses cleanly;</li>
 *   <li>RTCP, then RTP: heuristics on the header, both ports 1024 or above (see {@link RtpHeader}).</li>
 * </ol>
 * Returns null when nothing is recognised; never throws on payload bytes.
 */
public final class UdpPayloadClassifier {
    /** The label {@link #classifyMedia} gives an RTCP datagram. */
    private static final Label RTCP = Label.of("rtcp", "RTCP");

    private UdpPayloadClassifier() {
    }

    /** The label of {@code b[off..off+len)} sent from {@code srcPort} to {@code dstPort}, or null. */
    public static Label classify(byte[] b, int off, int len, int srcPort, int dstPort) {
        return classify(b, off, len, srcPort, dstPort, true);
    }

    /**
     * {@link #classify(byte[], int, int, int, int)}; with {@code rtpText} false an RTP datagram is recognised exactly
     * the same way but its label text is only {@code "RTP"}: for a reader that counts media and shows no labels (the
     * analysis), which spares building a string for every RTP packet.
     */
    public static Label classify(byte[] b, int off, int len, int srcPort, int dstPort, boolean rtpText) {
        return classify(b, off, len, srcPort, dstPort, rtpText, true);
    }

    /**
     * {@link #classify(byte[], int, int, int, int, boolean)} without text for RTP and RTCP: the same protocol (or
     * null) for every payload, and an RTP or RTCP datagram's label is only {@code "RTP"} or {@code "RTCP"}, without its
     * anomalies. For the media fast path, which only asks which protocol it is: RTCP's text (its reports and source
     * descriptions written out) was most of the path's work on an RTCP datagram.
     */
    public static Label classifyMedia(byte[] b, int off, int len, int srcPort, int dstPort) {
        return classify(b, off, len, srcPort, dstPort, false, false);
    }

    private static Label classify(byte[] b, int off, int len, int srcPort, int dstPort, boolean rtpText,
                                  boolean rtcpText) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return null;
        }
        if (StunLabeler.looksLikeStun(b, off, len)) {
            return StunLabeler.label(b, off, len, true);
        }
        Label l = null;
        if (srcPort == 3478 || dstPort == 3478) {
            l = StunLabeler.channelData(b, off, len, srcPort, dstPort);
        }
        if (l == null) {
            l = byPort(b, off, len, srcPort, dstPort);
        }
        if (l == null) {
            l = TlsLabeler.dtls(b, off, len);
        }
        if (l == null) {
            l = DnsLabeler.strict(b, off, len);
        }
        if (l == null) {
            l = rtcpText ? RtcpLabeler.label(b, off, len, srcPort, dstPort)
                    : RtcpLabeler.isRtcp(b, off, len, srcPort, dstPort) ? RTCP : null;
        }
        if (l == null) {
            l = RtpLabeler.label(b, off, len, srcPort, dstPort, rtpText);
        }
        return l;
    }

    private static Label byPort(byte[] b, int off, int len, int src, int dst) {
        if (src == 53 || dst == 53) {
            return DnsLabeler.label(b, off, len, DnsLabeler.Flavor.DNS);
        }
        if (src == 5353 || dst == 5353) {
            return DnsLabeler.label(b, off, len, DnsLabeler.Flavor.MDNS);
        }
        if (src == 5355 || dst == 5355) {
            return DnsLabeler.label(b, off, len, DnsLabeler.Flavor.LLMNR);
        }
        Label l = null;
        if (src == 67 || dst == 67 || src == 68 || dst == 68) {
            l = DhcpLabeler.label(b, off, len);
        }
        if (l == null && (src == 546 || dst == 546 || src == 547 || dst == 547)) {
            l = Dhcpv6Labeler.label(b, off, len);
        }
        if (l == null && (src == 123 || dst == 123)) {
            l = NtpLabeler.label(b, off, len);
        }
        if (l == null && (src == 69 || dst == 69)) {
            l = TftpLabeler.label(b, off, len);
        }
        if (l == null && (src == 161 || dst == 161 || src == 162 || dst == 162)) {
            l = SnmpLabeler.label(b, off, len);
        }
        if (l == null && (src == 514 || dst == 514)) {
            l = SyslogLabeler.label(b, off, len);
        }
        if (l == null && (src == 1900 || dst == 1900)) {
            l = SsdpLabeler.label(b, off, len);
        }
        if (l == null && (src == 137 || dst == 137)) {
            l = NetbiosLabeler.nameService(b, off, len);
        }
        if (l == null && (src == 138 || dst == 138)) {
            l = NetbiosLabeler.datagramService(b, off, len);
        }
        if (l == null && (src == 2427 || dst == 2427 || src == 2727 || dst == 2727)) {
            l = MediaGatewayLabeler.mgcp(b, off, len);
        }
        if (l == null && (src == 2944 || dst == 2944 || src == 2945 || dst == 2945)) {
            l = MediaGatewayLabeler.megaco(b, off, len);
        }
        return l;
    }
}
