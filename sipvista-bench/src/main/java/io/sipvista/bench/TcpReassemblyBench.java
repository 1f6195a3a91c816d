package io.sipvista.bench;

import io.sipvista.net.TcpReassembler;
import io.sipvista.sip.SipStreamFramer;
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

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIP over TCP: one direction's segments put back in order ({@code net.TcpReassembler}) and, in
 * {@link #reassembleAndFrame}, cut into messages ({@code SipStreamFramer}). The stream is
 * {@value SipParsingBench#MESSAGES} synthetic SIP messages back to back in segments of up to 1448 bytes;
 * {@code disorder} swaps every 8th pair of segments and sends every 50th twice. Time per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpReassemblyBench {
    private static final int MSS = 1448;
    private static final long ISN = 0xFFFF_0000L; // the stream crosses 2^32

    /** One segment as sent: sequence number and payload. */
    record Segment(long seq, byte[] payload) {
    }

    @Param({"false", "true"})
    public boolean disorder;
    @Param({"200"})
    public int calls;

    Segment[] segments;

    @Setup
    public void setUp() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] m : Workloads.sipPayloads(Workloads.options(Workloads.Kind.SIGNALLING, calls),
                SipParsingBench.MESSAGES)) {
            stream.writeBytes(m);
        }
        byte[] bytes = stream.toByteArray();
        List<Segment> out = new ArrayList<>();
        for (int off = 0; off < bytes.length; off += MSS) {
            byte[] p = java.util.Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + MSS));
            out.add(new Segment((ISN + off) & 0xFFFF_FFFFL, p));
        }
        if (disorder) {
            for (int i = 8; i + 1 < out.size(); i += 8) {
                Segment s = out.get(i);
                out.set(i, out.get(i + 1));
                out.set(i + 1, s);
            }
            for (int i = out.size() - 1 - (out.size() - 1) % 50; i > 0; i -= 50) {
                out.add(i + 1, out.get(i));
            }
        }
        segments = out.toArray(new Segment[0]);
    }

    /** Counts what it is given. */
    static final class CountingSink implements TcpReassembler.Sink {
        long bytes;
        long holes;

        @Override
        public void bytes(byte[] b, int off, int len, long frame) {
            bytes += len;
        }

        @Override
        public void hole(long length) {
            holes++;
        }
    }

    /** Frames what it is given as SIP. */
    static final class FramingSink implements TcpReassembler.Sink {
        final SipStreamFramer framer = new SipStreamFramer();
        long messages;

        @Override
        public void bytes(byte[] b, int off, int len, long frame) {
            messages += framer.feed(b, off, len, frame).size();
        }

        @Override
        public void hole(long length) {
            framer.reset("hole");
        }
    }

    /** Returns the bytes delivered in order. */
    @Benchmark
    @OperationsPerInvocation(SipParsingBench.MESSAGES)
    public long reassemble() {
        TcpReassembler r = new TcpReassembler(ISN, 1 << 20, 16 << 10);
        CountingSink sink = new CountingSink();
        long frame = 1;
        for (Segment s : segments) {
            r.segment(s.seq(), s.payload(), 0, s.payload().length, frame++, sink);
        }
        return sink.bytes;
    }

    /** Returns the SIP messages framed. */
    @Benchmark
    @OperationsPerInvocation(SipParsingBench.MESSAGES)
    public long reassembleAndFrame() {
        TcpReassembler r = new TcpReassembler(ISN, 1 << 20, 16 << 10);
        FramingSink sink = new FramingSink();
        long frame = 1;
        for (Segment s : segments) {
            r.segment(s.seq(), s.payload(), 0, s.payload().length, frame++, sink);
        }
        return sink.messages;
    }
}
