package io.sipvista.bench;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Reading every record of an in-memory capture ({@code Captures.open} on a stream: format detection, the 256 KiB
 * buffer, record headers, one {@code CaptureRecord} per frame), no decoding. Time per whole capture; the capture's
 * size is {@link #bytes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaptureReadingBench {
    @Param({"RTP", "SIGNALLING"})
    public Workloads.Kind kind;
    @Param({"pcap", "pcapng"})
    public String format;
    @Param({"100"})
    public int calls;

    byte[] bytes;

    @Setup
    public void setUp() {
        var o = Workloads.options(kind, calls);
        bytes = format.equals("pcap") ? Workloads.pcap(o) : Workloads.pcapng(o);
    }

    /** Returns the captured bytes read. */
    @Benchmark
    public long readAllRecords() throws IOException {
        long total = 0;
        try (CaptureReader r = Workloads.open(bytes)) {
            for (CaptureRecord c = r.next(); c != null; c = r.next()) {
                total += c.capturedLength();
            }
        }
        return total;
    }
}
