package io.sipvista.cli;

import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CaptureJob} run on the test's thread: both phases, the bytes it counts, and removal before it starts. */
class CaptureJobTest {
    @TempDir
    Path dir;

    private CaptureJob job(Path capture) throws IOException {
        Path indexes = Files.createDirectories(dir.resolve("indexes"));
        return new CaptureJob("c1", capture.getFileName().toString(), capture, false, indexes, Runnable::run);
    }

    @Test
    void bothPhasesReadTheWholeFileAndEndReady() throws IOException {
        Path seed = dir.resolve("seed.pcap");
        Files.write(seed, SeedCapture.bytes());
        CaptureJob job = job(seed);
        assertThat(job.statusJson()).contains("\"state\":\"queued\"").contains("\"progress\":0.0000");
        job.run();
        assertThat(job.state()).isEqualTo(CaptureJob.State.READY);
        assertThat(job.bytesRead()).as("phase 2 read the file to its end").isEqualTo(Files.size(seed));
        assertThat(job.index().visible()).isEqualTo(78);
        assertThat(job.index().finished()).isTrue();
        assertThat(job.statusJson()).contains("\"progress\":1.0000").contains("\"frames\":78");
        assertThat(job.analysisJson()).isEqualTo(MainTest.run("analyze", "--format", "json", seed.toString()).out());
    }

    @Test
    void aGzipCaptureCountsTheCompressedBytesOfTheFile() throws IOException {
        Path gz = dir.resolve("seed.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(SeedCapture.bytes());
        }
        CaptureJob job = job(gz);
        job.run();
        assertThat(job.state()).isEqualTo(CaptureJob.State.READY);
        assertThat(job.bytesRead()).isEqualTo(Files.size(gz));
    }

    @Test
    void progressIsHalfForEachPhase() {
        assertThat(CaptureJob.progress(1, 0, 1000)).isEqualTo(0.0);
        assertThat(CaptureJob.progress(1, 500, 1000)).isEqualTo(0.25);
        assertThat(CaptureJob.progress(1, 1000, 1000)).isEqualTo(0.5);
        assertThat(CaptureJob.progress(2, 0, 1000)).isEqualTo(0.5);
        assertThat(CaptureJob.progress(2, 250, 1000)).isEqualTo(0.625);
        assertThat(CaptureJob.progress(2, 2000, 1000)).as("never past the end").isEqualTo(1.0);
        assertThat(CaptureJob.progress(2, 123, 0)).as("unknown size").isEqualTo(0.5);
    }

    @Test
    void aJobRemovedBeforeItStartsNeverRuns() throws IOException {
        Path seed = dir.resolve("seed.pcap");
        Files.write(seed, SeedCapture.bytes());
        CaptureJob job = job(seed);
        job.remove();
        job.run();
        assertThat(job.state()).isEqualTo(CaptureJob.State.QUEUED);
        assertThat(job.index()).isNull();
        assertThat(job.bytesRead()).isZero();
        assertThat(seed).as("a capture from the command line is never deleted").exists();
    }

    @Test
    void aMissingFileFailsInWords() throws IOException {
        CaptureJob job = job(dir.resolve("gone.pcap"));
        job.run();
        assertThat(job.state()).isEqualTo(CaptureJob.State.FAILED);
        assertThat(job.statusJson()).contains("\"error\":\"the capture file is gone\"");
    }
}
