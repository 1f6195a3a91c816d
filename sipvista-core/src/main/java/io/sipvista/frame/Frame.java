package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;

import java.util.List;

/**
 * One decoded frame: what the timeline shows as a card. Immutable.
 *
 * @param number         frame number from 1, as Wireshark numbers it
 * @param epochSeconds   capture time, seconds
 * @param nanos          capture time, nanoseconds within the second
 * @param timeDigits     fractional digits of the capture's clock
 * @param interfaceId    capture interface
 * @param linkType       LINKTYPE_ of the interface
 * @param capturedLength bytes in the file
 * @param originalLength bytes on the wire
 * @param src            source "address:port" (or address, or null for non-IP frames)
 * @param dst            destination, same form
 * @param transport      "udp", "tcp", "sctp", "icmp", "icmpv6", "other", or null without IP
 * @param protocol       what the frame carries, lower case: "sip", "rtp", "dns", "tcp", "arp", ... or "unknown"
 * @param label          one plain line saying what the frame is
 * @param layers         protocol layers outermost first
 * @param tunnels        the outer hops when the packet was carried in tunnels, outermost first (e.g. "GRE 10.0.0.1 → 10.0.0.2");
 *                       src and dst are then the inner addresses
 * @param sip            SIP messages completed by this frame (several when one TCP segment carries several)
 * @param anomalies      everything found wrong or notable while decoding this frame
 * @param fileOffset     offset of the record in the (decompressed) capture stream
 * @param media          for a UDP datagram shaped like RTP or RTCP (see {@link MediaPacket}), its header fields and
 *                       payload position; null for every other frame
 */
public record Frame(long number, long epochSeconds, int nanos, int timeDigits, int interfaceId, int linkType,
                   int capturedLength, long originalLength, String src, String dst, String transport, String protocol,
                   String label, List<String> layers, List<String> tunnels, List<SipEntry> sip, List<Anomaly> anomalies, long fileOffset,
                   MediaPacket media) {
    public Frame {
        layers = List.copyOf(layers);
        tunnels = List.copyOf(tunnels);
        sip = List.copyOf(sip);
        anomalies = List.copyOf(anomalies);
    }

    /** A frame that carries no media datagram. */
    public Frame(long number, long epochSeconds, int nanos, int timeDigits, int interfaceId, int linkType,
                 int capturedLength, long originalLength, String src, String dst, String transport, String protocol,
                 String label, List<String> layers, List<String> tunnels, List<SipEntry> sip, List<Anomaly> anomalies,
                 long fileOffset) {
        this(number, epochSeconds, nanos, timeDigits, interfaceId, linkType, capturedLength, originalLength, src, dst,
                transport, protocol, label, layers, tunnels, sip, anomalies, fileOffset, null);
    }

    public String time() {
        return CaptureTime.format(epochSeconds, nanos, timeDigits);
    }
}
