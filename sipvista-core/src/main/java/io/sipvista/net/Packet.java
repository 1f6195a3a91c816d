package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the link, network and transport decoders found in one frame. Filled by {@link PacketDecoder}, read-only
 * afterwards. Offsets point into {@link #data()}, the frame's captured bytes.
 */
public final class Packet {
    /** Transport carried by the packet. */
    public enum Transport {
        UDP, TCP, SCTP, ICMP, ICMPV6, OTHER, NONE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What sits right above the link layer when it is not IP. */
    public enum NonIp {
        NONE, ARP, OTHER
    }

    final byte[] data;
    final List<String> layers = new ArrayList<>(6);
    final List<Anomaly> anomalies = new ArrayList<>(2);
    NonIp nonIp = NonIp.NONE;
    String nonIpName;
    int etherType = -1;
    int ipVersion;
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

    Packet(byte[] data) {
        this.data = data;
    }

    public byte[] data() {
        return data;
    }

    /** Protocol layers found, outermost first, e.g. [eth, vlan, ipv4, udp]. */
    public List<String> layers() {
        return Collections.unmodifiableList(layers);
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

    public int ipProtocol() {
        return ipProtocol;
    }

    /** True for an IP fragment (IPv4 MF/offset, IPv6 fragment header) that this frame does not complete. */
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
        return endpoint(srcAddress, srcPort);
    }

    public String dst() {
        return endpoint(dstAddress, dstPort);
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
