package io.sipvista.sip.sdp;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDP bodies of healthy real calls in the corpus give no anomaly at all: absence of findings on clean traffic
 * is as much a property as their presence on damaged traffic.
 *
 * <p>The bodies are cut out of each captured frame with a deliberately simple scan (blank line then {@code v=0},
 * length from Content-Length), which is enough for these UDP captures where every SIP message fits one frame.
 * The expected counts are the SDP bodies TShark 4.0.17 decodes in each file (one exception, noted).
 */
class SdpCorpusTest {
    private static final Map<String, Integer> CLEAN = Map.ofEntries(
            Map.entry("sngrep__aaa.pcap", 12),
            Map.entry("wssamples__SIP_DTMF2.cap", 4),
            Map.entry("wssamples__MagicJack-_short_call.pcap", 4),
            Map.entry("wssamples__sip-rtp-g711.pcap", 4),
            Map.entry("wssamples__sip-rtp-g726.pcap", 16),
            Map.entry("wssamples__sip-rtp-opus-hybrid.pcap", 2),
            Map.entry("wssamples__h223-over-rtp.pcap", 3),
            Map.entry("wssamples__nb6-telephone.pcap", 3),
            Map.entry("heplify__erspan_sip_ipv4_udp.pcapng", 36),
            Map.entry("heplify__sip_ipv6_udp.pcap", 2), // tshark: 1; its 200 OK has SDP but no Content-Type
            Map.entry("snort3_demo__SIP_Eyebeam2Eyebeam_Video_Audio.pcap", 12),
            Map.entry("suricata-verify__public-cloudshark-sip-s0.pcap", 3));

    static Path corpus() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus/pcaps"))) {
            p = p.getParent();
        }
        assertThat(p).as("corpus/pcaps above the working directory").isNotNull();
        return p.resolve("corpus/pcaps");
    }

    @Test
    void healthyCallsGiveNoSdpAnomaly() throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : new TreeMap<>(CLEAN).keySet()) {
            int n = 0;
            try (CaptureReader r = Captures.open(corpus().resolve(name))) {
                for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
                    for (int[] body : bodies(rec.data())) {
                        Sdp s = SdpParser.parse(rec.data(), body[0], body[1]);
                        n++;
                        for (var a : s.anomalies()) {
                            problems.add(name + " frame " + rec.number() + ": " + a.id() + " " + a.detail());
                        }
                        assertThat(s.media()).as("%s frame %d", name, rec.number()).isNotEmpty();
                        assertThat(s.origin()).isNotNull();
                    }
                }
            }
            found.put(name, n);
        }
        assertThat(problems).isEmpty();
        assertThat(found).isEqualTo(CLEAN);
    }

    /** (offset, length) of each SDP body in a frame: after a blank line, starting v=0, sized by Content-Length. */
    private static List<int[]> bodies(byte[] b) {
        List<int[]> out = new ArrayList<>();
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String lower = s.toLowerCase(Locale.ROOT);
        int from = 0;
        int at;
        while ((at = s.indexOf("\r\n\r\nv=0", from)) >= 0) {
            from = at + 4;
            int cl = Math.max(lower.lastIndexOf("\ncontent-length:", at), lower.lastIndexOf("\nl:", at));
            if (cl < 0) {
                continue;
            }
            int colon = s.indexOf(':', cl);
            int eol = s.indexOf("\r\n", colon);
            String digits = s.substring(colon + 1, eol).strip();
            if (!digits.matches("\\d{1,6}")) {
                continue;
            }
            int len = Integer.parseInt(digits);
            if (from + len <= b.length) {
                out.add(new int[] {from, len});
            }
        }
        return out;
    }
}
