package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.testkit.Ipv4Packet;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.TcpSegment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Tunnels seen through by {@link PacketDecoder}: inner addresses, ports, payload, layers and the outer path. */
class TunnelDecodingTest {
    private static final byte[] SIP = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String OUTER_SRC = "10.0.0.1";
    private static final String OUTER_DST = "10.0.0.2";
    private static final String PATH = OUTER_SRC + " → " + OUTER_DST;
    private final PacketDecoder decoder = new PacketDecoder();

    // ---- helpers: raw header bytes, written by hand -------------------------------------------------------------

    private Packet decode(int linkType, byte[] frame) {
        return decoder.decode(new CaptureRecord(1, 0, linkType, 0, 0, 6, frame.length, frame.length, frame, 0));
    }

    private Packet eth(byte[] frame) {
        return decode(LinkType.ETHERNET, frame);
    }

    private Packet snaplenCut(byte[] frame, int keep) {
        byte[] cut = Arrays.copyOf(frame, keep);
        return decoder.decode(new CaptureRecord(1, 0, LinkType.ETHERNET, 0, 0, 6, keep, frame.length, cut, 0));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] u16(int v) {
        return bytes(v >>> 8, v);
    }

    private static byte[] u32(long v) {
        return bytes((int) (v >>> 24), (int) (v >>> 16), (int) (v >>> 8), (int) v);
    }

    private static byte[] innerUdp4() {
        return PacketBuilder.udp4("192.168.1.10", 5060, "192.168.1.20", 5062, SIP);
    }

    private static byte[] innerUdp6() {
        return PacketBuilder.udp6("2001:db8::10", 5060, "2001:db8::20", 5062, SIP);
    }

