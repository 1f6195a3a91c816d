package io.sipvista.bench;

import io.sipvista.correlate.Correlator;
import io.sipvista.correlate.CorrelatorLimits;
import io.sipvista.correlate.SipEvent;
import io.sipvista.testkit.SyntheticCalls;
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
 * Correlating the SIP messages of a call mix ({@code Correlator.accept}: transactions, dialogs, offer/answer,
 * registrations) as {@code analyze} does (the streaming correlator), over a signalling capture of {@code calls}
 * calls, direct or through a B2BUA. The messages are decoded in the setup. Time per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CorrelationBench {
    /** Messages correlated per invocation (the capture's first ones). */
    static final int EVENTS = 10_000;

    @Param({"false", "true"})
    public boolean b2bua;
    @Param({"1000"})
    public int calls;

    SipEvent[] events;

    @Setup
    public void setUp() {
        SyntheticCalls.Options o = Workloads.options(Workloads.Kind.SIGNALLING, calls);
        o = new SyntheticCalls.Options(o.calls(), o.callsPerSecond(), o.holdSeconds(), o.failedShare(),
                o.cancelledShare(), b2bua, o.seed(), o.media(), o.notFoundShare(), o.registerExpires(), o.rtcp());
        List<SipEvent> all = Workloads.events(Workloads.pcap(o));
        events = all.subList(0, Math.min(EVENTS, all.size())).toArray(new SipEvent[0]);
    }

    /** Returns the messages placed. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long accept() {
        Correlator c = Correlator.streaming(CorrelatorLimits.DEFAULT);
        long placed = 0;
        for (SipEvent e : events) {
            if (c.accept(e) != null) {
                placed++;
            }
        }
        return placed;
    }
}
