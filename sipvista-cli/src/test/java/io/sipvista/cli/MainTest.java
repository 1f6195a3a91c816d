package io.sipvista.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line run in-process, as a user would run it: exit codes, wording, and what reaches each stream. */
class MainTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, stdin, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static void assertOneLineError(Run r, String... fragments) {
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("sipvista: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static byte[] capture(int frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, 1, 65535, false, false)) {
            for (int i = 0; i < frames; i++) {
                byte[] sip = ("OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK" + i
                        + "\r\nCall-ID: c" + i + "\r\nCSeq: " + (i + 1) + " OPTIONS\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@example.com>"
                        + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                w.write(1_276_779_589L + i, 443_688_000, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                        PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, sip)));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing command").contains("Usage");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("frames", "--bogus", "x.pcap").code()).isEqualTo(2);
        assertThat(run("frames", "--format", "xml", "x.pcap").code()).isEqualTo(2);
        assertThat(run("frames").code()).isEqualTo(2);
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = run("frames", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--format").contains("--raw");
        assertThat(run("--version").out()).startsWith("sipvista ");
    }

    @Test
    void everyCommandIsListedUnderItsOwnNameAndTheFullListWhenNoneIsNamed() {
        for (java.util.Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet()) {
            assertThat(e.getValue().getAnnotation(picocli.CommandLine.Command.class).name()).isEqualTo(e.getKey());
        }
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out().lines().filter(l -> l.matches("  [a-z]+ .*")).map(l -> l.trim().split(" ")[0]))
                .containsExactlyElementsOf(Main.COMMANDS.keySet());
        // `help` and an unknown command see every command: the one meant is suggested, each can be asked about
        assertThat(run("help", "calls").out()).contains("Usage: sipvista calls");
        Run typo = run("frams", "x.pcap");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("sipvista frames");
        // a command run alone still knows its parent: standard input reaches it through Main
        Run stdin = run(new ByteArrayInputStream(SeedCapture.bytes()), "calls", "-");
        assertThat(stdin.code()).as(stdin.err()).isZero();
        assertThat(stdin.out()).contains("4182618006");
    }

    @Test
    void missingFileAndDirectory() {
        assertOneLineError(run("frames", dir.resolve("nope.pcap").toString()), "no such file");
        assertOneLineError(run("frames", dir.toString()), "is a directory");
    }

    @Test
    void emptyFile() throws IOException {
        assertOneLineError(run("frames", file("empty.pcap", new byte[0]).toString()), "empty");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        junk[0] = 0x17;
        assertOneLineError(run("frames", file("junk.pcap", junk).toString()), "not a capture");
    }

