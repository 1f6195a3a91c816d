package io.sipvista.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code calls} and {@code flow} on the rebuilt seed capture, as a user runs them. */
class CallsAndFlowTest {
    @TempDir
    Path dir;

    private Path seed() throws IOException {
        Path p = dir.resolve("sip-register-and-call.pcap");
        Files.write(p, SeedCapture.bytes());
        return p;
    }

    @Test
    void theSeedIsOneAnsweredCallAcrossTheB2bua() throws IOException {
        MainTest.Run r = MainTest.run("calls", seed().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1 call\n")
                .contains("call-1  2010-06-17T13:00:03.224417Z  4505656010 → 4182618006  ANSWERED 200  PCMU/8000")
                .contains("hung up by the callee (192.168.9.205:5060, frame 71)")
                .contains("leg 6e656a5f-be5dcbdd-8e03cee@192.168.9.212: 192.168.9.212:5060 → 192.168.13.180:5060, frame 27");
    }

    @Test
    void callsAsJson() throws IOException {
        MainTest.Run r = MainTest.run("calls", "--format", "json", seed().toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("sipvista.analysis/1");
        JsonNode call = doc.at("/calls/0");
        assertThat(call.get("id").asText()).isEqualTo("call-1");
        assertThat(call.get("outcome").asText()).isEqualTo("answered");
        assertThat(call.get("status").asInt()).isEqualTo(200);
        assertThat(call.get("codec").asText()).isEqualTo("PCMU/8000");
        assertThat(call.at("/from/user").asText()).isEqualTo("4505656010");
        assertThat(call.at("/to/user").asText()).isEqualTo("4182618006");
        assertThat(call.get("legs").size()).isGreaterThanOrEqualTo(2);
        assertThat(call.get("callIds").toString()).contains("6e656a5f-be5dcbdd-8e03cee@192.168.9.212");
        assertThat(call.get("talkTimeMs").asLong()).isPositive();
        assertThat(call.at("/hungUpBy/side").asText()).isEqualTo("callee");
        String again = MainTest.run("calls", "--format", "json", seed().toString()).out();
        assertThat(again).isEqualTo(r.out());
    }

    @Test
    void flowAsTextMermaidAndSvg() throws Exception {
        Path seed = seed();
        MainTest.Run text = MainTest.run("flow", "--call", "call-1", seed.toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("192.168.9.212:5060").contains("INVITE (SDP)").contains("180 Ringing")
                .doesNotContain("REGISTER").doesNotContain("NOTIFY");
        MainTest.Run mermaid = MainTest.run("flow", "--call", "call-1", "--format", "mermaid", seed.toString());
        assertThat(mermaid.out()).startsWith("sequenceDiagram").contains("INVITE");
        MainTest.Run svg = MainTest.run("flow", "--format", "svg", seed.toString());
        assertThat(svg.code()).isZero();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        assertThat(svg.out()).contains("data-frame=\"1\"").contains("REGISTER");
    }

    @Test
    void analyzeGivesTheOverview() throws IOException {
        MainTest.Run r = MainTest.run("analyze", seed().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Calls (1)").contains("ANSWERED 200  PCMU/8000")
                .contains("Registrations (3)")
                .contains("sip:4182618006@virtsanity.mtl.broadsoft.com: 1 attempt, 1 accepted; sip:4182618006@192.168.9.205:5060 for 3599 s (frame 1)")
                .contains("Subscriptions (4)").contains("line-seize")
                .contains("Findings (0)"); // a clean call raises nothing
        JsonNode doc = new ObjectMapper().readTree(MainTest.run("analyze", "--format", "json", seed().toString()).out());
        assertThat(doc.get("calls").size()).isEqualTo(1);
        assertThat(doc.at("/registrations/0/attempts/0/contacts/0/requestedExpires").asInt()).isEqualTo(3600);
        assertThat(doc.at("/registrations/0/attempts/0/contacts/0/grantedExpires").asInt()).isEqualTo(3599);
        assertThat(doc.get("subscriptions").size()).isEqualTo(4);
        assertThat(doc.get("findings").size()).isZero();
    }

    @Test
    void findingsNameFailedCallsWithEvidence() throws IOException {
        Path root = Path.of(System.getProperty("sipvista.root", "..")).toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("corpus/pcaps"))) {
            root = root.getParent();
        }
        assertThat(root).isNotNull();
        MainTest.Run r = MainTest.run("analyze", "--format", "json", root.resolve("corpus/pcaps/sngrep__aaa.pcap").toString());
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        assertThat(findings.toString()).contains("\"id\":\"call.forbidden\"").contains("\"frames\":[346,348]")
                .contains("\"id\":\"call.no_answer\"").contains("\"frames\":[617,621]");
        String text = MainTest.run("analyze", root.resolve("corpus/pcaps/sngrep__aaa.pcap").toString()).out();
        assertThat(text).contains("warning call.forbidden [call-2]").contains("frames 346, 348");
    }

    private static void names(JsonNode n, java.util.Set<String> out) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(name -> {
                out.add(name);
                names(n.get(name), out);
            });
        } else if (n.isArray()) {
            n.forEach(e -> names(e, out));
        }
    }

