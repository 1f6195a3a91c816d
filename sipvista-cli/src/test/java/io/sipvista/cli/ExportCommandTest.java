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
