package io.sipvista.bench;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.MediaStream;
import io.sipvista.correlate.Call;
import io.sipvista.frame.FrameLimits;
import io.sipvista.media.StreamSeries;
import io.sipvista.media.StreamSeriesCodec;
import io.sipvista.store.RecordCodec;
import io.sipvista.store.StoredList;
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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeping finished calls and streams as bytes, as {@code analyze} does when they settle ({@code StoredList.add}
 * through {@code RecordCodec}: encoding, and deflating each 32 KB block), and reading them back in the output's
 * order (by first frame, decoded one by one). The calls and streams are those of an RTP workload of {@code calls}
 * calls, analysed in the setup and repeated to {@link #VALUES} values. Time per value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SummaryStoreBench {
    /** Values kept per invocation. */
    static final int VALUES = 2_000;

    @Param({"100"})
    public int calls;

    RecordCodec<Call> callCodec;
    RecordCodec<MediaStream> streamCodec;
    List<Call> callValues;
    List<MediaStream> streamValues;
    StoredList<Call> keptCalls;
    int[] callOrder;

    @Setup
    public void setUp() {
        CaptureAnalysis.Result a;
        try (var r = Workloads.open(Workloads.pcap(Workloads.options(Workloads.Kind.RTP, calls)))) {
            a = CaptureAnalysis.run(r, FrameLimits.DEFAULT, CaptureAnalysis.Keep.MESSAGES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        callCodec = RecordCodec.of(Call.class);
        streamCodec = RecordCodec.of(MediaStream.class, Map.of(StreamSeries.class, StreamSeriesCodec.INSTANCE));
        callValues = repeated(a.calls());
        streamValues = repeated(a.streams());
        keptCalls = keepCalls();
        callOrder = keptCalls.order(Comparator.comparing((Call c) -> c.legs().get(0).callId()));
    }

    private static <T> List<T> repeated(List<T> values) {
        List<T> out = new ArrayList<>(VALUES);
        while (!values.isEmpty() && out.size() < VALUES) {
            out.add(values.get(out.size() % values.size()));
        }
        return out;
    }

    /** Returns the calls kept, encoded and deflated. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public StoredList<Call> keepCalls() {
        StoredList<Call> store = new StoredList<>(callCodec, c -> c.legs().get(0).firstFrame());
        for (Call c : callValues) {
            store.add(c);
        }
        return store;
    }

    /** Returns the streams kept, encoded and deflated. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public StoredList<MediaStream> keepStreams() {
        StoredList<MediaStream> store = new StoredList<>(streamCodec, MediaStream::firstFrame);
        for (MediaStream s : streamValues) {
            store.add(s);
        }
        return store;
    }

    /** Reads the kept calls back in the output's order; returns the frames they list. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long readCallsInOrder() {
        long frames = 0;
        for (Call c : keptCalls.view(callOrder, (i, c) -> c)) {
            frames += c.frames().size();
        }
        return frames;
    }
}