    @Test
    void everyAnalysisFieldIsDocumented() throws IOException {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        names(new ObjectMapper().readTree(MainTest.run("analyze", "--format", "json", seed().toString()).out()), fields);
        Path root = Path.of(System.getProperty("sipvista.root", "..")).toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("docs/analysis-json.md"))) {
            root = root.getParent();
        }
        assertThat(root).isNotNull();
        String doc = Files.readString(root.resolve("docs/analysis-json.md"), StandardCharsets.UTF_8);
        assertThat(fields).hasSizeGreaterThan(30);
        for (String f : fields) {
            assertThat(doc).as("docs/analysis-json.md documents `%s`", f).contains("`" + f + "`");
        }
    }

    @Test
    void framesOfOneCall() throws IOException {
        MainTest.Run r = MainTest.run("frames", "--call", "call-1", seed().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Frame 27 |").contains("Frame 71 |").doesNotContain("Frame 1 |")
                .doesNotContain("REGISTER sip:").doesNotContain("NOTIFY sip:");
        // its media too: the 4 RTP packets of the seed (frames 41-43, 46), each with its insight
        assertThat(r.out().lines().filter(l -> l.endsWith("| UDP | RTP")).count()).isEqualTo(4);
        assertThat(r.out()).contains("  » PCMU/8000 of call-1, seq 4713");
        assertThat(MainTest.run("frames", "--call", "call-7", seed().toString()).code()).isEqualTo(1);
        assertThat(MainTest.run(new ByteArrayInputStream(SeedCapture.bytes()), "frames", "--call", "call-1", "-").code()).isEqualTo(2);
    }

    @Test
    void unknownCallIsAnErrorNamingWhatExists() throws IOException {
        MainTest.Run r = MainTest.run("flow", "--call", "call-9", seed().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no call call-9").contains("1 call");
        assertThat(MainTest.run("flow", "--width", "5", seed().toString()).code()).isEqualTo(2);
    }

    @Test
    void framesCarryTheInsightOfEachMessage() throws IOException {
        String out = MainTest.run("frames", seed().toString()).out();
        assertThat(out).contains("  » registrar accepted 4182618006 at 192.168.9.205:5060 for 3599 s of the 3600 asked (q=0.5)");
        assertThat(out).contains("  » answers the INVITE of frame 27 after 2 ms");
        // Only the Linksys hangs up; the B2BUA's own BYEs say what they are.
        assertThat(out).contains("Frame 71 | 2010-06-17T13:00:10.611842Z | 192.168.9.205:5060 → 192.168.13.180:5060 | UDP | SIP\n"
                + "  » 4182618006 hangs up after 6.3 s of talk");
        assertThat(out).contains("| 192.168.13.180:5060 → 192.168.9.121:5060 | UDP | SIP\n"
                + "  » 192.168.13.180:5060 passes on the hang-up of frame 71 to this leg");
        assertThat(out).contains("| 192.168.13.180:5060 → 192.168.9.212:5060 | UDP | SIP\n"
                + "  » 192.168.13.180:5060 ends this leg while the other side goes on through another leg");
        // The seed page's bug: a 200 OK to REGISTER explained as an INVITE answer with SDP.
        for (String card : out.split("\n\n")) {
            if (card.contains("SIP/2.0 200 OK") && card.contains("CSeq            12607 REGISTER")) {
                assertThat(card).doesNotContain("INVITE").doesNotContain("SDP");
            }
        }
        String stdin = MainTest.run(new ByteArrayInputStream(SeedCapture.bytes()), "frames", "-").out();
        assertThat(stdin).doesNotContain("  » ");
    }
}
