package io.sipvista.bench;

import io.sipvista.capture.CaptureRecord;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decoding records already read into frames ({@code FrameDecoder}: link, IP, UDP, labels, SIP framing and parsing,
 * SDP), one new decoder per capture as the analysis does. Time per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameDecodingBench {
    /** Records decoded per invocation (the capture's first ones, repeated if it has fewer). */
    static final int RECORDS = 4096;

    @Param({"RTP", "SIGNALLING"})
    public Workloads.Kind kind;
    @Param({"100"})
    public int calls;

    CaptureRecord[] records;

    @Setup
    public void setUp() {
        List<CaptureRecord> all = Workloads.records(Workloads.pcap(Workloads.options(kind, calls)));
        records = new CaptureRecord[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = all.get(i % all.size());
        }
    }

    /** Returns the SIP messages found. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long decode() {
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        long sip = 0;
        for (CaptureRecord r : records) {
            Frame f = decoder.decode(r);
            sip += f.sip().size();
        }
        decoder.finish();
        return sip;
    }
}
