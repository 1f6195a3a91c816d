package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the link, network and transport decoders found in one frame. Filled by {@link PacketDecoder}, read-only
 * afterwards. Offsets point into {@link #data()}, the frame's captured bytes.
 *
 * <p>When the frame carries a tunnel that decodes (GRE, ERSPAN, IP-in-IP, GTP-U, VXLAN...), the addresses, ports,
 * transport, fragment fields and payload are those of the innermost packet; {@link #tunnels()} keeps the outer path
 * and {@link #layers()} lists every header crossed.
 */
public final class Packet {
    /** Transport carried by the packet. */
    public enum Transport {
        UDP, TCP, SCTP, ICMP, ICMPV6, OTHER, NONE;

        private final String label = name().toLowerCase(java.util.Locale.ROOT);

        public String label() {
            return label;
        }
    }

    /** What sits right above the link layer when it is not IP. */
    public enum NonIp {
        NONE, ARP, OTHER
    }

    final byte[] data;
    final List<String> layers = new ArrayList<>(6);
    final List<Anomaly> anomalies = new ArrayList<>(2);
    final List<String> tunnels = new ArrayList<>(1);
    /** Encapsulations entered before this packet's outermost header (0 for the frame itself). */
    final int depth;
    /** Pseudowire (MPLS) Ethernet frames entered inside this packet without a new {@code Packet}. */
    int linkDepth;
    NonIp nonIp = NonIp.NONE;
    String nonIpName;
    int etherType = -1;
    int ipVersion;
    int ipHeaderOffset = -1;
    String srcAddress;
    String dstAddress;
    int ipProtocol = -1;
    boolean fragment;
    long fragmentId;
    int fragmentOffset;
    boolean moreFragments;
    Transport transport = Transport.NONE;
    int srcPort = -1;
    int dstPort = -1;
    long tcpSeq;
    long tcpAck;
    int tcpFlags;
    int tcpWindow;
    int payloadOffset;
    int payloadLength;
    /** True when the payload is shorter than the headers say because the capture cut the packet. */
    boolean payloadCut;

    /** The decoder's remembered address and endpoint text; null builds the text each time. */
    final EndpointText text;

    Packet(byte[] data) {
        this(data, 0, null);
    }

    Packet(byte[] data, int depth, EndpointText text) {
        this.data = data;
        this.depth = depth;
        this.text = text;
    }

    /** Encapsulations entered so far on the way to this packet's current header. */
    int encapsulations() {
        return depth + linkDepth;
    }

    /** True when an inner packet decoded far enough to stand for the frame: IP, or (from a link layer) a non-IP frame. */
    boolean decoded(boolean nonIpCounts) {
        return ipVersion != 0 || (nonIpCounts && nonIp != NonIp.NONE);
    }

    /**
     * Makes this packet the decode of {@code inner}, reached through the tunnel {@code hop}: the inner addresses,
     * ports, transport, fragment fields and payload replace the outer ones; layers, anomalies and tunnels are joined.
     */
    void adopt(String hop, Packet inner) {
        layers.addAll(inner.layers);
        anomalies.addAll(inner.anomalies);
        tunnels.add(hop);
        tunnels.addAll(inner.tunnels);
        nonIp = inner.nonIp;
        nonIpName = inner.nonIpName;
        if (inner.etherType >= 0) {
            etherType = inner.etherType;
        }
        ipVersion = inner.ipVersion;
        ipHeaderOffset = inner.ipHeaderOffset;
        srcAddress = inner.srcAddress;
        dstAddress = inner.dstAddress;
        ipProtocol = inner.ipProtocol;
        fragment = inner.fragment;
        fragmentId = inner.fragmentId;
        fragmentOffset = inner.fragmentOffset;
        moreFragments = inner.moreFragments;
        transport = inner.transport;
        srcPort = inner.srcPort;
        dstPort = inner.dstPort;
        tcpSeq = inner.tcpSeq;
        tcpAck = inner.tcpAck;
        tcpFlags = inner.tcpFlags;
        tcpWindow = inner.tcpWindow;
        payloadOffset = inner.payloadOffset;
        payloadLength = inner.payloadLength;
        payloadCut = inner.payloadCut;
    }

    public byte[] data() {
        return data;
    }

    /**
     * Protocol layers found, outermost first, including every tunnel header crossed, e.g.
     * [eth, vlan:100, ipv4, gre, ppp, ipv4, udp].
     */
    public List<String> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * The tunnels this packet was found inside, outermost first, one plain line each with the outer addresses, e.g.
     * "GRE 10.0.0.1 → 10.0.0.2", "ERSPAN II session 100 10.0.0.1 → 10.0.0.2", "GTP-U TEID 0x1234 192.0.2.1 →
     * 192.0.2.2". Empty when the frame carries no tunnel (or one whose inner packet did not decode).
     */
    public List<String> tunnels() {
        return Collections.unmodifiableList(tunnels);
    }

    public List<Anomaly> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }

    public NonIp nonIp() {
        return nonIp;
    }

    /** For a non-IP frame: a short name of what it carries (e.g. "LLDP"), or null. */
    public String nonIpName() {
        return nonIpName;
    }

    public int etherType() {
        return etherType;
    }

    /** 4 or 6, or 0 when the frame carries no IP. */
    public int ipVersion() {
        return ipVersion;
    }

    public String srcAddress() {
        return srcAddress;
    }

    public String dstAddress() {
        return dstAddress;
    }

    /** Offset in {@link #data()} of the (innermost) IP header whose addresses this packet reports; -1 without IP. */
    public int ipHeaderOffset() {
        return ipHeaderOffset;
    }

    public int ipProtocol() {
        return ipProtocol;
    }

    /**
     * True for an IP fragment (IPv4 MF/offset, IPv6 fragment header) that this frame does not complete. The fragment
     * fields describe the innermost IP header decoded; a tunnel packet that is itself a fragment is not followed.
     */
    public boolean fragment() {
        return fragment;
    }

    public long fragmentId() {
        return fragmentId;
    }

    public int fragmentOffset() {
        return fragmentOffset;
    }

    public boolean moreFragments() {
        return moreFragments;
    }

    public Transport transport() {
        return transport;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public long tcpSeq() {
        return tcpSeq;
    }

    public long tcpAck() {
        return tcpAck;
    }

    public int tcpFlags() {
        return tcpFlags;
    }

    public int tcpWindow() {
        return tcpWindow;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public boolean payloadCut() {
        return payloadCut;
    }

    /** "addr:port", "[v6]:port", or the bare address when there is no port; null without IP. */
    public String src() {
        return text == null ? endpoint(srcAddress, srcPort) : text.endpoint(srcAddress, srcPort);
    }

    public String dst() {
        return text == null ? endpoint(dstAddress, dstPort) : text.endpoint(dstAddress, dstPort);
    }

    static String endpoint(String address, int port) {
        if (address == null) {
            return null;
        }
        if (port < 0) {
            return address;
        }
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