    @Test
    void textFile() throws IOException {
        Run r = run("frames", file("notes.pcap", "INVITE sip:bob@example.com SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII)).toString());
        assertOneLineError(r, "text");
    }

    @Test
    void netmonFileIsNamed() throws IOException {
        byte[] netmon = Arrays.copyOf("GMBU".getBytes(StandardCharsets.US_ASCII), 128);
        assertOneLineError(run("frames", file("trace.cap", netmon).toString()), "Network Monitor");
    }

    @Test
    void captureCutInsideTheFileHeader() throws IOException {
        assertOneLineError(run("frames", file("cut.pcap", Arrays.copyOf(capture(1), 10)).toString()), "pcap file header");
    }

    @Test
    void captureCutInsideARecordShowsEveryCompleteFrameThenWarns() throws IOException {
        byte[] whole = capture(3);
        Path cut = file("cut.pcap", Arrays.copyOf(whole, whole.length - 30));
        Run r = run("frames", cut.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Frame 1 |").contains("Frame 2 |").doesNotContain("Frame 3 |");
        assertThat(r.out()).contains("2 frames, 2 SIP messages");
        assertThat(r.err()).startsWith("sipvista: warning: ").contains("ends in the middle of a record");
    }

    @Test
    void absurdRecordLengthStopsWithAWarningNotACrash() throws IOException {
        byte[] one = capture(2);
        // Second record's incl_len (offset 24 + 16 + len1 + 8) set to 2 GiB.
        int second = 24 + 16 + (one[24 + 8] & 0xff | (one[24 + 9] & 0xff) << 8);
        one[second + 8] = 0;
        one[second + 9] = 0;
        one[second + 10] = 0;
        one[second + 11] = (byte) 0x80;
        Run r = run("frames", file("absurd.pcap", one).toString());
        assertThat(r.out()).contains("Frame 1 |");
        assertThat(r.err()).contains("warning").doesNotContain("Exception");
    }

    @Test
    void gzipAndStandardInput() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(capture(2));
        }
        Run fromFile = run("frames", file("calls.bin", gz.toByteArray()).toString());
        assertThat(fromFile.code()).isZero();
        assertThat(fromFile.out()).contains("(gzip)").contains("Frame 2 |");
        Run fromStdin = run(new ByteArrayInputStream(capture(2)), "frames", "-");
        assertThat(fromStdin.code()).isZero();
        assertThat(fromStdin.out()).startsWith("stdin: pcap").contains("OPTIONS sip:x@example.com SIP/2.0");
    }

    @Test
    void seedCaptureAsJsonIsTheDocumentedContract() throws IOException {
        Path seed = file("sip-register-and-call.pcap", SeedCapture.bytes());
        Run r = run("frames", "--format", "json", seed.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("schema").asText()).isEqualTo("sipvista.frames/1");
        assertThat(doc.at("/capture/file").asText()).isEqualTo("sip-register-and-call.pcap");
        JsonNode f1 = doc.get("frames").get(0);
        assertThat(f1.get("number").asLong()).isEqualTo(1);
        assertThat(f1.get("src").asText()).isEqualTo("192.168.9.205:5060");
        assertThat(f1.get("transport").asText()).isEqualTo("udp");
        assertThat(f1.at("/sip/0/method").asText()).isEqualTo("REGISTER");
        assertThat(f1.at("/sip/0/callId").asText()).isEqualTo("ef1b738a-6e84666@192.168.9.205");
        assertThat(f1.at("/sip/0/cseq").asText()).isEqualTo("12607 REGISTER");
        JsonNode f2 = doc.get("frames").get(1);
        assertThat(f2.at("/sip/0/status").asInt()).isEqualTo(200);
        assertThat(f2.at("/sip/0/reason").asText()).isEqualTo("OK");
        assertThat(f2.at("/sip/0/method").isMissingNode()).isTrue();
        assertThat(doc.at("/summary/frames").asLong()).isEqualTo(doc.get("frames").size());
    }

    @Test
    void jsonIsByteIdenticalRunToRun() throws IOException {
        Path seed = file("seed.pcap", SeedCapture.bytes());
        String a = run("frames", "--format", "json", "--raw", seed.toString()).out();
        String b = run("frames", "--format", "json", "--raw", seed.toString()).out();
        assertThat(a).isNotEmpty().isEqualTo(b);
    }

    @Test
    void ndjsonIsOneObjectPerLine() throws IOException {
        Path seed = file("seed.pcap", SeedCapture.bytes());
        Run r = run("frames", "--format", "ndjson", seed.toString());
        String[] lines = r.out().split("\n");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines[0]).get("type").asText()).isEqualTo("capture");
        assertThat(json.readTree(lines[1]).get("type").asText()).isEqualTo("frame");
        assertThat(json.readTree(lines[lines.length - 1]).get("type").asText()).isEqualTo("summary");
        for (String line : lines) {
            assertThat(json.readTree(line).isObject()).isTrue();
        }
    }

    @Test
    void pcapngWithInterfacesOfDifferentLinkTypes() throws IOException {
        byte[] sip = ("OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKa\r\nCall-ID: two-links\r\n"
                + "CSeq: 1 OPTIONS\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@example.com>\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (io.sipvista.testkit.PcapngWriter w = new io.sipvista.testkit.PcapngWriter(bytes, true)) {
            int eth = w.addInterface(1, 65535, 6, "eth0");
            int sll2 = w.addInterface(276, 65535, 9, "any");
            byte[] a = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, sip));
            byte[] b = PacketBuilder.sll2(PacketBuilder.ETH_IPV6, PacketBuilder.udp6("2001:db8::1", 5060, "2001:db8::2", 5060, sip));
            w.enhancedPacket(eth, 1_600_000_000L, 123_456_000, a, a.length);
            w.enhancedPacket(sll2, 1_600_000_001L, 123_456_789, b, b.length);
        }
        Path file = file("two.pcapng", bytes.toByteArray());
        JsonNode doc = new ObjectMapper().readTree(run("frames", "--format", "json", file.toString()).out());
        assertThat(doc.at("/capture/byteOrder").asText()).isEqualTo("big-endian");
        assertThat(doc.at("/capture/interfaces/1/linkTypeName").asText()).isEqualTo("linux-sll2");
        assertThat(doc.at("/frames/0/time").asText()).isEqualTo("2020-09-13T12:26:40.123456Z");
        assertThat(doc.at("/frames/1/time").asText()).isEqualTo("2020-09-13T12:26:41.123456789Z");
        assertThat(doc.at("/frames/1/interface").asInt()).isEqualTo(1);
        assertThat(doc.at("/frames/1/src").asText()).isEqualTo("[2001:db8::1]:5060");
        assertThat(doc.at("/frames/0/sip/0/callId").asText()).isEqualTo("two-links");
        assertThat(doc.at("/frames/1/sip/0/callId").asText()).isEqualTo("two-links");
        String text = run("frames", file.toString()).out();
        assertThat(text).contains("Frame 2 | 2020-09-13T12:26:41.123456789Z | if 1 | [2001:db8::1]:5060 → [2001:db8::2]:5060");
    }

    @Test
    void rawPrintsWholeMessages() throws IOException {
        Path seed = file("seed.pcap", SeedCapture.bytes());
        String raw = run("frames", "--raw", seed.toString()).out();
        assertThat(raw).contains("  | REGISTER sip:").contains("  | Content-Length: ");
    }

    @Test
    void controlCharactersFromTheCaptureAreShownNotObeyed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, 1, 65535, false, false)) {
            byte[] sip = ("MESSAGE sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nCall-ID: evil\u001b[2J\r\n"
                    + "CSeq: 1 MESSAGE\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@example.com>\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            w.write(1, 0, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PacketBuilder.udp4("10.0.0.1", 5060, "10.0.0.2", 5060, sip)));
        }
        String out = run("frames", file("evil.pcap", bytes.toByteArray()).toString()).out();
        assertThat(out).doesNotContain("\u001b").contains("evil");
    }
}
