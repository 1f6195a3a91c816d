package io.sipvista.label;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RtpLabelTest {
    /** V=2, no padding/extension/CSRC, marker as given, PT, seq, ts, SSRC, then payload. */
    static byte[] rtp(boolean marker, int pt, int seq, long ts, long ssrc, int payload) {
        return new ByteWriter().u8(0x80).u8((marker ? 0x80 : 0) | pt).u16(seq).u32(ts).u32(ssrc).zeros(payload).build();
    }

    private static Label udp(byte[] b, int src, int dst) {
        return UdpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    @Test
    void pcmuPacketIsNamedWithItsFields() {
        Label l = udp(rtp(false, 0, 1234, 160, 0x1a2b3c4dL, 160), 40000, 20000);
        assertThat(l.protocol()).isEqualTo("rtp");
        assertThat(l.text()).isEqualTo("RTP PCMU, SSRC 0x1a2b3c4d, seq 1234, ts 160, 160 bytes payload");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void markerBitIsMentioned() {
        Label l = udp(rtp(true, 8, 1, 0, 1, 160), 40000, 20000);
        assertThat(l.text()).isEqualTo("RTP PCMA, SSRC 0x00000001, seq 1, ts 0, 160 bytes payload, marker");
    }

    @Test
    void dynamicPayloadTypeIsCalledHeuristic() {
        Label l = udp(rtp(false, 96, 7, 3000, 0xdeadbeefL, 120), 30000, 30002);
        assertThat(l.text()).isEqualTo("RTP (heuristic) dynamic PT 96, SSRC 0xdeadbeef, seq 7, ts 3000, 120 bytes payload");
    }

    @Test
    void telephoneEventDigitFiveEnd() {
        byte[] b = new ByteWriter().u8(0x80).u8(101).u16(1234).u32(8000).u32(0x1a2b3c4dL)
                .u8(5).u8(0x80 | 10).u16(800).build();
        Label l = udp(b, 16384, 16386);
        assertThat(l.protocol()).isEqualTo("rtp");
        assertThat(l.text()).isEqualTo("RTP telephone-event (dynamic PT 101?): digit 5, end, duration 800, "
                + "volume -10 dBm0, SSRC 0x1a2b3c4d, seq 1234");
    }

    @Test
    void telephoneEventStarAndHashAndLetters() {
        assertThat(RtpLabeler.telephoneEvent(new ByteWriter().u8(10).u8(0).u16(160).build(), 0, 4))
                .isEqualTo("digit *, duration 160, volume 0 dBm0");
        assertThat(RtpLabeler.telephoneEvent(new ByteWriter().u8(11).u8(0).u16(1).build(), 0, 4)).startsWith("digit #");
        assertThat(RtpLabeler.telephoneEvent(new ByteWriter().u8(15).u8(0).u16(1).build(), 0, 4)).startsWith("digit D");
        assertThat(RtpLabeler.telephoneEvent(new ByteWriter().u8(16).u8(0).u16(1).build(), 0, 4)).startsWith("flash");
    }

    @Test
    void faxAnswerToneEventOfRfc4734() {
        // As a media gateway sends it before switching to T.38 (PT 102, event 32 = ANS/CED).
        byte[] b = new ByteWriter().hex("80 e6 00 65 67 cf 51 91 0e af 0e af").hex("20 00 03 73").build();
        assertThat(udp(b, 15580, 16756).text()).isEqualTo("RTP telephone-event (dynamic PT 102?): fax/modem answer tone "
                + "ANS (CED), duration 883, volume 0 dBm0, SSRC 0x0eaf0eaf, seq 101, marker");
    }

    @Test
    void unassignedEventCodeIsNotTelephoneEvent() {
        assertThat(RtpLabeler.telephoneEvent(new ByteWriter().u8(20).u8(0).u16(1).build(), 0, 4)).isNull();
        assertThat(RtpLabeler.telephoneEvent(new ByteWriter().u8(194).u8(0x80).u16(0).build(), 0, 4)).isNull();
    }

    @Test
    void oneBytePayloadIsSingular() {
        assertThat(udp(rtp(false, 13, 5, 800, 7, 1), 40000, 40002).text())
                .isEqualTo("RTP CN, SSRC 0x00000007, seq 5, ts 800, 1 byte payload");
    }

    @Test
    void dynamicPayloadOfWrongShapeIsNotTelephoneEvent() {
        byte[] five = new ByteWriter().u8(0x80).u8(101).u16(1).u32(1).u32(1).u8(5).u8(0x80).u16(800).u8(0).build();
        assertThat(udp(five, 16384, 16386).text()).startsWith("RTP (heuristic) dynamic PT 101");
        byte[] bigEvent = new ByteWriter().u8(0x80).u8(101).u16(1).u32(1).u32(1).u8(200).u8(0x80).u16(800).build();
        assertThat(udp(bigEvent, 16384, 16386).text()).startsWith("RTP (heuristic)");
    }

    @Test
    void payloadTypesThatCollideWithRtcpAreNotRtp() {
        for (int pt = 72; pt <= 76; pt++) {
            assertThat(RtpLabeler.label(rtp(false, pt, 1, 1, 1, 20), 0, 32, 40000, 40002)).as("PT " + pt).isNull();
        }
    }

    @Test
    void unassignedStaticPayloadTypeIsNotRtp() {
        assertThat(RtpLabeler.label(rtp(false, 50, 1, 1, 1, 20), 0, 32, 40000, 40002)).isNull();
    }

    @Test
    void privilegedPortIsNotRtp() {
        assertThat(udp(rtp(false, 0, 1, 1, 1, 160), 80, 40000)).isNull();
    }

    @Test
    void dynamicTypeBetweenOddPortsIsNotRtp() {
        assertThat(RtpLabeler.label(rtp(false, 96, 1, 1, 1, 20), 0, 32, 40001, 40003)).isNull();
        assertThat(RtpLabeler.label(rtp(false, 0, 1, 1, 1, 20), 0, 32, 40001, 40003)).isNotNull();
    }

    @Test
    void textPayloadIsNotRtp() {
        byte[] text = "hello, this is plain text over UDP\r\n".getBytes();
        assertThat(udp(text, 40000, 40002)).isNull();
        assertThat(RtpHeader.parse(text, 0, text.length)).isEmpty();
    }

    @Test
    void csrcListLongerThanPacketIsNotRtp() {
        byte[] b = new ByteWriter().u8(0x8f).u8(0).u16(1).u32(1).u32(1).zeros(20).build();
        assertThat(RtpHeader.parse(b, 0, b.length)).isEmpty();
    }

    @Test
    void paddingLargerThanPayloadIsNotRtp() {
        byte[] b = new ByteWriter().u8(0xa0).u8(0).u16(1).u32(1).u32(1).zeros(3).u8(50).build();
        assertThat(RtpHeader.parse(b, 0, b.length)).isEmpty();
    }

    @Test
    void zeroPaddingCountIsNotRtp() {
        byte[] b = new ByteWriter().u8(0xa0).u8(0).u16(1).u32(1).u32(1).zeros(4).build();
        assertThat(RtpHeader.parse(b, 0, b.length)).isEmpty();
    }

    @Test
    void headerWithCsrcExtensionAndPaddingIsMeasured() {
        byte[] b = new ByteWriter().u8(0xb1).u8(0x80 | 18).u16(65535).u32(0xffffffffL).u32(0x01020304L)
                .u32(0xaaaaaaaaL) // one CSRC
                .u16(0xbede).u16(1).u32(0) // extension of one word
                .zeros(20).zeros(3).u8(4) // 20 payload bytes, 4 padding bytes
                .build();
        Optional<RtpHeader> h = RtpHeader.parse(b, 0, b.length);
        assertThat(h).contains(new RtpHeader(2, true, true, 1, true, 18, 65535, 0xffffffffL, 0x01020304L, 24, 20));
    }

    @Test
    void extensionRunningPastPacketIsNotRtp() {
        byte[] b = new ByteWriter().u8(0x90).u8(0).u16(1).u32(1).u32(1).u16(0xbede).u16(100).zeros(8).build();
        assertThat(RtpHeader.parse(b, 0, b.length)).isEmpty();
    }

    @Test
    void parseHonoursOffsetAndLength() {
        byte[] inner = rtp(false, 0, 9, 9, 9, 10);
        byte[] b = new ByteWriter().zeros(5).bytes(inner).zeros(7).build();
        assertThat(RtpHeader.parse(b, 5, inner.length)).map(RtpHeader::payloadLength).contains(10);
        assertThat(RtpHeader.parse(b, 5, 11)).isEmpty();
    }

    @Test
    void payloadTypeTable() {
        assertThat(RtpPayloadTypes.name(0)).isEqualTo("PCMU");
        assertThat(RtpPayloadTypes.clockRate(0)).isEqualTo(8000);
        assertThat(RtpPayloadTypes.rtpmap(0)).isEqualTo("PCMU/8000");
        assertThat(RtpPayloadTypes.name(9)).isEqualTo("G722");
        assertThat(RtpPayloadTypes.clockRate(9)).isEqualTo(8000);
        assertThat(RtpPayloadTypes.rtpmap(10)).isEqualTo("L16/44100/2");
        assertThat(RtpPayloadTypes.name(18)).isEqualTo("G729");
        assertThat(RtpPayloadTypes.clockRate(31)).isEqualTo(90000);
        assertThat(RtpPayloadTypes.name(101)).isEqualTo("dynamic");
        assertThat(RtpPayloadTypes.clockRate(101)).isZero();
        assertThat(RtpPayloadTypes.name(73)).isEqualTo("reserved");
        assertThat(RtpPayloadTypes.name(50)).isEqualTo("unassigned");
        assertThat(RtpPayloadTypes.name(-1)).isEqualTo("invalid");
        assertThat(RtpPayloadTypes.name(128)).isEqualTo("invalid");
        assertThat(RtpPayloadTypes.rtpmap(96)).isNull();
    }
}
