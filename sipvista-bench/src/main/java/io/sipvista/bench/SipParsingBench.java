package io.sipvista.bench;

import io.sipvista.sip.SipDatagramFramer;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;
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
 * SIP over UDP: finding the messages in a datagram ({@code SipDatagramFramer}) and parsing them
 * ({@code SipParser}), on the first {@value #MESSAGES} messages of a synthetic capture (REGISTER with digest
 * authentication, INVITE with SDP, responses, ACK, BYE, CANCEL). Time per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipParsingBench {
    static final int MESSAGES = 2048;

    @Param({"200"})
    public int calls;

    byte[][] datagrams;

    @Setup
    public void setUp() {
        List<byte[]> payloads = Workloads.sipPayloads(Workloads.options(Workloads.Kind.SIGNALLING, calls), MESSAGES);
        datagrams = payloads.toArray(new byte[0][]);
    }

    /** Returns the messages found. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long frameDatagrams() {
        long found = 0;
        for (byte[] d : datagrams) {
            found += SipDatagramFramer.frame(d, 0, d.length).messages().size();
        }
        return found;
    }

    /** Returns the headers parsed. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long frameAndParse() {
        long headers = 0;
        for (byte[] d : datagrams) {
            for (SipDatagramFramer.Slice s : SipDatagramFramer.frame(d, 0, d.length).messages()) {
                SipMessage m = SipParser.parse(d, s.offset(), s.length());
                headers += m.headers().size();
            }
        }
        return headers;
    }
}
