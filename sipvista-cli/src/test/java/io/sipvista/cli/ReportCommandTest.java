package io.sipvista.cli;

import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code report}: one HTML file of the analysis, as a user runs it. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOneSelfContainedFile() throws IOException {
        Path seed = dir.resolve("seed.pcap");
        Files.write(seed, SeedCapture.bytes());
        Path out = dir.resolve("report.html");
        MainTest.Run r = MainTest.run("report", seed.toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(out + ": 1 call, 0 findings (").endsWith(" KiB)\n");
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>sipvista: seed.pcap</title>")
                .contains("<h2 id=\"call-1\">");
        // the app's data: every frame of the capture (read a second time), the first with its raw message
        assertThat(html).contains("\n\"frames\":[{\"number\":1,").contains("\"number\":78,")
                .contains("\"raw\":\"REGISTER sip:").contains("\"framesNote\":null");
        assertThat(Files.size(out)).as("small enough to mail").isLessThan(320_000);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("seed.pcap", "report.html");
        }
    }

    @Test
    void aReportOfStandardInputHoldsTheAnalysisAndSaysWhyItHasNoFrames() throws IOException {
        Path out = dir.resolve("report.html");
        MainTest.Run r = MainTest.run(new java.io.ByteArrayInputStream(SeedCapture.bytes()), "report", "-", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html).contains("\n\"frames\":[],\n\"framesNote\":\"this report holds no frames")
                .contains("\"ladders\":{\"call-1\":\"\\u003csvg ");
    }

    @Test
    void aMissingCaptureIsAnErrorAndWritesNothing() throws IOException {
        MainTest.Run r = MainTest.run("report", dir.resolve("none.pcap").toString(), "-o", dir.resolve("r.html").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no such file");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theOutputIsRequired() {
        assertThat(MainTest.run("report", "x.pcap").code()).isEqualTo(2);
    }
}
