package io.sipvista.analysis;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import io.sipvista.insight.InsightCatalog;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The insight line of RTP and RTCP frames: call, codec, sequence, and what is notable at that packet. */
class FrameInsightsMediaTest {
    /** SyntheticCalls' first call: caller 10.1.0.1 → callee 10.2.0.1, port 20000, SSRC 0x10000000, seq 1000... */
    private static final String CALLER = "10.1.0.1";
    private static final String CALLEE = "10.2.0.1";
    private static final long SSRC = 0x10000000L;
    private static final long END_SECONDS = 1_767_225_600L + 10; // well after the 1 s call's 50 packets

    private static byte[] udp(String src, int sport, String dst, int dport, byte[] payload) {
        return PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4(src, sport, dst, dport, payload));
    }

    private static byte[] rtp(int pt, int seq, boolean marker, long ssrc, int payload) {
        return PacketBuilder.rtp(pt, seq, 160L * seq, ssrc, marker, new byte[payload]);
    }

    private static byte[] senderReport(long ssrc) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt((int) ssrc);
        b.putLong(0).putInt(0).putInt(50).putInt(8000);
        return b.array();
    }

    /** One answered call with 1 s of RTP, then crafted packets after it, each with the insight it should get. */
    private static Map<Long, String> insights() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(new SyntheticCalls.Options(1, 1, 1, 0, 0, false, 1, true), w);
            int nanos = 0;
            for (byte[] frame : List.of(
                    udp(CALLER, 20000, CALLEE, 20000, rtp(0, 1052, false, SSRC, 160)), // 1050, 1051 missing
                    udp(CALLER, 20000, CALLEE, 20000, rtp(0, 1052, false, SSRC, 160)), // duplicate
                    udp(CALLER, 20000, CALLEE, 20000, rtp(0, 1051, false, SSRC, 160)), // late
                    udp(CALLER, 20000, CALLEE, 20000, rtp(0, 1053, true, SSRC, 160)), // talkspurt
                    udp(CALLER, 20000, CALLEE, 20000, rtp(101, 1054, true, SSRC, 4)), // DTMF event start
                    udp(CALLER, 20001, CALLEE, 20001, senderReport(SSRC)), // RTCP on port + 1
                    udp("10.9.9.9", 30000, "10.9.9.8", 30002, rtp(8, 7, true, 0xABCDL, 160)), // no SDP
                    udp("10.9.9.9", 30000, "10.9.9.8", 30002, rtp(8, 8, false, 0xABCDL, 160)),
                    udp("10.9.9.9", 30000, "10.9.9.8", 30002, rtp(8, 11, false, 0xABCDL, 160)))) {
                w.write(END_SECONDS, nanos, frame);
                nanos += 20_000_000;
            }
        }
        CaptureAnalysis.Result analysis;
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(bytes.toByteArray()), "media")) {
            analysis = CaptureAnalysis.run(r, FrameLimits.DEFAULT);
        }
        FrameInsights insights = FrameInsights.of(analysis);
        Map<Long, String> out = new LinkedHashMap<>();
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(bytes.toByteArray()), "media")) {
            for (CaptureRecord c = r.next(); c != null; c = r.next()) {
                Frame f = decoder.decode(c);
                String line = insights.media(f);
                if (line != null) {
                    out.put(f.number(), line);
                }
            }
        }
        return out;
    }

    @Test
    void eachPacketSaysItsCallCodecSequenceAndWhatIsNotable() throws IOException {
        List<String> lines = new ArrayList<>(insights().values());
        assertThat(lines).contains(
                "first packet of a PCMU/8000 stream of call-1 (SSRC 0x10000000), seq 1000",
                "PCMU/8000 of call-1, seq 1001",
                "PCMU/8000 of call-1, seq 1052: 2 packet(s) missing before this one",
                "PCMU/8000 of call-1, seq 1052: the same sequence number again",
                "PCMU/8000 of call-1, seq 1051: late, after a packet with a higher number",
                "PCMU/8000 of call-1, seq 1053: marker set (a talkspurt starts)",
                "telephone-event/8000 of call-1, seq 1054: a new event starts (RFC 4733 marker)",
                "RTCP sender report of call-1 from SSRC 0x10000000",
                "first packet of a PCMA/8000 stream no SDP in the capture announced (SSRC 0x0000ABCD), seq 7",
                "PCMA/8000, seq 8: RTP no SDP in the capture announced",
                "PCMA/8000, seq 11 (no SDP announced it): 2 packet(s) missing before this one");
        // both directions of the call's RTP get a line; SIP frames get none from here
        assertThat(lines.stream().filter(l -> l.contains("of call-1")).count()).isGreaterThan(100);
    }

    @Test
    void everyMediaEntryOfTheCatalogIsUsedHere() throws IOException {
        List<String> lines = new ArrayList<>(insights().values());
        for (Map.Entry<String, InsightCatalog.Entry> e : InsightCatalog.standard().entries().entrySet()) {
            if (e.getKey().startsWith("rtp.") || e.getKey().startsWith("rtcp.")) {
                String fixed = e.getValue().template().replaceAll("\\{[a-z-]+\\}.*", "");
                assertThat(lines).as("a line from %s", e.getKey()).anyMatch(l -> l.startsWith(fixed));
            }
        }
    }

    @Test
    void noInsightWithoutTheAnalysis() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            w.write(END_SECONDS, 0, udp(CALLER, 20000, CALLEE, 20000, rtp(0, 1, true, SSRC, 160)));
        }
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(bytes.toByteArray()), "one")) {
            Frame f = new FrameDecoder(FrameLimits.DEFAULT).decode(r.next());
            assertThat(f.media()).isNotNull();
            assertThat(FrameInsights.NONE.media(f)).isNull();
        }
    }
}
