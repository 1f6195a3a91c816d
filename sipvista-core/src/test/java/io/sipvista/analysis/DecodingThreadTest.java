package io.sipvista.analysis;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.capture.InterfaceInfo;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DecodingThread} hands every record, in capture order, in bounded batches; a media datagram it only read
 * comes back as the very record it was; the reader's failure reaches the analysis as it was thrown; and closing
 * stops the thread, whatever it was doing, before the caller closes the reader.
 */
@Timeout(60)
class DecodingThreadTest {
    @TempDir
    Path dir;

    private Path calls(int calls, int mediaSeconds) throws IOException {
        Path file = dir.resolve("calls-" + calls + ".pcap");
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(new SyntheticCalls.Options(calls, 10, mediaSeconds, 0.1, 0.05, false, 1, true)
                    .withRtcp(true).withRegistrations(60), w);
        }
        return file;
    }

    private static List<CaptureRecord> records(Path file) throws IOException {
        List<CaptureRecord> all = new ArrayList<>();
        try (CaptureReader r = Captures.open(file)) {
            for (CaptureRecord rec; (rec = r.next()) != null; ) {
                all.add(rec);
            }
        }
        return all;
    }

    @Test
    void handsEveryRecordInOrderAndMediaDatagramsAsTheRecordsTheyWere() throws IOException {
        Path file = calls(20, 3);
        List<CaptureRecord> expected = records(file);
        assertThat(expected.size()).as("several batches").isGreaterThan(4 * DecodingThread.MAX_RECORDS);
        int read = 0;
        int onlyRead = 0;
        int batches = 0;
        try (CaptureReader r = Captures.open(file);
             DecodingThread t = DecodingThread.start(r, FrameLimits.DEFAULT, true)) {
            for (DecodingThread.Batch b; (b = t.next()) != null; t.done(b)) {
                batches++;
                assertThat(b.size).isBetween(1, DecodingThread.MAX_RECORDS);
                for (int i = 0; i < b.size; i++) {
                    CaptureRecord want = expected.get(read++);
                    assertThat(b.number[i]).isEqualTo(want.number());
                    assertThat(b.epochSeconds[i]).isEqualTo(want.epochSeconds());
                    assertThat(b.nanos[i]).isEqualTo(want.nanos());
                    assertThat(b.timeDigits[i]).isEqualTo(want.timeDigits());
                    if (b.frames[i] != null) {
                        assertThat(b.frames[i].number()).isEqualTo(want.number());
                    } else {
                        onlyRead++;
                        CaptureRecord got = b.record(i);
                        assertThat(got.data()).isEqualTo(want.data());
                        assertThat(got).usingRecursiveComparison().ignoringFields("data").isEqualTo(want);
                        assertThat(b.mediaSsrc(i)).isNotZero();
                        assertThat(b.mediaFirstByte(i) & 0xc0).as("RTP or RTCP version 2").isEqualTo(0x80);
                    }
                }
            }
            assertThat(t.next()).as("nothing after the end").isNull();
            assertThat(t.warnings()).isEmpty();
        }
        assertThat(read).isEqualTo(expected.size());
        assertThat(batches).isGreaterThan(4);
        assertThat(onlyRead).as("most records are media datagrams only read").isGreaterThan(expected.size() / 2);
    }

    @Test
    void decodesEverythingWithoutTheFastPath() throws IOException {
        Path file = calls(3, 1);
        try (CaptureReader r = Captures.open(file);
             DecodingThread t = DecodingThread.start(r, FrameLimits.DEFAULT, false)) {
            for (DecodingThread.Batch b; (b = t.next()) != null; t.done(b)) {
                for (int i = 0; i < b.size; i++) {
                    assertThat(b.frames[i]).isNotNull();
                }
            }
        }
    }

    @Test
    void boundsTheBytesOfABatch() throws IOException {
        byte[] big = new byte[60_000]; // an Ethernet frame of zeros: decoded, not media
        List<CaptureRecord> records = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            records.add(new CaptureRecord(i, 0, 1, 1_700_000_000L + i, 0, 6, big.length, big.length, big, 0));
        }
        int seen = 0;
        try (FakeReader r = new FakeReader(records, -1, null);
             DecodingThread t = DecodingThread.start(r, FrameLimits.DEFAULT, true)) {
            for (DecodingThread.Batch b; (b = t.next()) != null; t.done(b)) {
                assertThat((long) b.size * big.length).isLessThan(DecodingThread.MAX_BYTES + big.length);
                seen += b.size;
            }
        }
        assertThat(seen).isEqualTo(200);
    }

    @Test
    void takesMediaRecordsWithBytesAfterTheirDatagramWholeOrDecodesThem() throws IOException {
        Path file = calls(1, 1);
        CaptureRecord first = records(file).get(0);
        CaptureRecord rtp = null;
        try (CaptureReader r = Captures.open(file);
             DecodingThread t = DecodingThread.start(r, FrameLimits.DEFAULT, true)) {
            for (DecodingThread.Batch b; rtp == null && (b = t.next()) != null; t.done(b)) {
                for (int i = 0; i < b.size && rtp == null; i++) {
                    if (b.frames[i] == null) {
                        rtp = b.record(i);
                    }
                }
            }
        }
        assertThat(rtp).as("a media datagram in the capture").isNotNull();
        // the same datagram in records of 200 KB (taken, one batch each) and 300 KB (over a batch's bytes: decoded)
        List<CaptureRecord> records = new ArrayList<>(List.of(first));
        int[] sizes = {200_000, 200_000, 300_000, 200_000, 300_000};
        for (int size : sizes) {
            byte[] padded = Arrays.copyOf(rtp.data(), size);
            records.add(new CaptureRecord(0, 0, rtp.linkType(), rtp.epochSeconds(), rtp.nanos(), rtp.timeDigits(),
                    size, size, padded, 0));
        }
        List<Integer> taken = new ArrayList<>();
        List<Integer> decoded = new ArrayList<>();
        try (FakeReader r = new FakeReader(records, -1, null);
             DecodingThread t = DecodingThread.start(r, FrameLimits.DEFAULT, true)) {
            for (DecodingThread.Batch b; (b = t.next()) != null; t.done(b)) {
                for (int i = 0; i < b.size; i++) {
                    int n = (int) b.number[i];
                    if (b.frames[i] == null) {
                        taken.add(n);
                        assertThat(b.record(i).data()).isEqualTo(records.get(n - 1).data());
                    } else {
                        decoded.add(n);
                    }
                }
            }
        }
        assertThat(taken).containsExactly(2, 3, 5);
        assertThat(decoded).containsExactly(1, 4, 6);
    }

    @Test
    void throwsTheReadersFailureAsItWasAfterTheRecordsBeforeIt() throws IOException {
        List<CaptureRecord> records = records(calls(10, 3));
        IOException gone = new IOException("the disk went away");
        int failAt = 3 * DecodingThread.MAX_RECORDS + 7;
        assertThat(records.size()).isGreaterThan(failAt);
        long seen = 0;
        try (FakeReader r = new FakeReader(records, failAt, gone);
             DecodingThread t = DecodingThread.start(r, FrameLimits.DEFAULT, true)) {
            DecodingThread.Batch b = null;
            try {
                while ((b = t.next()) != null) {
                    for (int i = 0; i < b.size; i++) {
                        assertThat(b.number[i]).isEqualTo(++seen);
                    }
                    t.done(b);
                }
            } catch (IOException e) {
                assertThat(e).isSameAs(gone);
                assertThat(seen).isLessThanOrEqualTo(failAt).isGreaterThanOrEqualTo(3L * DecodingThread.MAX_RECORDS);
                assertThat(t.next()).as("nothing after the failure").isNull();
                return;
            }
        }
        throw new AssertionError("the failure was not thrown");
    }

    @Test
    void throwsABugOfTheReaderAsItWas() throws IOException {
        List<CaptureRecord> records = records(calls(2, 1));
        IllegalStateException bug = new IllegalStateException("a bug in a reader");
        try (FakeReader r = new FakeReader(records, 10, bug);
             DecodingThread t = DecodingThread.start(r, FrameLimits.DEFAULT, true)) {
            assertThatThrownBy(() -> {
                for (DecodingThread.Batch b; (b = t.next()) != null; t.done(b)) {
                    assertThat(b.size).isPositive();
                }
            }).isSameAs(bug);
        }
    }

    @Test
    void closingStopsTheThreadWhileItWaitsForTheAnalysis() throws Exception {
        List<CaptureRecord> one = records(calls(1, 1));
        FakeReader endless = new FakeReader(one, -1, null);
        endless.endless = true;
        DecodingThread t = DecodingThread.start(endless, FrameLimits.DEFAULT, true);
        assertThat(t.next()).isNotNull(); // taken, never given back; the thread fills every batch and waits
        long deadline = System.nanoTime() + 10_000_000_000L;
        long reads;
        do {
            reads = endless.reads.get();
            Thread.sleep(20);
        } while (reads != endless.reads.get() && System.nanoTime() < deadline);
        assertThat(t.alive()).as("waiting for the analysis").isTrue();
        t.close();
        assertThat(t.alive()).isFalse();
        long after = endless.reads.get();
        Thread.sleep(50);
        assertThat(endless.reads.get()).as("the reader is not used once closed").isEqualTo(after);
    }

    /** Records from a list (again and again when endless), then a failure or the end. */
    private static final class FakeReader implements CaptureReader {
        private final List<CaptureRecord> records;
        private final int failAt;
        private final Throwable failure;
        final AtomicLong reads = new AtomicLong();
        volatile boolean endless;

        FakeReader(List<CaptureRecord> records, int failAt, Throwable failure) {
            this.records = records;
            this.failAt = failAt;
            this.failure = failure;
        }

        @Override
        public CaptureRecord next() throws IOException {
            long n = reads.getAndIncrement();
            if (n == failAt) {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
            if (!endless && n >= records.size()) {
                return null;
            }
            CaptureRecord r = records.get((int) (n % records.size()));
            return new CaptureRecord(n + 1, r.interfaceId(), r.linkType(), r.epochSeconds(), r.nanos(),
                    r.timeDigits(), r.capturedLength(), r.originalLength(), r.data(), r.fileOffset());
        }

        @Override
        public String compression() {
            return null;
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
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
