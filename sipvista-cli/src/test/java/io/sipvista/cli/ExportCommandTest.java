package io.sipvista.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export}: one call's frames as a new capture, as a user runs it. */
class ExportCommandTest {
    @TempDir
    Path dir;

    private Path seed() throws IOException {
        Path p = dir.resolve("sip-register-and-call.pcap");
        Files.write(p, SeedCapture.bytes());
        return p;
    }

    @Test
    void theExportedCallIsTheSameCallWithOnlyItsFrames() throws IOException {
        Path out = dir.resolve("call.pcap");
        MainTest.Run r = MainTest.run("export", seed().toString(), "--call", "call-1", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode before = new ObjectMapper().readTree(MainTest.run("calls", "--format", "json", seed().toString())
                .out()).at("/calls/0");
        int frames = before.get("frames").size();
        assertThat(r.out()).startsWith(out + ": ").endsWith(" (pcap)\n");
        JsonNode after = new ObjectMapper().readTree(MainTest.run("calls", "--format", "json", out.toString()).out());
        assertThat(after.get("calls").size()).isEqualTo(1);
        JsonNode call = after.at("/calls/0");
        assertThat(call.get("callIds")).isEqualTo(before.get("callIds"));
        assertThat(call.get("outcome")).isEqualTo(before.get("outcome"));
        assertThat(call.get("answer")).isEqualTo(before.get("answer"));
        assertThat(call.get("talkTimeMs")).isEqualTo(before.get("talkTimeMs"));
        // the call's SIP messages and its 4 RTP packets (frames 41-43, 46); not the registrations and subscriptions
        assertThat(r.out()).isEqualTo(out + ": " + (frames + 4) + " frames of call-1, 4 of them RTP/RTCP (pcap)\n");
        assertThat(after.at("/capture/frames").asInt()).isEqualTo(frames + 4);
        assertThat(after.at("/capture/sipMessages").asInt()).isEqualTo(frames);
        JsonNode streamsAfter = new ObjectMapper().readTree(MainTest.run("analyze", "--format", "json",
                out.toString()).out()).get("streams");
        JsonNode streamsBefore = new ObjectMapper().readTree(MainTest.run("analyze", "--format", "json",
                seed().toString()).out()).get("streams");
        assertThat(streamsAfter.size()).isEqualTo(streamsBefore.size()).isEqualTo(2);
        assertThat(streamsAfter.at("/0/packets")).isEqualTo(streamsBefore.at("/0/packets"));
        assertThat(frames).isLessThan(78).isGreaterThan(20);
    }

    @Test
    void theFileGetsTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
        Path out = dir.resolve("shared.pcap");
        assertThat(MainTest.run("export", seed().toString(), "--call", "call-1", "-o", out.toString()).code()).isZero();
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static Path corpus(String name) {
        Path root = Path.of(System.getProperty("sipvista.root", "..")).toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("corpus/pcaps"))) {
            root = root.getParent();
        }
        assertThat(root).isNotNull();
        return root.resolve("corpus/pcaps").resolve(name);
    }

    private static java.util.List<String> tshark(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("tshark", "-n"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out.lines().toList();
    }

    private static boolean tsharkInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    /** A row of tshark's RTP streams without its start and end times (relative to each file's first frame). */
    private static String withoutTimes(String row) {
        return row.trim().split("\\s+", 3)[2];
    }

    /** The check: the exported capture opens in tshark with the same SIP and RTP as the call had. */
    @Test
    void tsharkSeesTheSameSipAndRtpInTheExport() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tsharkInstalled(), "tshark is not installed");
        Path source = corpus("wssamples__SIP_DTMF2.cap");
        Path out = dir.resolve("call-2.pcap");
        assertThat(MainTest.run("export", source.toString(), "--call", "call-2", "-o", out.toString()).code()).isZero();
        String callId = "sip.Call-ID == \"25672@192.168.105.110\"";
        java.util.List<String> sipBefore = tshark("-r", source.toString(), "-Y", callId, "-T", "fields", "-e",
                "frame.time_epoch", "-e", "sip.CSeq");
        java.util.List<String> sipAfter = tshark("-r", out.toString(), "-Y", callId, "-T", "fields", "-e",
                "frame.time_epoch", "-e", "sip.CSeq");
        assertThat(sipAfter).hasSizeGreaterThan(5).isEqualTo(sipBefore);
        java.util.List<String> rtpBefore = tshark("-q", "-r", source.toString(), "-o", "rtp.heuristic_rtp:TRUE",
                "-z", "rtp,streams").stream().filter(l -> l.contains("0x")).map(ExportCommandTest::withoutTimes).toList();
        java.util.List<String> rtpAfter = tshark("-q", "-r", out.toString(), "-o", "rtp.heuristic_rtp:TRUE",
                "-z", "rtp,streams").stream().filter(l -> l.contains("0x")).map(ExportCommandTest::withoutTimes).toList();
        assertThat(rtpAfter).hasSize(2).isSubsetOf(rtpBefore); // same streams, same packets, loss and jitter
    }

    @Test
    void anUnknownCallIsAnErrorAndWritesNothing() throws IOException {
        Path out = dir.resolve("none.pcap");
        MainTest.Run r = MainTest.run("export", seed().toString(), "--call", "call-9", "-o", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no call call-9 (the capture has 1 call");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sip-register-and-call.pcap");
        }
    }

    @Test
    void standardInputIsAUsageError() {
        MainTest.Run r = MainTest.run("export", "-", "--call", "call-1", "-o", dir.resolve("x.pcap").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give a file, not standard input");
    }

    @Test
    void missingOutputIsAUsageError() throws IOException {
        MainTest.Run r = MainTest.run("export", seed().toString(), "--call", "call-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--output");
    }
}
