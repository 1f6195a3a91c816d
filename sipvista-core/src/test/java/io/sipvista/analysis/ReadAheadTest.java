package io.sipvista.analysis;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.capture.InterfaceInfo;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The reading thread ({@link ReadAhead}) hands every record over once, in capture order, decoded or (media records
 * for the fast path) as bytes; its failures reach the analysis as they were thrown, after the records read before
 * them; closing it stops a reader that would never end. That the analysis through it is the analysis of each record
 * in turn is {@link MediaFastPathEquivalenceTest}'s and the golden tests' to show.
 */
class ReadAheadTest {
    @TempDir
    Path dir;

    private Path calls() throws IOException {
        Path file = dir.resolve("calls.pcap");
        SyntheticCalls.Options o = new SyntheticCalls.Options(12, SyntheticCalls.Options.ratePerSecond(3, 4), 4, 0.1,
                0.05, true, 7, true).withRtcp(true);
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(o, w);
        }
        return file;
    }

    /** What came through: each record's number and whether it came as bytes; and the last batch's warnings. */
    private record Received(List<Long> numbers, List<Boolean> asBytes, List<Anomaly> warnings) {
    }

    private static Received receive(CaptureReader r, boolean fastPath) throws IOException {
        List<Long> numbers = new ArrayList<>();
        List<Boolean> bytes = new ArrayList<>();
        try (ReadAhead ahead = ReadAhead.start(r, FrameLimits.DEFAULT, fastPath)) {
            ReadAhead.Batch b;
            while (!(b = ahead.next()).last) {
                assertThat(b.size).isBetween(1, ReadAhead.BATCH);
                for (int i = 0; i < b.size; i++) {
                    numbers.add(b.number[i]);
                    bytes.add(b.frames[i] == null);
                    if (b.frames[i] == null) {
                        assertThat(b.capturedLength[i]).isLessThanOrEqualTo(ReadAhead.SLOT);
                        assertThat(ahead.decodeDeclined(b, i).media()).as("a record passed as bytes is media")
                                .isNotNull();
                    } else {
                        assertThat(b.frames[i].number()).isEqualTo(b.number[i]);
                    }
                }
                ahead.done(b);
            }
            return new Received(numbers, bytes, b.warnings);
        }
    }

    @Test
    void everyRecordArrivesOnceInOrderMediaAsBytesTheRestDecoded() throws IOException {
        Path file = calls();
        Received fast;
        try (CaptureReader r = Captures.open(file)) {
            fast = receive(r, true);
        }
        assertThat(fast.numbers()).hasSizeGreaterThan(3 * ReadAhead.BATCH); // several batches, used again
        for (int i = 0; i < fast.numbers().size(); i++) {
            assertThat(fast.numbers().get(i)).isEqualTo(i + 1L);
        }
        assertThat(fast.asBytes().get(0)).as("the first record is decoded (it sets the capture's start)").isFalse();
        assertThat(fast.asBytes()).contains(true, false);
        assertThat(fast.asBytes().stream().filter(x -> x).count()).isGreaterThan(fast.numbers().size() / 2);

        Received slow;
        try (CaptureReader r = Captures.open(file)) {
            slow = receive(r, false);
        }
        assertThat(slow.numbers()).isEqualTo(fast.numbers());
        assertThat(slow.asBytes()).containsOnly(false);
    }

    @Test
    void aMediaRecordLargerThanASlotArrivesDecoded() throws IOException {
        Path file = dir.resolve("big-rtp.pcap");
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            for (int i = 0; i < 4; i++) {
                int size = i % 2 == 0 ? 160 : ReadAhead.SLOT; // with the headers, the odd ones exceed a slot
                byte[] rtp = PacketBuilder.rtp(0, 100 + i, 160L * i, 0x1234L, false, new byte[size]);
                w.write(1_700_000_000L, i * 20_000_000, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                        PacketBuilder.udp4("192.0.2.1", 40000, "192.0.2.2", 40002, rtp)));
            }
        }
        Received got;
        try (CaptureReader r = Captures.open(file)) {
            got = receive(r, true);
        }
        assertThat(got.numbers()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(got.asBytes()).containsExactly(false, false, true, false);
    }

    @Test
    void theReadersWarningsComeWithTheLastBatch() throws IOException {
        Path file = calls();
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 7)); // the last record cut short
        Received got;
        try (CaptureReader r = Captures.open(cut)) {
            got = receive(r, true);
        }
        assertThat(got.warnings()).isNotEmpty();
        try (CaptureReader r = Captures.open(cut)) {
            while (r.next() != null) {
                continue;
            }
            assertThat(got.warnings()).as("the reader's, then the decoder's (none here)").isEqualTo(r.warnings());
        }
    }

    @Test
    void aReadFailureReachesTheAnalysisAsThrownAfterTheRecordsBeforeIt() throws IOException {
        IOException broken = new IOException("disk gone");
        int before = 2 * ReadAhead.BATCH + 17;
        try (CaptureReader inner = Captures.open(calls())) {
            CaptureReader r = new Failing(inner, before, broken);
            List<Long> seen = new ArrayList<>();
            try (ReadAhead ahead = ReadAhead.start(r, FrameLimits.DEFAULT, true)) {
                assertThatThrownBy(() -> {
                    ReadAhead.Batch b;
                    while (!(b = ahead.next()).last) {
                        for (int i = 0; i < b.size; i++) {
                            seen.add(b.number[i]);
                        }
                        ahead.done(b);
                    }
                }).isSameAs(broken);
            }
            assertThat(seen).hasSize(before);
        }
        try (CaptureReader inner = Captures.open(calls())) {
            assertThatThrownBy(() -> CaptureAnalysis.run(new Failing(inner, 10, broken), FrameLimits.DEFAULT,
                    CaptureAnalysis.Keep.SUMMARY)).isSameAs(broken);
        }
    }

    @Test
    void aBugInTheReadingThreadReachesTheAnalysisAsItself() throws IOException {
        AssertionError bug = new AssertionError("a reader bug");
        try (CaptureReader inner = Captures.open(calls())) {
            assertThatThrownBy(() -> CaptureAnalysis.run(new Failing(inner, 3, bug), FrameLimits.DEFAULT,
                    CaptureAnalysis.Keep.SUMMARY)).isSameAs(bug);
        }
    }

    @Test
    void closingStopsAReaderThatNeverEnds() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ReadAhead ahead;
            try (CaptureReader inner = Captures.open(calls())) {
                CaptureRecord one = inner.next();
                ahead = ReadAhead.start(new Endless(one), FrameLimits.DEFAULT, true);
                ReadAhead.Batch b = ahead.next();
                assertThat(b.last).isFalse();
                assertThat(ahead.reading()).isTrue();
                ahead.close(); // the analysis stops early, with batches still being read
            }
            assertThat(ahead.reading()).isFalse();
        });
    }

    /** A reader that gives {@code before} records of {@code inner}, then throws {@code failure}. */
    private static final class Failing extends Delegating {
        private final int before;
        private final Throwable failure;
        private int given;

        Failing(CaptureReader inner, int before, Throwable failure) {
            super(inner);
            this.before = before;
            this.failure = failure;
        }

        @Override
        public CaptureRecord next() throws IOException {
            if (given++ == before) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (Error) failure;
            }
            return inner.next();
        }
    }

    /** A reader that gives the same record forever. */
    private static final class Endless extends Delegating {
        private final CaptureRecord record;

        Endless(CaptureRecord record) {
            super(null);
            this.record = record;
        }

        @Override
        public CaptureRecord next() {
            return record;
        }
    }

    private abstract static class Delegating implements CaptureReader {
        final CaptureReader inner;

        Delegating(CaptureReader inner) {
            this.inner = inner;
        }

        @Override
        public String compression() {
            return "none";
        }

        @Override
        public String format() {
            return "pcap";
        }

        @Override
        public boolean bigEndian() {
            return false;
        }

        @Override
        public List<InterfaceInfo> interfaces() {
            return List.of();
        }

        @Override
        public List<Anomaly> warnings() {
            return inner == null ? List.of() : inner.warnings();
        }

        @Override
        public void close() {
        }
    }
}
