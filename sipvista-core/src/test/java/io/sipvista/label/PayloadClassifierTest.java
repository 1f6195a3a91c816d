package io.sipvista.label;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the two classifiers decline, and which test wins when several could apply. */
class PayloadClassifierTest {
    private static final byte[] INVITE = ByteWriter.text(
            "INVITE sip:bob@example.com SIP/2.0\r\n",
            "Via: SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bK776asdhds\r\n",
            "Max-Forwards: 70\r\nTo: Bob <sip:bob@example.com>\r\nFrom: Alice <sip:alice@example.com>;tag=1928301774\r\n",
            "Call-ID: a84b4c76e66710@pc33.example.com\r\nCSeq: 314159 INVITE\r\nContent-Length: 0\r\n\r\n");
    private static final byte[] OK = ByteWriter.text("SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n");

    private static Label udp(byte[] b, int src, int dst) {
        return UdpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    private static Label tcp(byte[] b, int src, int dst) {
        return TcpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    @Test
    void sipRequestIsNotClassifiedOnUdp() {
        assertThat(udp(INVITE, 5060, 5060)).isNull();
        assertThat(udp(INVITE, 40000, 40002)).isNull();
    }

    @Test
    void sipResponseIsNotClassifiedOnUdp() {
        assertThat(udp(OK, 5060, 5060)).isNull();
        assertThat(udp(OK, 16384, 16386)).isNull();
    }

    @Test
    void sipIsNotClassifiedOnTcp() {
        assertThat(tcp(INVITE, 40000, 5060)).isNull();
        assertThat(tcp(OK, 5060, 40000)).isNull();
    }

    @Test
    void plainSipTextOnPort5061IsNotCalledEncrypted() {
        assertThat(tcp(INVITE, 40000, 5061)).isNull();
    }

    @Test
    void emptyPayloadIsNothing() {
        assertThat(udp(new byte[0], 40000, 40002)).isNull();
        assertThat(tcp(new byte[0], 40000, 5061)).isNull();
    }

    @Test
    void arbitraryTextIsNothing() {
        byte[] t = ByteWriter.text("The quick brown fox jumps over the lazy dog");
        assertThat(udp(t, 40000, 40002)).isNull();
        assertThat(tcp(t, 40000, 8080)).isNull();
    }

    @Test
    void randomBinaryOnUnknownPortsIsNothing() {
        byte[] b = new ByteWriter().hex("17 42 99 fe 01 77 32 c8 00 00 ab cd ef 12 34 56").build();
        assertThat(udp(b, 40000, 40002)).isNull();
        assertThat(tcp(b, 40000, 40002)).isNull();
    }

    @Test
    void classifierHonoursOffsetAndLength() {
        byte[] rtp = RtpLabelTest.rtp(false, 0, 1, 160, 1, 160);
        byte[] frame = new ByteWriter().zeros(42).bytes(rtp).hex("de ad be ef").build();
        Label l = UdpPayloadClassifier.classify(frame, 42, rtp.length, 40000, 40002);
        assertThat(l.text()).isEqualTo("RTP PCMU, SSRC 0x00000001, seq 1, ts 160, 160 bytes payload");
    }

    @Test
    void wellKnownPortWinsOverRtpShape() {
        // An LLMNR query whose id starts with 0x80 has an RTP-like first byte.
        byte[] b = new ByteWriter().u16(0x8000).u16(0).u16(1).u16(0).u16(0).u16(0).dnsName("printer").u16(1).u16(1)
                .build();
        assertThat(udp(b, 50000, 5355).protocol()).isEqualTo("llmnr");
        assertThat(udp(b, 50000, 5355).text()).isEqualTo("LLMNR query A printer");
    }

    @Test
    void dhcpPortWithNonBootpBytesFallsThrough() {
        byte[] b = {0x55, 0x55, 0x55};
        assertThat(udp(b, 67, 68)).isNull();
    }

    /**
     * The media fast path's classification names the same protocol as the full one for any datagram: random ones
     * shaped like RTP and RTCP (version 2, packet types around 200-207, length fields that fit or not, SRTCP-like
     * tails) on media ports and on well-known ones.
     */
    @Test
    void classifyingForMediaNamesTheSameProtocolAsClassifying() {
        java.util.Random rnd = new java.util.Random(11);
        int[] ports = {5004, 5005, 16384, 16385, 40000, 3478, 53, 123, 1023};
        int rtcp = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[rnd.nextInt(80)];
            rnd.nextBytes(b);
            if (b.length >= 4 && rnd.nextInt(4) > 0) {
                b[0] = (byte) (0x80 | rnd.nextInt(32)); // version 2
                b[1] = (byte) (192 + rnd.nextInt(24)); // around the RTCP packet types (and RTP's with the marker)
                int words = rnd.nextBoolean() ? b.length / 4 - 1 : rnd.nextInt(24);
                b[2] = (byte) (words >> 8);
                b[3] = (byte) words;
            }
            int src = ports[rnd.nextInt(ports.length)];
            int dst = ports[rnd.nextInt(ports.length)];
            Label full = UdpPayloadClassifier.classify(b, 0, b.length, src, dst, false);
            Label media = UdpPayloadClassifier.classifyMedia(b, 0, b.length, src, dst);
            assertThat(media == null ? null : media.protocol()).as("datagram %d", i)
                    .isEqualTo(full == null ? null : full.protocol());
            if (full != null && "rtcp".equals(full.protocol())) {
                rtcp++;
                assertThat(media.text()).isEqualTo("RTCP");
            }
        }
        assertThat(rtcp).isGreaterThan(10_000); // the shapes above reach RTCP often, cut short or whole
    }
}
