package io.sipvista.report;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Pins the {@code sipvista analyze} text of every capture in corpus/pcaps against
 * {@code src/test/resources/golden/analyze/<capture>.txt}, reviewed by hand (REVIEW.md beside them says what a
 * careful reading of each capture gives). When a change alters the analysis on purpose, regenerate with
 * {@code mvn -q -pl sipvista-core test -Dtest=CorpusAnalysisGoldenTest -Dsipvista.updateGolden=true} (add
 * {@code -Dsipvista.root=<repository>} when run from elsewhere), then review the diff and REVIEW.md.
 */
class CorpusAnalysisGoldenTest {
    /**
     * Captures whose analysis cannot be written yet, with the reason; each must still fail that way, so that the
     * entry is removed (and the golden generated) once the cause is fixed.
     */
    /** The repository root: {@code -Dsipvista.root}, else the nearest directory above this one with corpus/pcaps. */
    static Path root() {
        String prop = System.getProperty("sipvista.root");
        Path p = prop != null ? Paths.get(prop).toAbsolutePath() : Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus").resolve("pcaps"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with corpus/pcaps").isNotNull();
        return p;
    }

    static List<String> captures() throws IOException {
        try (Stream<Path> s = Files.list(root().resolve("corpus").resolve("pcaps"))) {
            return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    static CaptureAnalysis.Result analyse(String capture) throws IOException {
        try (CaptureReader reader = Captures.open(root().resolve("corpus").resolve("pcaps").resolve(capture))) {
            return CaptureAnalysis.run(reader, FrameLimits.DEFAULT);
        }
    }

    private static String text(String capture) throws IOException {
        StringWriter out = new StringWriter();
        AnalysisWriter.text(out, capture, analyse(capture));
        return out.toString();
    }

    private static Path golden(String capture) {
        return root().resolve("sipvista-core/src/test/resources/golden/analyze").resolve(capture + ".txt");
    }

    @ParameterizedTest
    @MethodSource("captures")
    void analysisTextMatchesItsReviewedGolden(String capture) throws IOException {
        String actual = text(capture);
        Path file = golden(capture);
        if (Boolean.getBoolean("sipvista.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        if (!Files.isRegularFile(file)) {
            fail("no golden analysis for " + capture + " at " + file + ": generate it with"
                    + " -Dsipvista.updateGolden=true, review it against the capture and add it to REVIEW.md");
        }
        assertThat(actual).as("analyze text of %s against %s", capture, file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Warnings and errors about answered calls that ended normally which are right all the same, per
     * "capture call-id finding-id"; REVIEW.md says more.
     */
    private static final Map<String, String> EXPECTED_ON_HEALTHY_CALLS = Map.of(
            "snort3_demo__SIP_Eyebeam2Eyebeam_Video_Audio.pcap call-1 ack.missing",
            "the 200 OK is retransmitted for 32 s and no ACK is captured; the callee's BYE comes at Timer H",
            "nDPI__FAX-Call-t38-CA-TDM-SIP-FB-1.pcap call-1 offer.not_acceptable",
            "the switch to T.38 fax is refused with 488 on both legs; the gateway falls back to G.711",
            "nDPI__FAX-Call-t38-CA-TDM-SIP-FB-1.pcap call-1 media.payload_type_not_negotiated",
            "after falling back to G.711 (answer in frame 176 lists only 8), the gateway sends 163 packets of payload"
                    + " type 13 (comfort noise) and 3 of 100 that the receiver never agreed to (tshark shows them too)",
            "snort3_demo__SIP_Eyebeam2Eyebeam_Video_Audio.pcap call-1 media.payload_type_not_negotiated",
            "4 packets of payload type 125 go to a receiver whose SDP (frame 10) lists 34, 115 and 126 only",
            "arkime__gtp-iphone.pcap call-1 media.loss",
            "each direction's sequence numbers advance by ~500 over 10 s but only 13-14 packets are captured (tshark"
                    + " counts the same loss): the capture holds a sample of the media",
            "wssamples__MagicJack-_short_call.pcap call-1 nat.private_media",
            "the SDP does carry a private address from behind NAT; only the RTP (not read by FindingDetector)"
                    + " shows the provider's relay latched onto the public address");

    /**
     * A call answered and ended by a BYE that got a 2xx is healthy: no finding about it is a warning or an error,
     * but for those listed in {@link #EXPECTED_ON_HEALTHY_CALLS}.
     */
    @Test
    void healthyCallsRaiseNoWarnings() throws IOException {
        List<String> raised = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int healthy = 0;
        for (String capture : captures()) {
            CaptureAnalysis.Result a = analyse(capture);
            for (io.sipvista.correlate.Call c : a.calls()) {
                if (!endedByAnAnsweredBye(a, c)) {
                    continue;
                }
                healthy++;
                for (io.sipvista.insight.Finding f : a.findings()) {
                    if (c.id().equals(f.callId()) && !f.severity().equals("info")) {
                        String key = capture + " " + c.id() + " " + f.id();
                        seen.add(key);
                        if (!EXPECTED_ON_HEALTHY_CALLS.containsKey(key)) {
                            raised.add(key + ": " + f.severity() + " " + f.text());
                        }
                    }
                }
            }
        }
        assertThat(healthy).as("answered calls ended by an answered BYE in the corpus").isGreaterThan(20);
        assertThat(raised).as("warnings and errors about healthy calls").isEmpty();
        assertThat(seen).as("listed exceptions still raised").containsAll(EXPECTED_ON_HEALTHY_CALLS.keySet());
    }

    private static boolean endedByAnAnsweredBye(CaptureAnalysis.Result a, io.sipvista.correlate.Call c) {
        if (c.outcome() != io.sipvista.correlate.CallOutcome.ANSWERED || c.hungUpBy() == null) {
            return false;
        }
        for (io.sipvista.correlate.Transaction t : a.correlation().transactions()) {
            if ("BYE".equals(t.method()) && t.requestFrames().contains(c.hungUpBy().frame())) {
                return t.finalStatus() >= 200 && t.finalStatus() < 300;
            }
        }
        return false;
    }

    @Test
    void everyGoldenBelongsToACaptureAndIsReviewed() throws IOException {
        List<String> captures = captures();
        assertThat(captures).hasSizeGreaterThan(30);
        Path dir = golden("x").getParent();
        String review = Files.readString(dir.resolve("REVIEW.md"), StandardCharsets.UTF_8);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path g : s.map(Path::getFileName).toList()) {
                String name = g.toString();
                if (name.equals("REVIEW.md")) {
                    continue;
                }
                assertThat(name).as("golden file name").endsWith(".txt");
                assertThat(captures).as("capture of golden " + name)
                        .contains(name.substring(0, name.length() - ".txt".length()));
            }
        }
        for (String c : captures) {
            assertThat(review).as("REVIEW.md names " + c).contains(c);
        }
    }
}
