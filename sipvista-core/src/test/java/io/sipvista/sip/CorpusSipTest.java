package io.sipvista.sip;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real captures from the corpus: every SIP message carried in a plain UDP datagram is recognised, framed and read
 * as TShark read it (method or status, Call-ID, CSeq), and a capture of healthy traffic gives no anomaly.
 */
class CorpusSipTest {
    /** frame|method|status|Call-ID|CSeq for every SIP message found in the capture's UDP datagrams. */
    private static List<String> decode(String capture, List<String> anomalies) throws IOException {
        List<String> rows = new ArrayList<>();
        for (CorpusDatagrams.Datagram d : CorpusDatagrams.udp(capture)) {
            byte[] b = d.payload();
            if (!SipDetector.looksLikeSip(b, 0, b.length)) {
                continue;
            }
            SipDatagramFramer.Result r = SipDatagramFramer.frame(b, 0, b.length);
            r.anomalies().forEach(a -> anomalies.add(d.frame() + " " + a));
            for (SipDatagramFramer.Slice s : r.messages()) {
                SipMessage m = SipParser.parse(b, s.offset(), s.length());
                m.anomalies().forEach(a -> anomalies.add(d.frame() + " " + a));
                rows.add(d.frame() + "|" + (m.isRequest() ? m.method() : "") + "|"
                        + (m.isResponse() ? String.valueOf(m.status()) : "") + "|" + m.callId() + "|"
                        + (m.cseq() == null ? null : m.cseq().toString()));
            }
        }
        return rows;
    }

    /** TShark's rows for the frames that carry UDP datagrams this test can see. */
    private static List<String> expected(String capture, Set<Integer> frames) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(CorpusDatagrams.corpus().resolve("expected")
                .resolve(capture + ".tshark.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            int frame = Integer.parseInt(f[0]);
            if (frames.contains(frame)) {
                rows.add(frame + "|" + f[6] + "|" + f[7] + "|" + f[8] + "|" + f[9]);
            }
        }
        return rows;
    }

    private static Set<Integer> udpFrames(String capture) throws IOException {
        Set<Integer> frames = new TreeSet<>();
        CorpusDatagrams.udp(capture).forEach(d -> frames.add(d.frame()));
        return frames;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sngrep__aaa.pcap",
        "wssamples__SIP_DTMF2.cap",
        "wssamples__MagicJack-_short_call.pcap",
        "wssamples__sip-rtp-g711.pcap",
        "wssamples__sip-rtp-g726.pcap",
        "wssamples__sip-rtp-opus-hybrid.pcap",
        "wssamples__h223-over-rtp.pcap",
        "wssamples__nb6-telephone.pcap",
        "wssamples__metasploit-sip-invite-spoof.pcap",
        "heplify__rtp_rtcp_sip_ipv4_udp.pcap",
        "heplify__ipip0.pcap",
        "nDPI__FAX-Call-t38-CA-TDM-SIP-FB-1.pcap",
        "snort3_demo__SIP_Eyebeam2Eyebeam_Video_Audio.pcap",
        "suricata-verify__public-cloudshark-sip-s0.pcap",
        "PcapPlusPlus__sip_resp.pcap",
    })
    void healthyCapturesReadAsTsharkReadsThemWithoutAnomalies(String capture) throws IOException {
        List<String> anomalies = new ArrayList<>();
        List<String> rows = decode(capture, anomalies);
        assertThat(rows).isNotEmpty();
        assertThat(rows).isEqualTo(expected(capture, udpFrames(capture)));
        assertThat(anomalies).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeek__invalid-content-length.pcap", "suricata-verify__sip_compact_form.pcap",
        "suricata-verify__sip_header_multi_val.pcap", "heplify__sip_ipv6_udp.pcap", "PcapPlusPlus__sip_reqs.pcap"})
    void damagedCapturesAreReadAndFlagged(String capture) throws IOException {
        List<String> anomalies = new ArrayList<>();
        List<String> rows = decode(capture, anomalies);
        assertThat(rows).isEqualTo(expected(capture, udpFrames(capture)));
        assertThat(anomalies).isNotEmpty();
    }

    /**
     * TCP streams put in order the simplest way (new bytes appended, retransmitted bytes dropped, a hole reset) and
     * framed: each message is reported at the frame of its last byte, as TShark reports a reassembled message.
     */
    @ParameterizedTest
    @ValueSource(strings = {"heplify__sip_ipv4_tcp_fragmented.pcap", "heplify__sip_ipv4_tcp_retrans.pcap",
        "suricata-verify__sip-tcp.pcap", "suricata-verify__sip-body-large.pcap"})
    void tcpStreamsFrameAsTsharkDoes(String capture) throws IOException {
        Map<String, SipStreamFramer> framers = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        List<String> rows = new ArrayList<>();
        List<String> anomalies = new ArrayList<>();
        for (CorpusDatagrams.Segment seg : CorpusDatagrams.tcp(capture)) {
            byte[] b = seg.payload();
            if (b.length == 0) {
                continue;
            }
            if (!framers.containsKey(seg.flow()) && !SipDetector.looksLikeSip(b, 0, b.length)) {
                continue; // a flow is SIP when its first bytes are (the capture also holds TLS)
            }
            SipStreamFramer f = framers.computeIfAbsent(seg.flow(), k -> new SipStreamFramer(SipLimits.DEFAULT));
            long expect = next.getOrDefault(seg.flow(), seg.seq());
            int diff = (int) (seg.seq() - expect);
            int skip = 0;
            if (diff > 0) {
                f.reset("hole of " + diff + " bytes").forEach(a -> anomalies.add(seg.frame() + " " + a));
            } else if (diff < 0) {
                skip = Math.min(-diff, b.length); // bytes already fed
            }
            next.put(seg.flow(), (seg.seq() + b.length) & 0xffffffffL);
            if (diff < 0 && skip == b.length) {
                next.put(seg.flow(), expect);
                continue;
            }
            for (FramedMessage m : f.feed(b, skip, b.length - skip, seg.frame())) {
                m.anomalies().forEach(a -> anomalies.add(seg.frame() + " " + a));
                SipMessage msg = m.parse();
                msg.anomalies().forEach(a -> anomalies.add(seg.frame() + " " + a));
                rows.add(m.lastTag() + "|" + (msg.isRequest() ? msg.method() : "") + "|"
                        + (msg.isResponse() ? String.valueOf(msg.status()) : "") + "|" + msg.callId() + "|"
                        + (msg.cseq() == null ? null : msg.cseq().toString()));
            }
        }
        framers.values().forEach(f -> f.flush().forEach(a -> anomalies.add("end " + a)));
        assertThat(rows).isNotEmpty();
        // every row TShark gives for a TCP frame (a proxy's UDP legs in the same capture are not this test's)
        Set<Integer> tcpFrames = new TreeSet<>();
        CorpusDatagrams.tcp(capture).forEach(seg -> tcpFrames.add(seg.frame()));
        assertThat(rows).isEqualTo(expected(capture, tcpFrames));
        assertThat(anomalies).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nDPI__fuzz-2006-06-26-2594.pcap"})
    void fuzzedCaptureNeverThrows(String capture) throws IOException {
        List<String> anomalies = new ArrayList<>();
        assertThat(decode(capture, anomalies)).isNotEmpty();
        assertThat(anomalies).isNotEmpty();
    }
}
