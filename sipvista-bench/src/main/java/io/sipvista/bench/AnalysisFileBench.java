package io.sipvista.bench;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The analysis {@code ./sipvista analyze FILE} runs ({@code CaptureAnalysis.run} with {@code Keep.SUMMARY} on the file
 * as {@code Captures.open} reads it), run after run in one JVM and each run timed alone: the first run is what a user
 * waits for less the JVM's start (the compilers' warm-up included), the later ones what the same code does warm. Their
 * difference is what starting cold costs; a warm run is the most a run of the same code in a fresh JVM could reach.
 *
 * <p>{@code java -jar sipvista-bench/target/benchmarks.jar AnalysisFileBench -p file=CAPTURE -jvmArgs "OPTIONS"},
 * with the options {@code SIPVISTA_DRY_RUN=1 ./sipvista analyze CAPTURE} prints for that capture (all but its
 * class-data archive, which fits {@code sipvista.jar} only), prints each run's time in seconds. Without {@code file}
 * it analyses a small generated capture, so the build's smoke test runs it too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 10)
@Fork(1)
public class AnalysisFileBench {
    /** The capture to analyse; empty for a generated one ({@link Workloads.Kind#SIGNALLING}, {@link #calls} calls). */
    @Param({""})
    public String file;
    /** Calls of the generated capture when no {@link #file} is named. */
    @Param({"200"})
    public int calls;

    Path path;
    private Path written;

    @Setup
    public void setUp() throws IOException {
        if (file.isEmpty()) {
            written = Files.createTempFile("sipvista-bench-", ".pcap");
            Files.write(written, Workloads.pcap(Workloads.options(Workloads.Kind.SIGNALLING, calls)));
            path = written;
        } else {
            path = Path.of(file);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        if (written != null) {
            Files.deleteIfExists(written);
        }
    }

    /** Returns the analysis (its calls and findings). */
    @Benchmark
    public CaptureAnalysis.Result analyze() throws IOException {
        try (CaptureReader r = Captures.open(path)) {
            return CaptureAnalysis.run(r, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY);
        }
    }
}
