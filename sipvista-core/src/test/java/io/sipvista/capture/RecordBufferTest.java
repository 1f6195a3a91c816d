package io.sipvista.capture;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading into a {@link RecordBuffer} ({@link CaptureReader#next(RecordBuffer)}) gives the records {@link
 * CaptureReader#next()} gives: pcap into one shared array, pcapng (the default) holding each record as read.
 */
class RecordBufferTest {
    /** Records of 60, 3000 (beyond the buffer's first size), 342 and 0 bytes, the second cut by the snaplen. */
    private static byte[] pcap() {
        return new PcapBytes(false, false)
                .record(1_700_000_000L, 1, PcapBytes.payload(60, 1))
                .record(1_700_000_001L, 2, 3000, 4000, PcapBytes.payload(3000, 2))
                .record(1_700_000_002L, 999_999, PcapBytes.payload(342, 3))
                .record(1_700_000_003L, 4, new byte[0])
                .bytes();
    }

    private static List<CaptureRecord> viaBuffer(CaptureReader reader) throws IOException {
        RecordBuffer b = new RecordBuffer();
        List<CaptureRecord> out = new ArrayList<>();
        while (reader.next(b)) {
            out.add(b.record());
        }
        return out;
    }

    private static void assertSameRecords(List<CaptureRecord> actual, List<CaptureRecord> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            CaptureRecord a = actual.get(i);
            CaptureRecord e = expected.get(i);
            assertThat(a).usingRecursiveComparison().ignoringFields("data").isEqualTo(e);
            assertThat(a.data()).as("bytes of record %d", e.number()).isEqualTo(e.data());
        }
    }

    @Test
    void pcapRecordsAreThoseOfNext() throws IOException {
        List<CaptureRecord> expected = Reading.all(pcap());
        assertThat(expected.get(1).truncatedBySnaplen()).isTrue();
        try (CaptureReader r = Reading.open(pcap())) {
            assertSameRecords(viaBuffer(r), expected);
        }
    }

    @Test
    void pcapBytesShareOneArrayTheRecordCopiesOut() throws IOException {
        try (CaptureReader r = Reading.open(pcap())) {
            RecordBuffer b = new RecordBuffer();
            assertThat(r.next(b)).isTrue();
            assertThat(r.next(b)).isTrue();
            byte[] shared = b.data();
            CaptureRecord second = b.record();
            assertThat(second.data()).isNotSameAs(shared).hasSize(3000);
            assertThat(b.record()).isSameAs(second);
            assertThat(r.next(b)).isTrue();
            assertThat(b.data()).isSameAs(shared);
            assertThat(b.capturedLength()).isEqualTo(342);
            assertThat(Arrays.copyOf(b.data(), 342)).isEqualTo(PcapBytes.payload(342, 3));
            assertThat(second.data()).as("kept while the buffer is read again").isEqualTo(PcapBytes.payload(3000, 2));
        }
    }

    @Test
    void aCutFileEndsTheSameWayWithTheSameWarning() throws IOException {
        byte[] cut = Reading.prefix(pcap(), pcap().length - 10 - 16);
        List<CaptureRecord> expected;
        List<Anomaly> warnings;
        try (CaptureReader r = Reading.open(cut)) {
            expected = Reading.all(r);
            warnings = List.copyOf(r.warnings());
        }
        try (CaptureReader r = Reading.open(cut)) {
            assertSameRecords(viaBuffer(r), expected);
            assertThat(r.warnings()).isEqualTo(warnings).isNotEmpty();
            assertThat(r.next(new RecordBuffer())).as("still at the end").isFalse();
        }
    }

    @Test
    void pcapngRecordsAreHeldAsRead() throws IOException {
        byte[] file = new PcapngBytes().section(false).interfaceBlock(1, 65535)
                .enhancedPacket(0, 1_700_000_000_000_000L, PcapBytes.payload(80, 5))
                .enhancedPacket(0, 1_700_000_001_000_000L, PcapBytes.payload(90, 6))
                .bytes();
        List<CaptureRecord> expected = Reading.all(file);
        try (CaptureReader r = Reading.open(file)) {
            RecordBuffer b = new RecordBuffer();
            assertThat(r.next(b)).isTrue();
            assertThat(b.record().data()).isSameAs(b.data());
            assertThat(r.next(b)).isTrue();
            assertSameRecords(List.of(b.record()), expected.subList(1, 2));
            assertThat(r.next(b)).isFalse();
        }
    }

    @Test
    void theFieldsAreTheRecords() throws IOException {
        try (CaptureReader r = Reading.open(pcap())) {
            RecordBuffer b = new RecordBuffer();
            r.next(b);
            r.next(b);
            r.next(b);
            assertThat(b.number()).isEqualTo(3);
            assertThat(b.epochSeconds()).isEqualTo(1_700_000_002L);
            assertThat(b.nanos()).isEqualTo(999_999_000);
            assertThat(b.timeDigits()).isEqualTo(6);
            assertThat(b.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(b.interfaceId()).isZero();
            assertThat(b.originalLength()).isEqualTo(342);
            assertThat(b.truncatedBySnaplen()).isFalse();
            assertThat(b.fileOffset()).isEqualTo(24 + 16 + 60 + 16 + 3000);
        }
    }
}
