package io.sipvista.frame;

import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.label.RtpHeader;
import io.sipvista.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MediaFastPath} takes a record only when {@link FrameDecoder} (as the analysis builds it) would make of it a
 * frame whose only content is that media packet, and then gives the media packet's fields.
 */
class MediaFastPathTest {
    private final MediaFastPath fast = new MediaFastPath();
    private final FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT, false);
    private long number;

    private CaptureRecord record(byte[] frame, int linkType) {
        number++;
        return new CaptureRecord(number, 0, linkType, 1_700_000_000L + number, 0, 6, frame.length, frame.length, frame, 0);
    }

    private CaptureRecord udp(int sport, int dport, byte[] payload) {
        return record(PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                PacketBuilder.udp4("10.0.0.1", sport, "192.0.2.7", dport, payload)), LinkType.ETHERNET);
    }

    private static byte[] rtcpSenderReport(long ssrc) {
        byte[] b = new byte[28];
        b[0] = (byte) 0x80;
        b[1] = (byte) 200;
        b[3] = 6;
        b[4] = (byte) (ssrc >> 24);
        b[5] = (byte) (ssrc >> 16);
        b[6] = (byte) (ssrc >> 8);
        b[7] = (byte) ssrc;
        return b;
    }

    @Test
    void rtpGivesItsHeaderFieldsAndEndpoints() {
        CaptureRecord r = udp(40_000, 20_002, PacketBuilder.rtp(8, 4711, 123_456L, 0xCAFEBABEL, true, new byte[160]));
        assertThat(fast.read(r)).isTrue();
        assertThat(fast.rtcp()).isFalse();
        assertThat(fast.sequence()).isEqualTo(4711);
        assertThat(fast.timestamp()).isEqualTo(123_456L);
        assertThat(fast.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(fast.payloadType()).isEqualTo(8);
        assertThat(fast.marker()).isTrue();
        assertThat(fast.offset()).isEqualTo(42);
        assertThat(fast.length()).isEqualTo(172);
        assertThat(fast.payloadOffset()).isEqualTo(54);
        assertThat(fast.payloadLength()).isEqualTo(160);
        assertThat(fast.data()).isSameAs(r.data());
        assertThat(fast.srcKey()).isEqualTo(MediaFastPath.endpointKey("10.0.0.1:40000"));
        assertThat(fast.dstKey()).isEqualTo(MediaFastPath.endpointKey("192.0.2.7:20002"));
        assertSameAsFrame(r);
    }

    @Test
    void rtcpGivesItsSender() {
        CaptureRecord r = udp(40_001, 20_003, rtcpSenderReport(0x12345678L));
        assertThat(fast.read(r)).isTrue();
        assertThat(fast.rtcp()).isTrue();
        assertThat(fast.ssrc()).isEqualTo(0x12345678L);
        assertThat(fast.offset()).isEqualTo(42);
        assertThat(fast.length()).isEqualTo(28);
        assertSameAsFrame(r);
    }

    @Test
    void rtpTheLabellerRefusesIsStillMedia() {
        CaptureRecord r = udp(900, 902, PacketBuilder.rtp(0, 1, 1, 1, false, new byte[160]));
        assertThat(fast.read(r)).isTrue();
        assertSameAsFrame(r);
    }

    @Test
    void sipIsDeclined() {
        byte[] sip = ("OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(fast.read(udp(5060, 5060, sip))).isFalse();
    }

    @Test
    void aKeepAliveIsDeclined() {
        assertThat(fast.read(udp(5060, 5060, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))).isFalse();
    }

    @Test
    void anotherProtocolsLabelIsDeclined() {
        byte[] stun = new byte[20];
        stun[1] = 1; // binding request
        stun[4] = 0x21;
        stun[5] = 0x12;
        stun[6] = (byte) 0xa4;
        stun[7] = 0x42;
        assertThat(fast.read(udp(40_000, 3478, stun))).isFalse();
    }

    @Test
    void neitherRtpNorRtcpIsDeclined() {
        assertThat(fast.read(udp(40_000, 40_002, new byte[] {0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))).isFalse();
        assertThat(fast.read(udp(40_000, 40_002, new byte[] {(byte) 0x80, 0, 0, 0}))).isFalse();
    }

    @Test
    void anRtpHeaderLongerThanTheDatagramIsDeclined() {
        byte[] rtp = PacketBuilder.rtp(0, 1, 1, 1, false, new byte[8]);
        rtp[0] = (byte) 0x8F; // 15 CSRCs: 72 bytes of header
        assertThat(fast.read(udp(40_000, 40_002, rtp))).isFalse();
    }

    @Test
    void anotherLinkTypeIsDeclined() {
        byte[] ip = PacketBuilder.udp4("10.0.0.1", 40_000, "192.0.2.7", 20_002,
                PacketBuilder.rtp(0, 1, 1, 1, false, new byte[160]));
        assertThat(fast.read(record(ip, LinkType.RAW))).isFalse();
    }

    @Test
    void ipv6IsDeclined() {
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV6, PacketBuilder.udp6("2001:db8::1", 40_000,
                "2001:db8::2", 20_002, PacketBuilder.rtp(0, 1, 1, 1, false, new byte[160])));
        assertThat(fast.read(record(frame, LinkType.ETHERNET))).isFalse();
    }

    @Test
    void tunnelPortsAreDeclined() {
        byte[] rtp = PacketBuilder.rtp(0, 1, 1, 1, false, new byte[160]);
        assertThat(fast.read(udp(2152, 40_000, rtp))).isFalse();
        assertThat(fast.read(udp(40_000, 4789, rtp))).isFalse();
    }

    @Test
    void endpointKeysAreTheCanonicalIpv4Texts() {
        assertThat(MediaFastPath.endpointKey("10.0.0.1:4000")).isEqualTo(0x0a000001L << 16 | 4000);
        assertThat(MediaFastPath.endpointKey("255.255.255.255:65535")).isEqualTo(0xffffffffL << 16 | 65535);
        assertThat(MediaFastPath.endpointKey("0.0.0.0:0")).isZero();
        for (String other : new String[] {"", "10.0.0.1", "10.0.0.1:", "010.0.0.1:4000", "10.0.0.1:04000",
                "256.0.0.1:1", "10.0.0.1:65536", "10.0.0:1", "10.0.0.1.1:1", "[::1]:4000", "10.0.0.1:4000x",
                "a.b.c.d:1", "1.2.3.4:1234567"}) {
            assertThat(MediaFastPath.endpointKey(other)).as(other).isEqualTo(-1);
        }
    }

    @Test
    void whateverItTakesIsTheFramesOnlyMediaPacket() {
        Random random = new Random(7);
        int[] ports = {53, 67, 123, 137, 161, 514, 1023, 1024, 1900, 2427, 3478, 5060, 5353, 20_000, 20_001, 40_000};
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] payload = switch (random.nextInt(4)) {
                case 0 -> PacketBuilder.rtp(random.nextInt(128), random.nextInt(65536), random.nextInt(),
                        random.nextInt(), random.nextBoolean(), new byte[random.nextInt(200)]);
                case 1 -> rtcpSenderReport(random.nextInt());
                case 2 -> ("INVITE sip:x SIP/2.0\r\n").getBytes(StandardCharsets.US_ASCII);
                default -> new byte[random.nextInt(40)];
            };
            for (int k = random.nextInt(4); k > 0 && payload.length > 0; k--) {
                int at = random.nextInt(Math.min(payload.length, 16));
                payload[at] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : payload[at] ^ (1 << random.nextInt(8)));
            }
            if (random.nextInt(3) == 0 && payload.length > 0) {
                payload[payload.length - 1] = (byte) random.nextInt(256); // the padding count
            }
            CaptureRecord r = udp(ports[random.nextInt(ports.length)], ports[random.nextInt(ports.length)], payload);
            if (fast.read(r)) {
                taken++;
                assertSameAsFrame(r);
            }
        }
        assertThat(taken).isGreaterThan(2000);
    }

    /** The frame of the record carries no SIP, and its media packet and endpoints are what the fast path read. */
    private void assertSameAsFrame(CaptureRecord r) {
        Frame f = decoder.decode(r);
        assertThat(f.sip()).isEmpty();
        assertThat(f.tunnels()).isEmpty();
        assertThat(MediaFastPath.endpointKey(f.src())).isEqualTo(fast.srcKey());
        assertThat(MediaFastPath.endpointKey(f.dst())).isEqualTo(fast.dstKey());
        MediaPacket m = f.media();
        assertThat(m).as("media of %s", f.label()).isNotNull();
        assertThat(m.rtcp()).isEqualTo(fast.rtcp());
        assertThat(m.data()).isSameAs(fast.data());
        assertThat(m.offset()).isEqualTo(fast.offset());
        assertThat(m.length()).isEqualTo(fast.length());
        assertThat(m.payloadOffset()).isEqualTo(fast.payloadOffset());
        assertThat(m.payloadLength()).isEqualTo(fast.payloadLength());
        if (m.rtcp()) {
            assertThat(m.rtcpSsrc()).isEqualTo(fast.ssrc());
        } else {
            RtpHeader h = m.header();
            assertThat(new long[] {h.sequence(), h.timestamp(), h.ssrc(), h.payloadType(), h.marker() ? 1 : 0})
                    .containsExactly(fast.sequence(), fast.timestamp(), fast.ssrc(), fast.payloadType(),
                            fast.marker() ? 1 : 0);
        }
        assertThat(Arrays.equals(r.data(), fast.data())).isTrue();
    }
}
