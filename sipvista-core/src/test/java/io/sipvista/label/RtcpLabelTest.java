package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtcpLabelTest {
    static ByteWriter sr(ByteWriter w, long ssrc, int blocks) {
        w.u8(0x80 | blocks).u8(200).u16((28 + 24 * blocks) / 4 - 1).u32(ssrc)
                .u32(0xe8a1b2c3L).u32(0x40000000L) // NTP timestamp
                .u32(160_000).u32(250).u32(40_000); // RTP ts, packets, octets
        return w;
    }

    static ByteWriter block(ByteWriter w, long ssrc, int fraction, int lost, long jitter) {
        return w.u32(ssrc).u8(fraction).u24(lost).u32(1000).u32(jitter).u32(0).u32(0);
    }

    static ByteWriter sdesCname(ByteWriter w, long ssrc, String cname) {
        int chunk = 4 + 2 + cname.length() + 1;
        int padded = (chunk + 3) / 4 * 4;
        w.u8(0x81).u8(202).u16(padded / 4).u32(ssrc).u8(1).u8(cname.length()).ascii(cname).zeros(padded - chunk + 1);
        return w;
    }

    private static Label udp(byte[] b) {
        return UdpPayloadClassifier.classify(b, 0, b.length, 40001, 20001);
    }

    @Test
    void senderReportWithSdesCompound() {
        ByteWriter w = sr(new ByteWriter(), 0x1a2b3c4dL, 1);
        block(w, 0x11223344L, 0, 0, 12);
        sdesCname(w, 0x1a2b3c4dL, "user@host");
        Label l = udp(w.build());
        assertThat(l.protocol()).isEqualTo("rtcp");
        assertThat(l.text()).isEqualTo("RTCP SR from SSRC 0x1a2b3c4d, 250 packets sent, 1 report block: lost 0 (0%), "
                + "jitter 12; SDES CNAME user@host");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void receiverReportWithTwoBlocksShowsLossPerSource() {
        ByteWriter w = new ByteWriter().u8(0x82).u8(201).u16((8 + 48) / 4 - 1).u32(0x0a0b0c0dL);
        block(w, 0x11111111L, 64, 5, 30);
        block(w, 0x22222222L, 0, 0xffffff, 7); // cumulative lost -1 (duplicates)
        sdesCname(w, 0x0a0b0c0dL, "a@b");
        Label l = udp(w.build());
        assertThat(l.text()).isEqualTo("RTCP RR from SSRC 0x0a0b0c0d, 2 report blocks: on 0x11111111 lost 5 (25%), "
                + "jitter 30 / on 0x22222222 lost -1 (0%), jitter 7; SDES CNAME a@b");
    }

    @Test
    void byeWithReason() {
        ByteWriter w = new ByteWriter().u8(0x80).u8(201).u16(1).u32(5);
        w.u8(0x81).u8(203).u16(3).u32(5).u8(6).ascii("hangup").u8(0);
        Label l = udp(w.build());
        assertThat(l.text()).isEqualTo("RTCP RR from SSRC 0x00000005, no report blocks; BYE from SSRC 0x00000005, "
                + "reason \"hangup\"");
    }

    @Test
    void pictureLossIndication() {
        ByteWriter w = new ByteWriter().u8(0x80).u8(201).u16(1).u32(5);
        w.u8(0x81).u8(206).u16(2).u32(5).u32(9);
        assertThat(udp(w.build()).text()).endsWith("; PSFB picture loss indication (PLI) from SSRC 0x00000005 "
                + "for 0x00000009");
    }

    @Test
    void genericNackNamesTheMissingSequence() {
        ByteWriter w = new ByteWriter().u8(0x81).u8(205).u16(3).u32(5).u32(9).u16(1234).u16(0x0003);
        assertThat(udp(w.build()).text()).isEqualTo("RTCP RTPFB generic NACK from SSRC 0x00000005 for 0x00000009: "
                + "missing seq 1234 (+2 more)");
    }

    @Test
    void extendedReportVoipMetrics() {
        ByteWriter w = new ByteWriter().u8(0x80).u8(207).u16(10).u32(0x77);
        w.u8(7).u8(0).u16(8).u32(0x88) // block header, source
                .u8(13).u8(0).u8(0).u8(0).u16(0).u16(0).u16(40).u16(20) // loss 13/256, discard, densities, durations, RTT, ESD
                .u8(0).u8(0).u8(0).u8(0).u8(93).u8(127).u8(42).u8(41) // levels, R 93, ext R n/a, MOS-LQ 4.2, MOS-CQ 4.1
                .u8(0).u8(0).u16(0).u16(0).u16(0);
        Label l = udp(w.build());
        assertThat(l.text()).isEqualTo("RTCP XR from SSRC 0x00000077: VoIP metrics (loss 5%, discard 0%, round trip "
                + "40 ms, R factor 93, MOS-LQ 4.2, MOS-CQ 4.1)");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void secondPacketRunningPastTheDatagramIsNamed() {
        ByteWriter w = new ByteWriter().u8(0x80).u8(201).u16(1).u32(5);
        w.u8(0x81).u8(202).u16(20).u32(5); // says 84 bytes, 8 present
        Label l = udp(w.build());
        assertThat(l.text()).isEqualTo("RTCP RR from SSRC 0x00000005, no report blocks");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.rtcp.truncated");
        assertThat(l.anomalies().get(0).detail()).isEqualTo("SDES at byte 8 says 84 bytes, 8 left");
    }

    @Test
    void firstReportCutShortIsStillNamed() {
        byte[] b = new ByteWriter().u8(0x81).u8(200).u16(12).u32(0xabcdef01L).zeros(8).build();
        Label l = udp(b);
        assertThat(l.text()).isEqualTo("RTCP SR from SSRC 0xabcdef01, cut short");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.rtcp.truncated");
    }

    @Test
    void reportCountLargerThanLengthIsAnAnomaly() {
        byte[] b = new ByteWriter().u8(0x83).u8(201).u16(1).u32(5).build(); // RC 3, no room
        Label l = udp(b);
        assertThat(l.text()).isEqualTo("RTCP RR from SSRC 0x00000005, no report blocks");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.rtcp.packet.invalid");
    }

    @Test
    void trailingBytesThatAreNotRtcp() {
        byte[] b = new ByteWriter().u8(0x80).u8(201).u16(1).u32(5).hex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10")
                .build();
        Label l = udp(b);
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.rtcp.trailing");
    }

    @Test
    void encryptedSrtcpShowsOnlyTheClearHeader() {
        ByteWriter w = new ByteWriter().u8(0x81).u8(200).u16(12).u32(0x1a2b3c4dL);
        w.hex("9f 3c 77 01 e2 d4 55 aa 01 10 ff ee 42 42 42 42 13 37 13 37 99 88 77 66 55 44 33 22 11 00 ab cd ef 01 23 45"
                + " 67 89 fe dc ba 98 76 54 32 10 0f 1e 2d 3c 4b 5a 69 78 87 96 a5 b4 c3 d2 e1 f0 0f"); // ciphertext
        w.u32(0x8000002aL); // E flag, index 42
        w.hex("01 02 03 04 05 06 07 08 09 0a"); // 80-bit tag
        Label l = udp(w.build());
        assertThat(l.protocol()).isEqualTo("rtcp");
        assertThat(l.text()).startsWith("SRTCP (encrypted) SR from SSRC 0x1a2b3c4d, index 42");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void rtcpNeedsUnprivilegedPorts() {
        ByteWriter w = sr(new ByteWriter(), 1, 0);
        byte[] b = w.build();
        assertThat(UdpPayloadClassifier.classify(b, 0, b.length, 500, 40001)).isNull();
    }

    @Test
    void rtpWithMarkerAndPayloadType77IsTakenAsRtcpFeedback() {
        // Byte 1 = 0x80|77 = 205: by RFC 5761 this is RTCP, not RTP.
        ByteWriter w = new ByteWriter().u8(0x81).u8(205).u16(2).u32(1).u32(2);
        assertThat(udp(w.build()).protocol()).isEqualTo("rtcp");
    }
}
