package io.sipvista.frame;

import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.testkit.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which UDP frames carry a {@link MediaPacket} for the analysis, and what it says. */
class MediaPacketTest {
    private final FrameDecoder decoder = new FrameDecoder();
    private long number;

    private Frame udp(int sport, int dport, byte[] payload) {
        number++;
        byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                PacketBuilder.udp4("10.0.0.1", sport, "10.0.0.2", dport, payload));
        return decoder.decode(new CaptureRecord(number, 0, LinkType.ETHERNET, 1_000_000 + number, 0, 6,
                frame.length, frame.length, frame, 0));
    }

    private static byte[] rtp(int pt, int seq, long ssrc, int payload) {
        byte[] b = new byte[12 + payload];
        b[0] = (byte) 0x80;
        b[1] = (byte) pt;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        b[8] = (byte) (ssrc >> 24);
        b[9] = (byte) (ssrc >> 16);
        b[10] = (byte) (ssrc >> 8);
        b[11] = (byte) ssrc;
        return b;
    }

    @Test
    void rtpTheLabellerTakesCarriesItsHeader() {
        Frame f = udp(20_000, 30_000, rtp(0, 4711, 0xCAFEBABEL, 160));
        assertThat(f.protocol()).isEqualTo("rtp");
        MediaPacket m = f.media();
        assertThat(m).isNotNull();
        assertThat(m.rtcp()).isFalse();
        assertThat(m.labelled()).isTrue();
        assertThat(m.header().sequence()).isEqualTo(4711);
        assertThat(m.header().ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(m.payloadLength()).isEqualTo(160);
        assertThat(m.data()[m.payloadOffset() - 1]).isEqualTo((byte) 0xBE);
    }

    @Test
    void rtpOnPortsTheHeuristicRefusesIsStillOffered() {
        Frame f = udp(900, 902, rtp(0, 1, 1, 160));
        assertThat(f.protocol()).isNotEqualTo("rtp");
        assertThat(f.media()).isNotNull();
        assertThat(f.media().labelled()).isFalse();
    }

    @Test
    void rtcpIsToldApartBySecondByte() {
        byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 0x11, 0x22, 0x33, 0x44};
        Frame f = udp(20_001, 30_001, rr);
        assertThat(f.media()).isNotNull();
        assertThat(f.media().rtcp()).isTrue();
        assertThat(f.media().rtcpType()).isEqualTo(201);
        assertThat(f.media().rtcpSsrc()).isEqualTo(0x11223344L);
        assertThat(f.media().header()).isNull();
    }

    @Test
    void sipAndOtherProtocolsCarryNone() {
        byte[] options = ("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(udp(5060, 5060, options).media()).isNull();
        byte[] dnsQuery = {0x12, 0x34, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1};
        assertThat(udp(40_000, 53, dnsQuery).media()).isNull();
    }

    @Test
    void bytesThatAreNotVersionTwoCarryNone() {
        byte[] b = rtp(0, 1, 1, 160);
        b[0] = 0x40;
        assertThat(udp(20_000, 30_000, b).media()).isNull();
        assertThat(udp(20_000, 30_000, new byte[] {(byte) 0x80, 0, 0}).media()).isNull();
    }
}