    /** Ethernet + outer IPv4 10.0.0.1 → 10.0.0.2 with this protocol and payload. */
    private static byte[] outer4(int protocol, byte[] payload) {
        return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.ipv4(OUTER_SRC, OUTER_DST, protocol, payload));
    }

    /** Ethernet + outer IPv4 + UDP to this port (source port 40000, or the same port for GTP-U). */
    private static byte[] outerUdp(int sport, int dport, byte[] payload) {
        return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4(OUTER_SRC, sport, OUTER_DST, dport, payload));
    }

    /** A GRE version 0 header with only the protocol type. */
    private static byte[] gre(int protocol) {
        return concat(u16(0), u16(protocol));
    }

    private static byte[] grePpp(byte[] ppp) {
        return concat(gre(0x880b), ppp);
    }

    /** An ERSPAN type II header: version 1, VLAN 0, session id, index 0 (carried by GRE with the S bit). */
    private static byte[] erspan2Gre(int session, byte[] frame) {
        return concat(u16(0x1000), u16(0x88be), u32(7), u16(0x1000), u16(session & 0x3ff), u32(0), frame);
    }

    /** A GTP-U G-PDU with the 8-byte header only. */
    private static byte[] gtp(long teid, byte[] packet) {
        return concat(bytes(0x30, 0xff), u16(packet.length), u32(teid), packet);
    }

    private static byte[] vxlan(int vni, byte[] frame) {
        return concat(bytes(0x08, 0, 0, 0), u32((long) vni << 8), frame);
    }

    private static byte[] mplsLabel(int label, boolean bottom) {
        return u32(((long) label << 12) | (bottom ? 0x100 : 0) | 64);
    }

    private static String payload(Packet p) {
        return new String(p.data(), p.payloadOffset(), p.payloadLength(), StandardCharsets.US_ASCII);
    }

    private static List<String> ids(Packet p) {
        return p.anomalies().stream().map(Anomaly::id).toList();
    }

    private static void assertInnerSip(Packet p) {
        assertThat(p.src()).isEqualTo("192.168.1.10:5060");
        assertThat(p.dst()).isEqualTo("192.168.1.20:5062");
        assertThat(p.transport()).isEqualTo(Packet.Transport.UDP);
        assertThat(payload(p)).isEqualTo(new String(SIP, StandardCharsets.US_ASCII));
        assertThat(p.anomalies()).isEmpty();
    }

    // ---- GRE ----------------------------------------------------------------------------------------------------

    @Test
    void greCarryingIpv4() {
        Packet p = eth(outer4(47, concat(gre(0x0800), innerUdp4())));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "ipv4", "udp");
        assertThat(p.tunnels()).containsExactly("GRE " + PATH);
        assertThat(p.ipHeaderOffset()).isEqualTo(14 + 20 + 4);
        assertThat(p.srcAddress()).isEqualTo("192.168.1.10");
    }

    @Test
    void greChecksumKeyAndSequenceFieldsAreSkipped() {
        byte[] header = concat(u16(0xb000), u16(0x0800), u32(0x12340000L), u32(42), u32(9));
        Packet p = eth(outer4(47, concat(header, innerUdp4())));
        assertInnerSip(p);
        assertThat(p.tunnels()).containsExactly("GRE key 42 " + PATH);
    }

    @Test
    void greSourceRouteEntriesAreWalked() {
        // R bit: checksum/offset word, then one SRE of 4 bytes of routing data, then the null SRE.
        byte[] header = concat(u16(0x4000), u16(0x0800), u32(0), u16(0x0800), bytes(0, 4), u32(0x0a000003L), u32(0));
        Packet p = eth(outer4(47, concat(header, innerUdp4())));
        assertInnerSip(p);
    }

    @Test
    void greCarryingIpv6InsideIpv6() {
        byte[] outer = PacketBuilder.ipv6("2001:db8:ffff::1", "2001:db8:ffff::2", 47, concat(gre(0x86dd), innerUdp6()));
        Packet p = eth(PacketBuilder.ethernet(PacketBuilder.ETH_IPV6, outer));
        assertThat(p.layers()).containsExactly("eth", "ipv6", "gre", "ipv6", "udp");
        assertThat(p.dst()).isEqualTo("[2001:db8::20]:5062");
        assertThat(p.tunnels()).containsExactly("GRE 2001:db8:ffff::1 → 2001:db8:ffff::2");
        assertThat(payload(p)).startsWith("OPTIONS");
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void greTransparentEthernetBridgingWithInnerVlan() {
        byte[] inner = PacketBuilder.ethernetVlan(new int[]{300}, PacketBuilder.ETH_IPV4, innerUdp4());
        Packet p = eth(outer4(47, concat(gre(0x6558), inner)));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "eth", "vlan:300", "ipv4", "udp");
    }

    @Test
    void grePppWithAddressAndControlBytes() {
        Packet p = eth(outer4(47, grePpp(concat(bytes(0xff, 0x03, 0x00, 0x21), innerUdp4()))));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "ppp", "ipv4", "udp");
    }

    @Test
    void grePppWithoutAddressControlAndWithCompressedProtocol() {
        assertInnerSip(eth(outer4(47, grePpp(concat(bytes(0x00, 0x21), innerUdp4())))));
        assertInnerSip(eth(outer4(47, grePpp(concat(bytes(0x21), innerUdp4())))));
        Packet v6 = eth(outer4(47, grePpp(concat(bytes(0xff, 0x03, 0x00, 0x57), innerUdp6()))));
        assertThat(v6.dst()).isEqualTo("[2001:db8::20]:5062");
    }

    @Test
    void pptpEnhancedGreCarriesPpp() {
        // Version 1, K S A set: payload length + call id, sequence, acknowledgment.
        byte[] ppp = concat(bytes(0xff, 0x03, 0x00, 0x21), innerUdp4());
        byte[] header = concat(u16(0x3081), u16(0x880b), u16(ppp.length), u16(7), u32(1), u32(0));
        Packet p = eth(outer4(47, concat(header, ppp)));
        assertInnerSip(p);
        assertThat(p.tunnels()).containsExactly("PPTP GRE call 7 " + PATH);
    }

    @Test
    void pptpAcknowledgmentWithoutPayloadStaysOuterWithoutAnomaly() {
        byte[] header = concat(u16(0x2081), u16(0x880b), u16(0), u16(7), u32(5));
        Packet p = eth(outer4(47, header));
        assertThat(p.srcAddress()).isEqualTo(OUTER_SRC);
        assertThat(p.transport()).isEqualTo(Packet.Transport.OTHER);
        assertThat(p.tunnels()).isEmpty();
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void pptpCarryingLcpStaysOuterWithoutAnomaly() {
        byte[] lcp = bytes(0xff, 0x03, 0xc0, 0x21, 1, 1, 0, 4);
        byte[] header = concat(u16(0x3001), u16(0x880b), u16(lcp.length), u16(7), u32(1));
        Packet p = eth(outer4(47, concat(header, lcp)));
        assertThat(p.srcAddress()).isEqualTo(OUTER_SRC);
        assertThat(p.ipProtocol()).isEqualTo(47);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "ppp");
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void vlanIpv4GrePppIpv4UdpAsInTheNdpiCapture() {
        byte[] ppp = concat(bytes(0xff, 0x03, 0x00, 0x21), innerUdp4());
        byte[] greBytes = concat(u16(0x3081), u16(0x880b), u16(ppp.length), u16(0x9850), u32(0x6a), u32(0x8c), ppp);
        byte[] frame = PacketBuilder.ethernetVlan(new int[]{100}, PacketBuilder.ETH_IPV4,
                PacketBuilder.ipv4(OUTER_SRC, OUTER_DST, 47, greBytes));
        Packet p = eth(frame);
        assertThat(p.layers()).containsExactly("eth", "vlan:100", "ipv4", "gre", "ppp", "ipv4", "udp");
        assertInnerSip(p);
    }

    @Test
    void greCarryingUnknownProtocolIsNamedAndOuterKept() {
        Packet p = eth(outer4(47, concat(gre(0x9999), new byte[20])));
        assertThat(ids(p)).containsExactly("tunnel.gre.unsupported");
        assertThat(p.srcAddress()).isEqualTo(OUTER_SRC);
        assertThat(p.transport()).isEqualTo(Packet.Transport.OTHER);
        assertThat(p.payloadOffset()).isEqualTo(14 + 20);
    }

    @Test
    void greVersionTwoIsUnsupported() {
        Packet p = eth(outer4(47, concat(u16(0x0002), u16(0x0800), innerUdp4())));
        assertThat(ids(p)).containsExactly("tunnel.gre.unsupported");
        assertThat(p.srcAddress()).isEqualTo(OUTER_SRC);
    }

    @Test
    void greInnerPacketThatDoesNotDecodeKeepsOuterDecode() {
        byte[] notIpv4 = innerUdp6(); // says IPv4 in GRE, is IPv6
        Packet p = eth(outer4(47, concat(gre(0x0800), notIpv4)));
        assertThat(p.srcAddress()).isEqualTo(OUTER_SRC);
        assertThat(p.transport()).isEqualTo(Packet.Transport.OTHER);
        assertThat(p.tunnels()).isEmpty();
        assertThat(ids(p)).containsExactly("tunnel.inner.undecoded");
        assertThat(p.anomalies().get(0).detail()).contains("GRE " + PATH).contains("ip.version.invalid");
        assertThat(p.ipHeaderOffset()).isEqualTo(14);
    }

    @Test
    void outerFirstFragmentIsNotFollowed() {
        byte[] greBytes = concat(gre(0x0800), innerUdp4());
        byte[] ip = Ipv4Packet.of(OUTER_SRC, OUTER_DST, 47, greBytes).id(5).fragment(0, true).build();
        Packet p = eth(PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, ip));
        assertThat(p.fragment()).isTrue();
        assertThat(p.srcAddress()).isEqualTo(OUTER_SRC);
        assertThat(p.tunnels()).isEmpty();
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void innerFragmentFieldsDescribeTheInnerHeader() {
        byte[] udp = Arrays.copyOfRange(innerUdp4(), 20, innerUdp4().length);
        byte[] innerFragment = Ipv4Packet.of("192.168.1.10", "192.168.1.20", 17, udp).id(0x77).fragment(0, true).build();
        Packet p = eth(outer4(47, concat(gre(0x0800), innerFragment)));
        assertThat(p.fragment()).isTrue();
        assertThat(p.fragmentId()).isEqualTo(0x77);
        assertThat(p.moreFragments()).isTrue();
        assertThat(p.srcAddress()).isEqualTo("192.168.1.10");
        assertThat(p.ipHeaderOffset()).isEqualTo(14 + 20 + 4);
    }

    // ---- ERSPAN -------------------------------------------------------------------------------------------------

    @Test
    void erspanTypeTwo() {
        byte[] mirrored = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, innerUdp4());
        Packet p = eth(outer4(47, erspan2Gre(100, mirrored)));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "erspan", "eth", "ipv4", "udp");
        assertThat(p.tunnels()).containsExactly("ERSPAN II session 100 " + PATH);
    }

    @Test
    void erspanTypeOneHasNoErspanHeader() {
        byte[] mirrored = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, innerUdp4());
        Packet p = eth(outer4(47, concat(gre(0x88be), mirrored)));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "eth", "ipv4", "udp");
        assertThat(p.tunnels()).containsExactly("ERSPAN I " + PATH);
    }

    @Test
    void erspanTypeThreeWithoutAndWithPlatformSubheader() {
        byte[] mirrored = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, innerUdp4());
        byte[] plain = concat(gre(0x22eb), u16(0x2000), u16(55), u32(123456), u16(0), u16(0), mirrored);
        Packet p = eth(outer4(47, plain));
        assertInnerSip(p);
        assertThat(p.tunnels()).containsExactly("ERSPAN III session 55 " + PATH);
        byte[] withSub = concat(gre(0x22eb), u16(0x2000), u16(55), u32(123456), u16(0), u16(0x0001), new byte[8], mirrored);
        assertInnerSip(eth(outer4(47, withSub)));
    }

    @Test
    void erspanTypeThreeCarryingAnIpPacket() {
        byte[] ipFrameType = concat(gre(0x22eb), u16(0x2000), u16(55), u32(0), u16(0), u16(2 << 10), innerUdp4());
        Packet p = eth(outer4(47, ipFrameType));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "erspan", "ipv4", "udp");
    }

    @Test
    void erspanMirroringArpShowsTheArp() {
        byte[] arp = PacketBuilder.ethernet(PacketBuilder.ETH_ARP, PacketBuilder.arpRequest("192.168.1.10", "192.168.1.1"));
        Packet p = eth(outer4(47, erspan2Gre(3, arp)));
        assertThat(p.nonIp()).isEqualTo(Packet.NonIp.ARP);
        assertThat(p.ipVersion()).isZero();
        assertThat(p.etherType()).isEqualTo(0x0806);
        assertThat(p.tunnels()).containsExactly("ERSPAN II session 3 " + PATH);
        assertThat(p.anomalies()).isEmpty();
    }

    // ---- IP in IP -----------------------------------------------------------------------------------------------

    @Test
    void ipInIpCarryingTcp() {
        byte[] tcp = TcpSegment.from("192.168.1.10", 5060).to("192.168.1.20", 5062).seq(100).flags(TcpSegment.PSH | TcpSegment.ACK)
                .payload(SIP).ipv4();
        Packet p = eth(outer4(4, tcp));
        assertThat(p.layers()).containsExactly("eth", "ipv4", "ipv4", "tcp");
        assertThat(p.transport()).isEqualTo(Packet.Transport.TCP);
        assertThat(p.tcpSeq()).isEqualTo(100);
        assertThat(p.src()).isEqualTo("192.168.1.10:5060");
        assertThat(payload(p)).startsWith("OPTIONS");
        assertThat(p.tunnels()).containsExactly("IP-in-IP " + PATH);
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void ipv6InIpv4AndIpv4InIpv6() {
        Packet sixInFour = eth(outer4(41, innerUdp6()));
        assertThat(sixInFour.dst()).isEqualTo("[2001:db8::20]:5062");
        assertThat(sixInFour.tunnels()).containsExactly("IPv6-in-IP " + PATH);
        byte[] outer6 = PacketBuilder.ipv6("2001:db8:ffff::1", "2001:db8:ffff::2", 4, innerUdp4());
        Packet fourInSix = eth(PacketBuilder.ethernet(PacketBuilder.ETH_IPV6, outer6));
        assertInnerSip(fourInSix);
        assertThat(fourInSix.layers()).containsExactly("eth", "ipv6", "ipv4", "udp");
        assertThat(fourInSix.tunnels()).containsExactly("IP-in-IP 2001:db8:ffff::1 → 2001:db8:ffff::2");
    }

    @Test
    void eightNestedTunnelsAreFollowedTheNinthIsNamed() {
        byte[] ip = innerUdp4();
        for (int i = 0; i < 8; i++) {
            ip = PacketBuilder.ipv4("10.1.0." + i, "10.2.0." + i, 4, ip);
        }
        Packet eight = decode(LinkType.RAW, ip);
        assertInnerSip(eight);
        assertThat(eight.tunnels()).hasSize(8).first().isEqualTo("IP-in-IP 10.1.0.7 → 10.2.0.7");
        Packet nine = decode(LinkType.RAW, PacketBuilder.ipv4("10.1.0.8", "10.2.0.8", 4, ip));
        assertThat(ids(nine)).containsExactly("tunnel.too_deep");
        assertThat(nine.tunnels()).hasSize(8);
        assertThat(nine.srcAddress()).isEqualTo("10.1.0.0");
        assertThat(nine.transport()).isEqualTo(Packet.Transport.OTHER);
    }

    // ---- GTP-U --------------------------------------------------------------------------------------------------

    @Test
    void gtpUCarryingIpv4() {
        Packet p = eth(outerUdp(2152, 2152, gtp(0x1234, innerUdp4())));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "udp", "gtp", "ipv4", "udp");
        assertThat(p.tunnels()).containsExactly("GTP-U TEID 0x1234 " + PATH);
    }

    @Test
    void gtpUWithSequenceNumberAndExtensionHeaderChain() {
        byte[] inner = innerUdp6();
        // E and S set: seq 7, N-PDU 0, next 0x85; PDU session container (4 bytes) -> next 0x40; 8-byte extension -> 0.
        byte[] optional = concat(u16(7), bytes(0, 0x85), bytes(1, 0x10, 9, 0x40), bytes(2, 1, 2, 3, 4, 5, 6, 0));
        byte[] gtpBytes = concat(bytes(0x36, 0xff), u16(optional.length + inner.length), u32(0xabcdef01L), optional, inner);
        Packet p = eth(outerUdp(2152, 2152, gtpBytes));
        assertThat(p.dst()).isEqualTo("[2001:db8::20]:5062");
        assertThat(payload(p)).startsWith("OPTIONS");
        assertThat(p.tunnels()).containsExactly("GTP-U TEID 0xabcdef01 " + PATH);
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void gtpUExtensionOfLengthZeroIsInvalid() {
        byte[] inner = innerUdp4();
        byte[] optional = concat(u16(7), bytes(0, 0x85), bytes(0, 0, 0, 0));
        byte[] gtpBytes = concat(bytes(0x34, 0xff), u16(optional.length + inner.length), u32(1), optional, inner);
        Packet p = eth(outerUdp(2152, 2152, gtpBytes));
        assertThat(ids(p)).containsExactly("tunnel.gtp.invalid");
        assertThat(p.src()).isEqualTo(OUTER_SRC + ":2152");
    }

    @Test
    void gtpUEchoRequestIsSignallingNotATunnel() {
        byte[] echo = concat(bytes(0x32, 0x01), u16(4), u32(0), u16(1), bytes(0, 0));
        Packet p = eth(outerUdp(2152, 2152, echo));
        assertThat(p.src()).isEqualTo(OUTER_SRC + ":2152");
        assertThat(p.tunnels()).isEmpty();
        assertThat(p.anomalies()).isEmpty();
        assertThat(p.payloadLength()).isEqualTo(echo.length);
    }

    @Test
    void rtpOnPort2152IsNotMistakenForGtp() {
        byte[] rtp = PacketBuilder.rtp(0, 1, 160, 0x11223344L, false, new byte[160]);
        Packet p = eth(outerUdp(2152, 30000, rtp));
        assertThat(p.layers()).containsExactly("eth", "ipv4", "udp");
        assertThat(p.anomalies()).isEmpty();
        assertThat(p.payloadLength()).isEqualTo(rtp.length);
    }

    @Test
    void gtpUCarryingNeitherIpv4NorIpv6IsUnsupported() {
        Packet p = eth(outerUdp(2152, 2152, gtp(9, new byte[30])));
        assertThat(ids(p)).containsExactly("tunnel.gtp.unsupported");
        assertThat(p.src()).isEqualTo(OUTER_SRC + ":2152");
    }

    // ---- VXLAN and MPLS -----------------------------------------------------------------------------------------

    @Test
    void vxlanCarriesAnEthernetFrame() {
        Packet p = eth(outerUdp(40000, 4789, vxlan(42, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, innerUdp4()))));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "udp", "vxlan", "eth", "ipv4", "udp");
        assertThat(p.tunnels()).containsExactly("VXLAN VNI 42 " + PATH);
    }

    @Test
    void vxlanPortWithoutTheIFlagIsLeftAlone() {
        byte[] notVxlan = concat(bytes(0, 0, 0, 0), u32(0), new byte[20]);
        Packet p = eth(outerUdp(40000, 4789, notVxlan));
        assertThat(p.layers()).containsExactly("eth", "ipv4", "udp");
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void mplsStackThenIpv4() {
        byte[] frame = PacketBuilder.ethernet(0x8847, concat(mplsLabel(16, false), mplsLabel(2001, true), innerUdp4()));
        Packet p = eth(frame);
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "mpls:16", "mpls:2001", "ipv4", "udp");
        assertThat(p.tunnels()).isEmpty();
    }

    @Test
    void mplsThenIpv6() {
        Packet p = eth(PacketBuilder.ethernet(0x8848, concat(mplsLabel(3, true), innerUdp6())));
        assertThat(p.dst()).isEqualTo("[2001:db8::20]:5062");
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void mplsPseudowireWithControlWordCarriesEthernet() {
        byte[] inner = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, innerUdp4());
        Packet p = eth(PacketBuilder.ethernet(0x8847, concat(mplsLabel(100, true), u32(0), inner)));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "mpls:100", "pw", "eth", "ipv4", "udp");
    }

    @Test
    void mplsPayloadOfUnknownKindIsNamed() {
        Packet p = eth(PacketBuilder.ethernet(0x8847, concat(mplsLabel(100, true), bytes(0x90, 1, 2, 3))));
        assertThat(ids(p)).containsExactly("tunnel.mpls.unsupported");
        assertThat(p.ipVersion()).isZero();
    }

    @Test
    void mplsWithoutBottomOfStackIsNamed() {
        byte[] labels = new byte[0];
        for (int i = 0; i < 20; i++) {
            labels = concat(labels, mplsLabel(i, false));
        }
        Packet p = eth(PacketBuilder.ethernet(0x8847, concat(labels, innerUdp4())));
        assertThat(ids(p)).containsExactly("tunnel.mpls.too_deep");
    }

    @Test
    void mplsOverGre() {
        Packet p = eth(outer4(47, concat(gre(0x8847), mplsLabel(30, true), innerUdp4())));
        assertInnerSip(p);
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "mpls:30", "ipv4", "udp");
        assertThat(p.tunnels()).containsExactly("GRE " + PATH);
    }

    // ---- nesting ------------------------------------------------------------------------------------------------

    @Test
    void gtpInsideGreListsBothHopsOutermostFirst() {
        byte[] gtpPacket = PacketBuilder.udp4("192.0.2.1", 2152, "192.0.2.2", 2152, gtp(0x1234, innerUdp4()));
        Packet p = eth(outer4(47, concat(gre(0x0800), gtpPacket)));
        assertInnerSip(p);
        assertThat(p.tunnels()).containsExactly("GRE " + PATH, "GTP-U TEID 0x1234 192.0.2.1 → 192.0.2.2");
        assertThat(p.layers()).containsExactly("eth", "ipv4", "gre", "ipv4", "udp", "gtp", "ipv4", "udp");
    }

    @Test
    void pppoeSessionIsStillDecoded() {
        byte[] ip = innerUdp4();
        byte[] pppoe = concat(bytes(0x11, 0, 0, 0x12), u16(ip.length + 2), u16(0x0021), ip);
        Packet p = eth(PacketBuilder.ethernet(0x8864, pppoe));
        assertThat(p.layers()).containsExactly("eth", "pppoe", "ppp", "ipv4", "udp");
        assertInnerSip(p);
    }

    // ---- truncation and fuzzing ---------------------------------------------------------------------------------

    /** Each seed: the tunnel bytes (header and inner packet) and how to wrap a cut of them in correct outer headers. */
    private record Seed(String name, byte[] tunnel, Function<byte[], byte[]> wrap, int shortest) {
    }

    private static List<Seed> seeds() {
        byte[] mirrored = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, innerUdp4());
        byte[] ppp = concat(bytes(0xff, 0x03, 0x00, 0x21), innerUdp4());
        byte[] gtpExt = concat(bytes(0x36, 0xff), u16(8 + innerUdp4().length), u32(5), u16(7), bytes(0, 0x85),
                bytes(1, 0x10, 9, 0), innerUdp4());
        return List.of(
                new Seed("gre", concat(u16(0xb000), u16(0x0800), u32(0), u32(42), u32(9), innerUdp4()),
                        t -> outer4(47, t), 0),
                new Seed("pptp", concat(u16(0x3081), u16(0x880b), u16(ppp.length), u16(7), u32(1), u32(0), ppp),
                        t -> outer4(47, t), 0),
                new Seed("erspan2", erspan2Gre(100, mirrored), t -> outer4(47, t), 0),
                new Seed("erspan3", concat(gre(0x22eb), u16(0x2000), u16(55), u32(0), u16(0), u16(1), new byte[8], mirrored),
                        t -> outer4(47, t), 0),
                new Seed("ipip", innerUdp4(), t -> outer4(4, t), 0),
                new Seed("gtp", gtpExt, t -> outerUdp(2152, 2152, t), 1),
                new Seed("vxlan", vxlan(42, mirrored), t -> outerUdp(40000, 4789, t), 1),
                new Seed("mpls", concat(mplsLabel(16, false), mplsLabel(17, true), u32(0), mirrored),
                        t -> PacketBuilder.ethernet(0x8847, t), 0));
    }

    @Test
    void everyCutOfATunnelOnAWholeFrameIsNamedAndNeverThrows() {
        for (Seed seed : seeds()) {
            for (int keep = seed.shortest(); keep < seed.tunnel().length; keep++) {
                byte[] frame = seed.wrap().apply(Arrays.copyOf(seed.tunnel(), keep));
                Packet p = eth(frame);
                assertThat(p.anomalies()).as(seed.name() + " cut to " + keep).isNotEmpty();
                if (p.tunnels().isEmpty() && !seed.name().equals("mpls")) {
                    assertThat(ids(p)).as(seed.name() + " cut to " + keep).anyMatch(id -> id.startsWith("tunnel."));
                }
                assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(frame.length);
            }
            assertInnerSip(eth(seed.wrap().apply(seed.tunnel())));
        }
    }

    @Test
    void everySnaplenCutOfATunnelFrameIsNotDamage() {
        for (Seed seed : seeds()) {
            byte[] frame = seed.wrap().apply(seed.tunnel());
            for (int keep = 0; keep < frame.length; keep++) {
                Packet p = snaplenCut(frame, keep);
                assertThat(p.anomalies()).as(seed.name() + " snaplen " + keep).isEmpty();
                assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(keep);
            }
        }
    }

    @Test
    void randomAndMutatedTunnelFramesNeverThrow() {
        Random rnd = new Random(20261201);
        List<byte[]> frames = seeds().stream().map(s -> s.wrap().apply(s.tunnel())).toList();
        int[] links = {LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL};
        for (int i = 0; i < 30_000; i++) {
            byte[] s = frames.get(rnd.nextInt(frames.size()));
            byte[] f = Arrays.copyOf(s, rnd.nextInt(s.length + 1));
            for (int k = rnd.nextInt(8); k >= 0 && f.length > 0; k--) {
                // Mutate mostly inside the headers, where the decisions are.
                f[rnd.nextInt(Math.min(f.length, 90))] = (byte) rnd.nextInt(256);
            }
            Packet p = decode(links[rnd.nextInt(links.length)], f);
            assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(f.length);
            assertThat(p.payloadLength()).isGreaterThanOrEqualTo(0);
            assertThat(p.ipHeaderOffset()).isLessThan(Math.max(1, f.length));
            assertThat(p.tunnels()).hasSizeLessThanOrEqualTo(TunnelDecoder.MAX_ENCAPSULATIONS);
        }
    }
}
