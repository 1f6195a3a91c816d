package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IcmpLabelerTest {
    private static final String INVITE = "INVITE sip:bob@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.2:5060\r\n";

    /** ICMP port unreachable quoting a UDP datagram 192.168.1.2:5060 → 10.0.0.1:5060 carrying the start of an INVITE. */
    static byte[] portUnreachable() {
        int udpLength = 8 + INVITE.length();
        return new ByteWriter().u8(3).u8(3).u16(0).u32(0)
                .u8(0x45).u8(0).u16(20 + udpLength).u16(0x1234).u16(0).u8(64).u8(17).u16(0).hex("c0a80102 0a000001")
                .u16(5060).u16(5060).u16(udpLength).u16(0).ascii(INVITE).build();
    }

    private static Label v4(byte[] b) {
        return IcmpLabeler.labelV4(b, 0, b.length);
    }

    private static Label v6(byte[] b) {
        return IcmpLabeler.labelV6(b, 0, b.length);
    }

    @Test
    void echoRequest() {
        byte[] b = new ByteWriter().u8(8).u8(0).u16(0).u16(0x1234).u16(1).zeros(56).build();
        Label l = v4(b);
        assertThat(l.protocol()).isEqualTo("icmp");
        assertThat(l.text()).isEqualTo("ICMP echo request id 0x1234, seq 1, 56 bytes data");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void echoReply() {
        assertThat(v4(new ByteWriter().u8(0).u8(0).u16(0).u16(7).u16(2).build()).text())
                .isEqualTo("ICMP echo reply id 0x0007, seq 2");
    }

    @Test
    void portUnreachableQuotingSip() {
        Label l = v4(portUnreachable());
        assertThat(l.text()).isEqualTo("ICMP destination unreachable (port unreachable) for UDP 192.168.1.2:5060 → "
                + "10.0.0.1:5060: SIP \"INVITE sip:bob@10.0.0.1 SIP/2.0\"");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void quotedPacketFields() {
        byte[] b = portUnreachable();
        Optional<IcmpError> e = IcmpLabeler.quotedPacketV4(b, 0, b.length);
        assertThat(e).isPresent();
        IcmpError q = e.get();
        assertThat(q.ipVersion()).isEqualTo(4);
        assertThat(q.type()).isEqualTo(3);
        assertThat(q.code()).isEqualTo(3);
        assertThat(q.reason()).isEqualTo("destination unreachable (port unreachable)");
        assertThat(q.protocol()).isEqualTo(17);
        assertThat(q.protocolName()).isEqualTo("UDP");
        assertThat(q.source()).isEqualTo("192.168.1.2");
        assertThat(q.destination()).isEqualTo("10.0.0.1");
        assertThat(q.sourcePort()).isEqualTo(5060);
        assertThat(q.destinationPort()).isEqualTo(5060);
        assertThat(q.payloadOffset()).isEqualTo(36);
        assertThat(q.payloadLength()).isEqualTo(INVITE.length());
        assertThat(q.quotedFlow()).isEqualTo("UDP 192.168.1.2:5060 → 10.0.0.1:5060");
    }

    @Test
    void quoteWithoutTransportHeaderHasNoPorts() {
        byte[] b = java.util.Arrays.copyOf(portUnreachable(), 8 + 20 + 2);
        IcmpError q = IcmpLabeler.quotedPacketV4(b, 0, b.length).orElseThrow();
        assertThat(q.sourcePort()).isEqualTo(-1);
        assertThat(q.payloadOffset()).isEqualTo(-1);
        assertThat(v4(b).text()).isEqualTo("ICMP destination unreachable (port unreachable) for UDP 192.168.1.2 → 10.0.0.1");
    }

    @Test
    void quoteTooShortForAnIpHeader() {
        byte[] b = java.util.Arrays.copyOf(portUnreachable(), 8 + 12);
        Label l = v4(b);
        assertThat(l.text()).isEqualTo("ICMP destination unreachable (port unreachable)");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.icmp.quote.truncated");
        assertThat(IcmpLabeler.quotedPacketV4(b, 0, b.length)).isEmpty();
    }

    @Test
    void echoIsNotAnError() {
        byte[] b = new ByteWriter().u8(8).u8(0).u16(0).u16(1).u16(1).zeros(40).build();
        assertThat(IcmpLabeler.quotedPacketV4(b, 0, b.length)).isEmpty();
    }

    @Test
    void fragmentationNeededGivesTheMtu() {
        byte[] b = portUnreachable();
        b[1] = 4;
        b[6] = 0x05;
        b[7] = (byte) 0x78;
        assertThat(v4(b).text()).startsWith("ICMP destination unreachable (fragmentation needed and DF set), "
                + "next-hop MTU 1400 for UDP 192.168.1.2:5060");
    }

    @Test
    void timeExceededQuotingTcp() {
        byte[] b = new ByteWriter().u8(11).u8(0).u16(0).u32(0)
                .u8(0x45).u8(0).u16(40).u16(1).u16(0x4000).u8(1).u8(6).u16(0).hex("0a000002 0a000003")
                .u16(40000).u16(5061).u32(1).build();
        assertThat(v4(b).text()).isEqualTo("ICMP time exceeded (TTL exceeded in transit) for TCP 10.0.0.2:40000 → 10.0.0.3:5061");
    }

    @Test
    void truncatedIcmp() {
        Label l = IcmpLabeler.labelV4(new byte[] {3}, 0, 1);
        assertThat(l.text()).isEqualTo("ICMP, cut short (1 byte)");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.icmp.truncated");
    }

    @Test
    void neighbourSolicitation() {
        byte[] b = new ByteWriter().u8(135).u8(0).u16(0).u32(0).hex("fe800000000000000000000000000001")
                .u8(1).u8(1).hex("001122334455").build();
        Label l = v6(b);
        assertThat(l.protocol()).isEqualTo("icmpv6");
        assertThat(l.text()).isEqualTo("ICMPv6 neighbour solicitation: who has fe80::1? tell 00:11:22:33:44:55");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void neighbourAdvertisement() {
        byte[] b = new ByteWriter().u8(136).u8(0).u16(0).u8(0xe0).zeros(3).hex("20010db8000000000000000000000001")
                .u8(2).u8(1).hex("001122334455").build();
        assertThat(v6(b).text()).isEqualTo("ICMPv6 neighbour advertisement: 2001:db8::1 is at 00:11:22:33:44:55 "
                + "(router, solicited, override)");
    }

    @Test
    void routerSolicitationAndAdvertisement() {
        byte[] rs = new ByteWriter().u8(133).u8(0).u16(0).u32(0).u8(1).u8(1).hex("001122334455").build();
        assertThat(v6(rs).text()).isEqualTo("ICMPv6 router solicitation from 00:11:22:33:44:55");
        byte[] ra = new ByteWriter().u8(134).u8(0).u16(0).u8(64).u8(0x40).u16(1800).u32(0).u32(0)
                .u8(3).u8(4).u8(64).u8(0xc0).u32(86400).u32(14400).u32(0).hex("20010db8000100000000000000000000")
                .u8(5).u8(1).u16(0).u32(1500).build();
        assertThat(v6(ra).text()).isEqualTo("ICMPv6 router advertisement: prefix 2001:db8:1::/64, MTU 1500, "
                + "router lifetime 1800 s, other configuration from DHCPv6");
    }

    @Test
    void zeroLengthOptionIsAnAnomalyNotALoop() {
        byte[] b = new ByteWriter().u8(135).u8(0).u16(0).u32(0).hex("fe800000000000000000000000000001").u8(1).u8(0)
                .zeros(6).build();
        Label l = v6(b);
        assertThat(l.text()).isEqualTo("ICMPv6 neighbour solicitation: who has fe80::1?");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.icmpv6.option.invalid");
    }

    @Test
    void v6PortUnreachableQuotingUdpAfterAnExtensionHeader() {
        byte[] b = new ByteWriter().u8(1).u8(4).u16(0).u32(0)
                .u32(0x60000000L).u16(16).u8(60).u8(64).hex("20010db8000000000000000000000002")
                .hex("20010db8000000000000000000000003")
                .u8(17).u8(0).zeros(6) // destination options, 8 bytes, next header UDP
                .u16(5060).u16(5062).u16(8).u16(0).build();
        Label l = v6(b);
        assertThat(l.text()).isEqualTo("ICMPv6 destination unreachable (port unreachable) for UDP [2001:db8::2]:5060 → "
                + "[2001:db8::3]:5062");
        IcmpError q = IcmpLabeler.quotedPacketV6(b, 0, b.length).orElseThrow();
        assertThat(q.ipVersion()).isEqualTo(6);
        assertThat(q.protocol()).isEqualTo(17);
        assertThat(q.payloadOffset()).isEqualTo(-1);
    }

    @Test
    void packetTooBig() {
        byte[] b = new ByteWriter().u8(2).u8(0).u16(0).u32(1280).build();
        Label l = v6(b);
        assertThat(l.text()).isEqualTo("ICMPv6 packet too big (MTU 1280)");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.icmp.quote.truncated");
    }

    @Test
    void echoV6AndTruncatedV6() {
        assertThat(v6(new ByteWriter().u8(128).u8(0).u16(0).u16(1).u16(9).build()).text())
                .isEqualTo("ICMPv6 echo request id 0x0001, seq 9");
        Label cut = v6(new ByteWriter().u8(135).u8(0).u16(0).u32(0).build());
        assertThat(cut.text()).isEqualTo("ICMPv6 neighbour solicitation, cut short");
        assertThat(cut.anomalies()).extracting(Anomaly::id).containsExactly("label.icmpv6.truncated");
    }
}
