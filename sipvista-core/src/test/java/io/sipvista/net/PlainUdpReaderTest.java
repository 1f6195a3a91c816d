package io.sipvista.net;

import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.testkit.Ipv4Packet;
import io.sipvista.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainUdpReader} takes exactly the plain Ethernet/IPv4/UDP datagrams, and for those says what
 * {@link PacketDecoder} says; it declines every frame whose decode would differ in any way.
 */
class PlainUdpReaderTest {
    private static final byte[] PAYLOAD = new byte[172];

    static {
        PAYLOAD[0] = (byte) 0x80;
    }

    private final PlainUdpReader reader = new PlainUdpReader();

    private static byte[] udp(int sport, int dport) {
        return PacketBuilder.udp("10.0.0.1", sport, "192.0.2.200", dport, PAYLOAD);
    }

    private static byte[] eth(byte[] ip) {
        return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, ip);
    }

    private boolean read(byte[] frame) {
        return reader.read(frame, frame.length, frame.length);
    }

    @Test
    void aPlainDatagramGivesItsEndpointsAndPayload() {
        byte[] frame = eth(PacketBuilder.udp4("10.0.0.1", 40_000, "192.0.2.200", 20_002, PAYLOAD));
        assertThat(read(frame)).isTrue();
        assertThat(reader.srcAddress()).isEqualTo(0x0a000001);
        assertThat(reader.dstAddress()).isEqualTo(0xc00002c8);
        assertThat(reader.srcPort()).isEqualTo(40_000);
        assertThat(reader.dstPort()).isEqualTo(20_002);
        assertThat(reader.payloadOffset()).isEqualTo(14 + 20 + 8);
        assertThat(reader.payloadLength()).isEqualTo(PAYLOAD.length);
        assertSameAsDecoder(frame, frame.length);
    }

    @Test
    void linkPaddingAfterTheDatagramIsNotPayload() {
        byte[] frame = Arrays.copyOf(eth(PacketBuilder.udp4("10.0.0.1", 1, "10.0.0.2", 2, new byte[4])), 60);
        assertThat(read(frame)).isTrue();
        assertThat(reader.payloadLength()).isEqualTo(4);
        assertSameAsDecoder(frame, frame.length);
    }

    @Test
    void vlanTagsAreSteppedOver() {
        byte[] frame = PacketBuilder.ethernetVlan(new int[] {100, 200}, PacketBuilder.ETH_IPV4,
                PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD));
        assertThat(read(frame)).isTrue();
        assertThat(reader.payloadOffset()).isEqualTo(14 + 8 + 20 + 8);
        assertSameAsDecoder(frame, frame.length);
    }

    @Test
    void moreVlanTagsThanTheDecoderWalksAreDeclined() {
        int[] tags = new int[PacketDecoder.MAX_VLAN_TAGS + 1];
        Arrays.fill(tags, 7);
        assertThat(read(PacketBuilder.ethernetVlan(tags, PacketBuilder.ETH_IPV4,
                PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD)))).isFalse();
    }

    @Test
    void ipOptionsMoveThePayload() {
        byte[] frame = eth(Ipv4Packet.of("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, udp(4000, 5000))
                .options(new byte[] {1, 1, 1, 1}).build());
        assertThat(read(frame)).isTrue();
        assertThat(reader.payloadOffset()).isEqualTo(14 + 24 + 8);
        assertSameAsDecoder(frame, frame.length);
    }

    @Test
    void aFirstFragmentIsDeclined() {
        assertThat(read(eth(Ipv4Packet.of("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, udp(4000, 5000))
                .fragment(0, true).build()))).isFalse();
    }

    @Test
    void aLaterFragmentIsDeclined() {
        assertThat(read(eth(Ipv4Packet.of("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, udp(4000, 5000))
                .fragment(1480, false).build()))).isFalse();
    }

    @Test
    void dontFragmentIsPlain() {
        byte[] frame = eth(Ipv4Packet.of("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, udp(4000, 5000))
                .dontFragment(true).build());
        assertThat(read(frame)).isTrue();
        assertSameAsDecoder(frame, frame.length);
    }

    @Test
    void aHeaderLengthBelow20IsDeclined() {
        byte[] frame = eth(PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD));
        frame[14] = 0x44;
        assertThat(read(frame)).isFalse();
    }

    @Test
    void anotherIpVersionIsDeclined() {
        byte[] frame = eth(PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD));
        frame[14] = 0x65;
        assertThat(read(frame)).isFalse();
    }

    @Test
    void aTotalLengthBeyondTheFrameIsDeclined() {
        assertThat(read(eth(Ipv4Packet.of("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, udp(4000, 5000))
                .totalLengthOverride(20 + 8 + PAYLOAD.length + 1).build()))).isFalse();
    }

    @Test
    void aTotalLengthOfZeroIsDeclined() {
        assertThat(read(eth(Ipv4Packet.of("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, udp(4000, 5000))
                .totalLengthOverride(0).build()))).isFalse();
    }

    @Test
    void aFrameCutByTheSnaplenIsDeclined() {
        byte[] frame = eth(PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD));
        assertThat(reader.read(frame, frame.length, frame.length + 10L)).isFalse();
        byte[] cut = Arrays.copyOf(frame, 60);
        assertThat(reader.read(cut, cut.length, frame.length)).isFalse();
    }

    @Test
    void aUdpLengthBeyondTheIpPayloadIsDeclined() {
        byte[] u = udp(4000, 5000);
        u[4] = (byte) ((u.length + 1) >> 8);
        u[5] = (byte) (u.length + 1);
        assertThat(read(eth(PacketBuilder.ipv4("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, u)))).isFalse();
    }

    @Test
    void aUdpLengthBelow8IsDeclined() {
        byte[] u = udp(4000, 5000);
        u[4] = 0;
        u[5] = 0;
        assertThat(read(eth(PacketBuilder.ipv4("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, u)))).isFalse();
    }

    @Test
    void aShorterUdpLengthEndsThePayload() {
        byte[] u = udp(4000, 5000);
        u[4] = 0;
        u[5] = 20;
        byte[] frame = eth(PacketBuilder.ipv4("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, u));
        assertThat(read(frame)).isTrue();
        assertThat(reader.payloadLength()).isEqualTo(12);
        assertSameAsDecoder(frame, frame.length);
    }

    @Test
    void ipv6IsDeclined() {
        assertThat(read(PacketBuilder.ethernet(PacketBuilder.ETH_IPV6,
                PacketBuilder.udp6("2001:db8::1", 4000, "2001:db8::2", 5000, PAYLOAD)))).isFalse();
    }

    @Test
    void tcpIsDeclined() {
        assertThat(read(eth(PacketBuilder.ipv4("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_TCP, new byte[40]))))
                .isFalse();
    }

    @Test
    void gtpUOnEitherSideIsDeclined() {
        assertThat(read(eth(PacketBuilder.udp4("10.0.0.1", 2152, "10.0.0.2", 5000, PAYLOAD)))).isFalse();
        assertThat(read(eth(PacketBuilder.udp4("10.0.0.1", 5000, "10.0.0.2", 2152, PAYLOAD)))).isFalse();
    }

    @Test
    void vxlanToItsPortIsDeclined() {
        assertThat(read(eth(PacketBuilder.udp4("10.0.0.1", 5000, "10.0.0.2", 4789, PAYLOAD)))).isFalse();
    }

    @Test
    void aShortFrameIsDeclined() {
        byte[] frame = eth(PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD));
        for (int len : new int[] {0, 13, 14, 33, 41}) {
            byte[] cut = Arrays.copyOf(frame, len);
            assertThat(reader.read(cut, len, len)).as("%d bytes", len).isFalse();
        }
    }

    @Test
    void whateverItTakesDecodesTheSameWay() {
        Random random = new Random(42);
        byte[][] seeds = {
                eth(PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD)),
                PacketBuilder.ethernetVlan(new int[] {5}, PacketBuilder.ETH_IPV4,
                        PacketBuilder.udp4("10.0.0.1", 4000, "10.0.0.2", 5000, PAYLOAD)),
                eth(Ipv4Packet.of("10.0.0.1", "10.0.0.2", Ipv4Packet.PROTO_UDP, udp(4000, 5000))
                        .options(new byte[] {1, 1, 1, 1}).build()),
        };
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = seeds[i % seeds.length].clone();
            int len = frame.length;
            for (int k = random.nextInt(3) + 1; k > 0; k--) {
                int at = random.nextInt(Math.min(len, 60)); // the headers, where the decisions are
                frame[at] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : frame[at] ^ (1 << random.nextInt(8)));
            }
            if (random.nextInt(8) == 0) {
                len = random.nextInt(len + 1);
            }
            if (reader.read(frame, len, len)) {
                taken++;
                assertSameAsDecoder(Arrays.copyOf(frame, len), len);
            }
        }
        assertThat(taken).as("mutated frames still plain").isGreaterThan(1000);
    }

    /** What {@link PacketDecoder} makes of the frame is what the reader said, with nothing more to say. */
    private void assertSameAsDecoder(byte[] frame, long original) {
        Packet p = new PacketDecoder().decode(new CaptureRecord(1, 0, LinkType.ETHERNET, 0, 0, 6, frame.length,
                original, frame, 0));
        assertThat(p.anomalies()).isEmpty();
        assertThat(p.tunnels()).isEmpty();
        assertThat(p.fragment()).isFalse();
        assertThat(p.payloadCut()).isFalse();
        assertThat(p.ipVersion()).isEqualTo(4);
        assertThat(p.transport()).isEqualTo(Packet.Transport.UDP);
        assertThat(p.srcAddress()).isEqualTo(io.sipvista.bytes.IpText.v4(int4(reader.srcAddress()), 0));
        assertThat(p.dstAddress()).isEqualTo(io.sipvista.bytes.IpText.v4(int4(reader.dstAddress()), 0));
        assertThat(p.srcPort()).isEqualTo(reader.srcPort());
        assertThat(p.dstPort()).isEqualTo(reader.dstPort());
        assertThat(p.payloadOffset()).isEqualTo(reader.payloadOffset());
        assertThat(p.payloadLength()).isEqualTo(reader.payloadLength());
    }

    private static byte[] int4(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
