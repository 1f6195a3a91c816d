package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.testkit.Ipv4Packet;
import io.sipvista.testkit.Ipv6Packet;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.TcpSegment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PacketDecoderTest {
    private static final byte[] SIP = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final PacketDecoder decoder = new PacketDecoder();

    private Packet decode(int linkType, byte[] frame) {
        return decoder.decode(new CaptureRecord(1, 0, linkType, 0, 0, 6, frame.length, frame.length, frame, 0));
    }

    private Packet decodeCut(int linkType, byte[] frame, int keep) {
        byte[] cut = Arrays.copyOf(frame, keep);
        return decoder.decode(new CaptureRecord(1, 0, linkType, 0, 0, 6, keep, frame.length, cut, 0));
    }

    private static String payload(Packet p) {
        return new String(p.data(), p.payloadOffset(), p.payloadLength(), StandardCharsets.US_ASCII);
    }

    private static byte[] udp4() {
        return PacketBuilder.udp4("192.168.9.205", 5060, "192.168.8.10", 5060, SIP);
    }

    @Test
    void ethernetIpv4Udp() {
        Packet p = decode(LinkType.ETHERNET, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, udp4()));
        assertThat(p.layers()).containsExactly("eth", "ipv4", "udp");
        assertThat(p.src()).isEqualTo("192.168.9.205:5060");
        assertThat(p.dst()).isEqualTo("192.168.8.10:5060");
        assertThat(p.transport()).isEqualTo(Packet.Transport.UDP);
        assertThat(payload(p)).isEqualTo(new String(SIP, StandardCharsets.US_ASCII));
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void ethernetPaddingAfterIpIsNotPayload() {
        byte[] small = PacketBuilder.udp4("10.0.0.1", 1000, "10.0.0.2", 2000, new byte[]{1, 2});
        byte[] frame = Arrays.copyOf(PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, small), 60);
        Packet p = decode(LinkType.ETHERNET, frame);
        assertThat(p.payloadLength()).isEqualTo(2);
        assertThat(p.anomalies()).isEmpty();
    }

    @Test
    void singleVlanTag() {
        Packet p = decode(LinkType.ETHERNET, PacketBuilder.ethernetVlan(new int[]{100}, PacketBuilder.ETH_IPV4, udp4()));
        assertThat(p.layers()).containsExactly("eth", "vlan:100", "ipv4", "udp");
        assertThat(payload(p)).startsWith("OPTIONS");
    }

    @Test
    void qinqTwoTags() {
        Packet p = decode(LinkType.ETHERNET, PacketBuilder.ethernetVlan(new int[]{10, 20}, PacketBuilder.ETH_IPV4, udp4()));
        assertThat(p.layers()).containsExactly("eth", "vlan:10", "vlan:20", "ipv4", "udp");
        assertThat(p.dstPort()).isEqualTo(5060);
    }

    @Test
    void absurdVlanStackIsNamedNotFollowed() {
        int[] ids = new int[20];
        Arrays.fill(ids, 7);
        Packet p = decode(LinkType.ETHERNET, PacketBuilder.ethernetVlan(ids, PacketBuilder.ETH_IPV4, udp4()));
        assertThat(p.anomalies()).extracting(Anomaly::id).contains("link.vlan.too_deep");
        assertThat(p.ipVersion()).isZero();
    }

    @Test
    void linuxCookedV1AndV2() {
        Packet v1 = decode(LinkType.LINUX_SLL, PacketBuilder.sll(PacketBuilder.ETH_IPV4, udp4()));
        assertThat(v1.layers()).containsExactly("sll", "ipv4", "udp");
        assertThat(v1.src()).isEqualTo("192.168.9.205:5060");
        Packet v2 = decode(LinkType.LINUX_SLL2, PacketBuilder.sll2(PacketBuilder.ETH_IPV4, udp4()));
        assertThat(v2.layers()).containsExactly("sll2", "ipv4", "udp");
        assertThat(payload(v2)).startsWith("OPTIONS");
    }

    @Test
    void bsdLoopbackBothByteOrdersAndIpv6Families() {
        Packet le = decode(LinkType.NULL, PacketBuilder.bsdNull(2, udp4(), false));
        Packet be = decode(LinkType.NULL, PacketBuilder.bsdNull(2, udp4(), true));
        assertThat(le.src()).isEqualTo("192.168.9.205:5060");
        assertThat(be.src()).isEqualTo("192.168.9.205:5060");
        byte[] v6 = PacketBuilder.udp6("2001:db8::1", 5060, "2001:db8::2", 5062, SIP);
        for (int family : new int[]{24, 28, 30}) {
            assertThat(decode(LinkType.NULL, PacketBuilder.bsdNull(family, v6, false)).dst()).isEqualTo("[2001:db8::2]:5062");
        }
        assertThat(decode(LinkType.LOOP, PacketBuilder.bsdLoop(2, udp4())).dstPort()).isEqualTo(5060);
    }

    @Test
    void rawIpLinkTypes() {
        assertThat(decode(LinkType.RAW, udp4()).src()).isEqualTo("192.168.9.205:5060");
        assertThat(decode(LinkType.IPV4, udp4()).layers()).containsExactly("raw", "ipv4", "udp");
        byte[] v6 = PacketBuilder.udp6("fe80::1", 5060, "fe80::2", 5060, SIP);
        assertThat(decode(LinkType.IPV6, v6).src()).isEqualTo("[fe80::1]:5060");
        assertThat(decode(LinkType.RAW, v6).ipVersion()).isEqualTo(6);
    }

    @Test
    void ipv6ExtensionHeadersAreWalked() {
        byte[] udp = Arrays.copyOfRange(PacketBuilder.udp6("2001:db8::1", 5060, "2001:db8::2", 5060, SIP), 40, 40 + 8 + SIP.length);
        byte[] v6 = Ipv6Packet.of("2001:db8::1", "2001:db8::2", 17, udp)
                .hopByHop(new byte[6]).destinationOptions(new byte[6]).build();
        Packet p = decode(LinkType.RAW, v6);
        assertThat(p.layers()).containsExactly("raw", "ipv6", "ipv6.hopopts", "ipv6.dstopts", "udp");
        assertThat(p.dstPort()).isEqualTo(5060);
        assertThat(payload(p)).startsWith("OPTIONS");
    }

    @Test
    void ipv6FirstFragmentKeepsPortsLaterFragmentsDoNot() {
        byte[] udp = Arrays.copyOfRange(PacketBuilder.udp6("2001:db8::1", 5060, "2001:db8::2", 5060, SIP), 40, 40 + 8 + SIP.length);
        Packet first = decode(LinkType.RAW, Ipv6Packet.of("2001:db8::1", "2001:db8::2", 17, udp).fragment(0, true, 77).build());
        assertThat(first.fragment()).isTrue();
        assertThat(first.dstPort()).isEqualTo(5060);
        Packet later = decode(LinkType.RAW, Ipv6Packet.of("2001:db8::1", "2001:db8::2", 17, new byte[16]).fragment(1448, false, 77).build());
        assertThat(later.fragment()).isTrue();
        assertThat(later.fragmentOffset()).isEqualTo(1448);
        assertThat(later.fragmentId()).isEqualTo(77);
        assertThat(later.transport()).isEqualTo(Packet.Transport.OTHER);
    }

    @Test
    void ipv4FragmentsAreMarked() {
        byte[] later = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, new byte[40]).id(0x1234).fragment(1480, false).build();
        Packet p = decode(LinkType.RAW, later);
        assertThat(p.fragment()).isTrue();
        assertThat(p.fragmentId()).isEqualTo(0x1234);
        assertThat(p.moreFragments()).isFalse();
        assertThat(p.transport()).isEqualTo(Packet.Transport.OTHER);
    }

    @Test
    void ipv4OptionsAreSkipped() {
        byte[] udp = Arrays.copyOfRange(udp4(), 20, udp4().length);
        byte[] withOptions = Ipv4Packet.of("192.168.9.205", "192.168.8.10", 17, udp).options(new byte[]{1, 1, 1, 1}).build();
        Packet p = decode(LinkType.RAW, withOptions);
        assertThat(p.dstPort()).isEqualTo(5060);
        assertThat(payload(p)).startsWith("OPTIONS");
    }

    @Test
    void tcpFieldsAndPayload() {
        byte[] seg = TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 5060).seq(1000).ack(2000)
                .flags(TcpSegment.PSH | TcpSegment.ACK).payload(SIP).ipv4();
        Packet p = decode(LinkType.RAW, seg);
        assertThat(p.transport()).isEqualTo(Packet.Transport.TCP);
        assertThat(p.tcpSeq()).isEqualTo(1000);
        assertThat(p.tcpAck()).isEqualTo(2000);
        assertThat(TcpFlags.has(p.tcpFlags(), TcpFlags.PSH)).isTrue();
        assertThat(payload(p)).startsWith("OPTIONS");
        byte[] v6 = TcpSegment.from("2001:db8::1", 5060).to("2001:db8::2", 5060).seq(1).flags(TcpSegment.SYN).ipv6();
        assertThat(decode(LinkType.RAW, v6).payloadLength()).isZero();
    }

    @Test
    void pppoeSessionCarriesIp() {
        byte[] ip = udp4();
        byte[] pppoe = new byte[8 + ip.length];
        pppoe[0] = 0x11; // version 1, type 1
        pppoe[2] = 0x12; // session id
        pppoe[4] = (byte) ((ip.length + 2) >> 8);
        pppoe[5] = (byte) (ip.length + 2);
        pppoe[7] = 0x21; // PPP: IPv4
        System.arraycopy(ip, 0, pppoe, 8, ip.length);
        Packet p = decode(LinkType.ETHERNET, PacketBuilder.ethernet(0x8864, pppoe));
        assertThat(p.layers()).containsExactly("eth", "pppoe", "ppp", "ipv4", "udp");
        assertThat(p.src()).isEqualTo("192.168.9.205:5060");
        pppoe[7] = (byte) 0x23; // PPP: something else
        Packet lcp = decode(LinkType.ETHERNET, PacketBuilder.ethernet(0x8864, pppoe));
        assertThat(lcp.nonIpName()).contains("PPP protocol 0x0023");
    }

    @Test
    void arpIsRecognised() {
        Packet p = decode(LinkType.ETHERNET, PacketBuilder.ethernet(PacketBuilder.ETH_ARP, PacketBuilder.arpRequest("192.168.9.205", "192.168.9.1")));
        assertThat(p.nonIp()).isEqualTo(Packet.NonIp.ARP);
        assertThat(p.payloadLength()).isGreaterThanOrEqualTo(28);
    }

    @Test
    void unknownEtherTypeIsNamed() {
        Packet p = decode(LinkType.ETHERNET, PacketBuilder.ethernet(0x88cc, new byte[30]));
        assertThat(p.nonIp()).isEqualTo(Packet.NonIp.OTHER);
        assertThat(p.nonIpName()).isNotBlank();
    }

    @Test
    void snaplenCutIsNotDamage() {
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, udp4());
        Packet p = decodeCut(LinkType.ETHERNET, frame, 14 + 20 + 8 + 10);
        assertThat(p.anomalies()).isEmpty();
        assertThat(p.payloadCut()).isTrue();
        assertThat(p.payloadLength()).isEqualTo(10);
        Packet headerCut = decodeCut(LinkType.ETHERNET, frame, 14 + 10);
        assertThat(headerCut.anomalies()).isEmpty();
    }

    @Test
    void lyingLengthsOnAWholeFrameAreDamage() {
        byte[] ip = udp4();
        byte[] lying = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, Arrays.copyOfRange(ip, 20, ip.length)).totalLengthOverride(1500).build();
        Packet p = decode(LinkType.RAW, lying);
        assertThat(p.anomalies()).extracting(Anomaly::id).contains("ip.length.exceeds_frame");
        Packet shortEth = decode(LinkType.ETHERNET, new byte[10]);
        assertThat(shortEth.anomalies()).extracting(Anomaly::id).containsExactly("link.truncated");
    }

    @Test
    void unsupportedLinkTypeIsNamed() {
        Packet p = decode(147, new byte[20]);
        assertThat(p.anomalies()).extracting(Anomaly::id).containsExactly("link.unsupported");
    }

    @Test
    void randomAndMutatedFramesNeverThrow() {
        Random rnd = new Random(20261130);
        byte[][] seeds = {
                PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, udp4()),
                PacketBuilder.ethernetVlan(new int[]{1, 2}, PacketBuilder.ETH_IPV6, PacketBuilder.udp6("::1", 1, "::2", 2, SIP)),
                PacketBuilder.sll2(PacketBuilder.ETH_IPV4, TcpSegment.from("1.1.1.1", 1).to("2.2.2.2", 2).payload(SIP).ipv4()),
        };
        int[] links = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP, LinkType.RAW,
                LinkType.IPV4, LinkType.IPV6};
        for (int i = 0; i < 20_000; i++) {
            byte[] f;
            if (i % 2 == 0) {
                f = new byte[rnd.nextInt(120)];
                rnd.nextBytes(f);
            } else {
                byte[] s = seeds[rnd.nextInt(seeds.length)];
                f = Arrays.copyOf(s, rnd.nextInt(s.length + 1));
                for (int k = rnd.nextInt(6); k >= 0 && f.length > 0; k--) {
                    f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
                }
            }
            Packet p = decode(links[rnd.nextInt(links.length)], f);
            assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(f.length);
            assertThat(p.payloadLength()).isGreaterThanOrEqualTo(0);
        }
    }
}
