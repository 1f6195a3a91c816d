package io.sipvista.bench;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.frame.FrameLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The whole analysis of {@code ./sipvista analyze} ({@code CaptureAnalysis.run} with {@code Keep.SUMMARY}: reading,
 * decoding, correlation, call assembly, findings) on an in-memory synthetic capture. Time per capture; divide the
 * capture's size ({@link #bytes}) by it for MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBench {
    @Param({"RTP", "SIGNALLING"})
    public Workloads.Kind kind;
    @Param({"100"})
    public int calls;

    byte[] bytes;

    @Setup
    public void setUp() {
        bytes = Workloads.pcap(Workloads.options(kind, calls));
    }

    /** Returns the analysis (its calls and findings). */
    @Benchmark
    public CaptureAnalysis.Result analyze() throws IOException {
        try (CaptureReader r = Workloads.open(bytes)) {
            return CaptureAnalysis.run(r, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY);
        }
    }
}
