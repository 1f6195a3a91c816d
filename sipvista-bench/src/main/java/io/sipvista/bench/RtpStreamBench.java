package io.sipvista.bench;

import io.sipvista.media.ClockRates;
import io.sipvista.media.RtpStreamStats;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Folding RTP packets into per-stream statistics ({@code RtpStreamStats.update}: RFC 3550 sequence accounting,
 * jitter, loss bursts, ptime): {@value #PACKETS} packets of 20 ms PCMU with arrival jitter of up to 4 ms, 0.5%
 * lost and 0.2% swapped with the next, spread over {@code streams} streams updated in turn (as packets of
 * concurrent calls interleave in a capture). Time per packet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RtpStreamBench {
    static final int PACKETS = 60_000;

    @Param({"1", "600"})
    public int streams;

    int[] seq;
    long[] timestamp;
    long[] arrival;
    int[] stream;
    ClockRates rates;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        seq = new int[PACKETS];
        timestamp = new long[PACKETS];
        arrival = new long[PACKETS];
        stream = new int[PACKETS];
        int perStream = PACKETS / streams;
        int n = 0;
        for (int k = 0; k < perStream; k++) {
            for (int s = 0; s < streams; s++) {
                int i = n++;
                stream[i] = s;
                seq[i] = (1000 * s + k) & 0xFFFF;
                timestamp[i] = 160L * k + 7919L * s;
                arrival[i] = k * 20_000_000L + s * 10_000L + random.nextLong(4_000_000L);
            }
        }
        for (int i = 0; i + streams < n; i++) {
            double r = random.nextDouble();
            if (r < 0.005) {
                seq[i] = -1; // lost
            } else if (r < 0.007) { // swapped with the stream's next packet
                int j = i + streams;
                int t = seq[i];
                seq[i] = seq[j];
                seq[j] = t;
                long ts = timestamp[i];
                timestamp[i] = timestamp[j];
                timestamp[j] = ts;
            }
        }
        rates = ClockRates.staticOnly();
    }

    /** Returns the packets counted. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long update() {
        RtpStreamStats[] stats = new RtpStreamStats[streams];
        for (int s = 0; s < streams; s++) {
            stats[s] = new RtpStreamStats(rates);
        }
        for (int i = 0; i < seq.length; i++) {
            if (seq[i] >= 0) {
                int s = stream[i];
                stats[s].update(seq[i], timestamp[i], 0x10000000L + s, 0, false, arrival[i], 160, i + 1);
            }
        }
        long packets = 0;
        for (RtpStreamStats s : stats) {
            packets += s.packets();
        }
        return packets;
    }
}
