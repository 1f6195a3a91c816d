package io.sipvista.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code "series"} of each stream in the analysis JSON (docs/analysis-json.md). */
class AnalysisWriterSeriesTest {
    private static final long EPOCH = 1_700_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sdp(String ip, int port) {
        return "v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    }

    private static byte[] sip(String first, String toTag, String cseq, String body) {
        String text = first + "\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKseries" + cseq.replace(' ', '-')
                + "\r\nFrom: <sip:alice@10.0.0.1>;tag=a1\r\nTo: <sip:bob@10.0.0.2>" + toTag
                + "\r\nCall-ID: series-1\r\nCSeq: " + cseq + "\r\nContact: <sip:x@10.0.0.1:5060>\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: "
                + body.length() + "\r\n\r\n" + body;
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] rtp(int pt, int seq, long ts, long ssrc) {
        byte[] b = new byte[12 + (pt == 101 ? 4 : 160)];
        b[0] = (byte) 0x80;
        b[1] = (byte) pt;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            b[4 + i] = (byte) (ts >> (24 - 8 * i));
            b[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        if (pt == 101) {
            b[12] = 5;
            b[13] = 0x0A;
        }
        return b;
    }

    private record Rec(long ms, String src, int sport, String dst, int dport, byte[] payload) {
    }

    /**
     * A call whose caller sends 150 PCMU packets from 0.5 s (10 of them, due between 1.7 and 1.88 s, lost), then
     * 20 telephone-event packets from 3.6 s; the callee sends only RTCP receiver reports from an SSRC of its own.
     */
    private static byte[] capture() throws IOException {
        List<Rec> recs = new ArrayList<>();
        recs.add(new Rec(0, "10.0.0.1", 5060, "10.0.0.2", 5060,
                sip("INVITE sip:bob@10.0.0.2 SIP/2.0", "", "1 INVITE", sdp("10.0.0.1", 4000))));
        recs.add(new Rec(20, "10.0.0.2", 5060, "10.0.0.1", 5060,
                sip("SIP/2.0 200 OK", ";tag=b1", "1 INVITE", sdp("10.0.0.2", 6000))));
        recs.add(new Rec(25, "10.0.0.1", 5060, "10.0.0.2", 5060,
                sip("ACK sip:bob@10.0.0.2 SIP/2.0", ";tag=b1", "1 ACK", "")));
        for (int i = 0; i < 150; i++) {
            if (i < 60 || i >= 70) {
                recs.add(new Rec(500 + 20L * i, "10.0.0.1", 4000, "10.0.0.2", 6000, rtp(0, 1 + i, 160L * i, 0xA1)));
            }
        }
        for (int k = 0; k < 20; k++) {
            recs.add(new Rec(3_600 + 20L * k, "10.0.0.1", 4000, "10.0.0.2", 6000, rtp(101, 151 + k, 160L * 155, 0xA1)));
        }
        recs.add(new Rec(1_005, "10.0.0.2", 6001, "10.0.0.1", 4001,
                new byte[] {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, (byte) 0xB9}));
        recs.sort(java.util.Comparator.comparingLong(Rec::ms));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            for (Rec r : recs) {
                w.write(EPOCH + r.ms() / 1000, (int) (r.ms() % 1000) * 1_000_000, PacketBuilder.ethernet(
                        PacketBuilder.ETH_IPV4, PacketBuilder.udp4(r.src(), r.sport(), r.dst(), r.dport(), r.payload())));
            }
        }
        return out.toByteArray();
    }

    private static String json(byte[] capture) throws IOException {
        CaptureAnalysis.Result a;
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(capture), "series.pcap")) {
            a = CaptureAnalysis.run(reader, FrameLimits.DEFAULT);
        }
        StringWriter out = new StringWriter();
        AnalysisWriter.json(out, "series.pcap", a);
        return out.toString();
    }

    private static JsonNode stream(JsonNode doc, String src) {
        for (JsonNode s : doc.get("streams")) {
            if (s.get("src").asText().equals(src)) {
                return s;
            }
        }
        throw new AssertionError("no stream from " + src + " in " + doc.get("streams"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void anRtpStreamWritesItsSeriesAfterEveryOtherField() throws IOException {
        JsonNode s = stream(JSON.readTree(json(capture())), "10.0.0.1:4000");
        List<String> names = fields(s);
        assertThat(names.get(names.size() - 1)).isEqualTo("series");
        assertThat(names.get(names.size() - 2)).isEqualTo("problems");
        JsonNode series = s.get("series");
        assertThat(fields(series)).containsExactly("intervalMs", "packets", "lost", "jitterMaxMs");
        assertThat(series.get("intervalMs").asLong()).isEqualTo(1000);
        assertThat(series.get("packets").toString()).isEqualTo("[50,40,50,20]");
        assertThat(series.get("lost").toString()).isEqualTo("[0,10,0,0]");
        assertThat(s.get("packets").asLong()).isEqualTo(160);
        assertThat(s.get("lost").asLong()).isEqualTo(10);
    }

    @Test
    void anIntervalOfTelephoneEventsOnlyHasNullJitter() throws IOException {
        JsonNode jitter = stream(JSON.readTree(json(capture())), "10.0.0.1:4000").get("series").get("jitterMaxMs");
        assertThat(jitter).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(jitter.get(i).isNumber()).as("interval %d", i).isTrue();
        }
        assertThat(jitter.get(3).isNull()).isTrue();
    }

    @Test
    void anRtcpOnlyStreamWritesNullSeries() throws IOException {
        JsonNode s = stream(JSON.readTree(json(capture())), "10.0.0.2:6001");
        assertThat(s.get("protocol").asText()).isEqualTo("rtcp");
        assertThat(s.has("series")).isTrue();
        assertThat(s.get("series").isNull()).isTrue();
    }

    @Test
    void theSameCaptureGivesByteIdenticalJson() throws IOException {
        byte[] capture = capture();
        String first = json(capture);
        assertThat(first).contains("\"series\":{\"intervalMs\":1000,");
        assertThat(json(capture)).isEqualTo(first);
    }
}
