package io.sipvista.capture;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PcapReaderTest {

    /** Three records of 60, 1514 and 342 bytes; the last starts at 24 + 76 + 1530 = 1630. */
    private static byte[] threeRecords() {
        return new PcapBytes(false, false)
                .record(1_700_000_000L, 1, PcapBytes.payload(60, 1))
                .record(1_700_000_001L, 2, PcapBytes.payload(1514, 2))
                .record(1_700_000_002L, 3, PcapBytes.payload(342, 3))
                .bytes();
    }

    private static final int LAST_RECORD = 24 + 16 + 60 + 16 + 1514;

    @Test
    void microsecondTimestampsAreExact() throws IOException {
        byte[] file = new PcapBytes(false, false).record(1_700_000_000L, 999_999, new byte[10]).bytes();
        CaptureRecord r = Reading.all(file).get(0);
        assertThat(r.epochSeconds()).isEqualTo(1_700_000_000L);
        assertThat(r.nanos()).isEqualTo(999_999_000);
        assertThat(r.timeDigits()).isEqualTo(6);
    }

    @Test
    void nanosecondTimestampsAreExact() throws IOException {
        byte[] file = new PcapBytes(true, true).record(1_700_000_000L, 123_456_789, new byte[10]).bytes();
        CaptureRecord r = Reading.all(file).get(0);
        assertThat(r.epochSeconds()).isEqualTo(1_700_000_000L);
        assertThat(r.nanos()).isEqualTo(123_456_789);
        assertThat(r.timeDigits()).isEqualTo(9);
    }

    @Test
    void secondsAreUnsigned() throws IOException {
        byte[] file = new PcapBytes(false, false).record(0xF000_0000L, 0, new byte[1]).bytes();
        assertThat(Reading.all(file).get(0).epochSeconds()).isEqualTo(0xF000_0000L);
    }

    @Test
    void fractionOfAFullSecondOrMoreCarriesIntoSeconds() throws IOException {
        byte[] file = new PcapBytes(false, false).record(10, 1_500_000, new byte[1]).bytes();
        CaptureRecord r = Reading.all(file).get(0);
        assertThat(r.epochSeconds()).isEqualTo(11);
        assertThat(r.nanos()).isEqualTo(500_000_000);
    }

    @Test
    void recordsAreNumberedFromOneWithTheirFileOffsets() throws IOException {
        List<CaptureRecord> recs = Reading.all(threeRecords());
        assertThat(recs).extracting(CaptureRecord::number).containsExactly(1L, 2L, 3L);
        assertThat(recs).extracting(CaptureRecord::fileOffset).containsExactly(24L, 24L + 76, (long) LAST_RECORD);
        assertThat(recs.get(1).data()).isEqualTo(PcapBytes.payload(1514, 2));
        assertThat(recs.get(1).capturedLength()).isEqualTo(1514);
        assertThat(recs).allSatisfy(r -> assertThat(r.interfaceId()).isZero());
    }

    @Test
    void recordCutBySnaplenKeepsItsOriginalLength() throws IOException {
        byte[] file = new PcapBytes(false, false, 2, 4, 96, 1).record(5, 0, 96, 1514, PcapBytes.payload(96, 0)).bytes();
        CaptureRecord r = Reading.all(file).get(0);
        assertThat(r.capturedLength()).isEqualTo(96);
        assertThat(r.originalLength()).isEqualTo(1514);
        assertThat(r.truncatedBySnaplen()).isTrue();
    }

    @Test
    void interfaceReflectsTheFileHeader() throws IOException {
        byte[] file = new PcapBytes(true, false, 2, 4, 1500, LinkType.LINUX_SLL).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(r.interfaces()).containsExactly(new InterfaceInfo(0, LinkType.LINUX_SLL, 1500, 6, null));
            assertThat(r.next()).isNull();
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void fcsBitsAboveTheLinkTypeAreMaskedOff() throws IOException {
        // FCS-length-present bit (26) and an FCS length of 2 (16-bit units) in bits 28-31
        byte[] file = new PcapBytes(false, false, 2, 4, 65535, 0x2400_0000L | LinkType.ETHERNET)
                .record(1, 0, new byte[64]).bytes();
        assertThat(Reading.all(file).get(0).linkType()).isEqualTo(LinkType.ETHERNET);
    }

    @Test
    void fileEndingExactlyAfterARecordIsClean() throws IOException {
        try (CaptureReader r = Reading.open(threeRecords())) {
            assertThat(Reading.all(r)).hasSize(3);
            assertThat(r.next()).isNull();
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void cutInsideTheLastRecordHeaderIsReportedWithCounts() throws IOException {
        try (CaptureReader r = Reading.open(Reading.prefix(threeRecords(), LAST_RECORD + 10))) {
            assertThat(Reading.all(r)).hasSize(2);
            assertThat(r.warnings()).containsExactly(Anomaly.of("capture.truncated",
                    "record 3 at offset " + LAST_RECORD + ": 10 of 16 header bytes"));
        }
    }

    @Test
    void cutInsideTheLastRecordDataIsReportedWithCounts() throws IOException {
        try (CaptureReader r = Reading.open(Reading.prefix(threeRecords(), LAST_RECORD + 16 + 300))) {
            assertThat(Reading.all(r)).hasSize(2);
            assertThat(r.warnings()).containsExactly(Anomaly.of("capture.truncated",
                    "record 3 at offset " + LAST_RECORD + ": 300 of 342 data bytes"));
        }
    }

    @Test
    void cutAtEveryOffsetOfTheLastRecordKeepsEveryEarlierRecord() throws IOException {
        byte[] full = threeRecords();
        List<CaptureRecord> expected = Reading.all(full).subList(0, 2);
        for (int cut = LAST_RECORD + 1; cut < full.length; cut++) {
            try (CaptureReader r = Reading.open(Reading.prefix(full, cut))) {
                List<CaptureRecord> recs = Reading.all(r);
                assertThat(recs).as("cut at %d", cut).hasSize(2);
                assertThat(recs.get(1).data()).isEqualTo(expected.get(1).data());
                assertThat(r.warnings()).as("cut at %d", cut).singleElement()
                        .extracting(Anomaly::id).isEqualTo("capture.truncated");
                assertThat(r.next()).isNull();
            }
        }
    }

    @Test
    void absurdRecordLengthEndsReadingWithoutAllocatingIt() throws IOException {
        byte[] file = new PcapBytes(false, false).record(1, 0, PcapBytes.payload(60, 1))
                .record(2, 0, 0x7FFF_FFF0L, 0x7FFF_FFF0L, new byte[100]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(r.warnings()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo("capture.record.too_long");
                assertThat(a.detail()).startsWith("record 2 at offset 100 claims 2147483632 captured bytes;");
            });
        }
    }

    @Test
    void recordJustOverTheLimitIsTooLongAndOneAtTheLimitIsRead() throws IOException {
        CaptureLimits small = new CaptureLimits(1 << 20, 1000, 2); // snaplen 500 -> limit 2000
        byte[] atLimit = new PcapBytes(false, false, 2, 4, 500, 1).record(1, 0, new byte[2000]).bytes();
        byte[] over = new PcapBytes(false, false, 2, 4, 500, 1).record(1, 0, 2001, 2001, new byte[2001]).bytes();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(atLimit), "t", small)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(r.warnings()).isEmpty();
        }
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(over), "t", small)) {
            assertThat(Reading.all(r)).isEmpty();
            assertThat(Reading.ids(r)).containsExactly("capture.record.too_long");
        }
    }

    @Test
    void absurdSnaplenIsAWarningAndReadingGoesOn() throws IOException {
        byte[] file = new PcapBytes(false, false, 2, 4, 0xFFFF_FFFFL, 1).record(1, 0, new byte[1514]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(r.warnings()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo("capture.snaplen.absurd");
                assertThat(a.detail()).contains("4294967295").contains("1048576");
            });
        }
    }

    @Test
    void snaplenZeroMeansNoStatedLimit() throws IOException {
        byte[] file = new PcapBytes(false, false, 2, 4, 0, 1).record(1, 0, new byte[70_000]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void oneByteReadsGiveTheSameRecords() throws IOException {
        byte[] file = threeRecords();
        List<CaptureRecord> expected = Reading.all(file);
        try (CaptureReader r = Captures.open(Reading.oneByteAtATime(file), "slow")) {
            List<CaptureRecord> got = Reading.all(r);
            assertThat(got).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(got.get(i).data()).isEqualTo(expected.get(i).data());
                assertThat(got.get(i).fileOffset()).isEqualTo(expected.get(i).fileOffset());
            }
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void oneByteReadsStillSeeATruncation() throws IOException {
        byte[] cut = Reading.prefix(threeRecords(), LAST_RECORD + 16 + 5);
        try (CaptureReader r = Captures.open(Reading.oneByteAtATime(cut), "slow")) {
            assertThat(Reading.all(r)).hasSize(2);
            assertThat(r.warnings()).containsExactly(Anomaly.of("capture.truncated",
                    "record 3 at offset " + LAST_RECORD + ": 5 of 342 data bytes"));
        }
    }

    @Test
    void eachRecordOwnsItsBytes() throws IOException {
        List<CaptureRecord> recs = Reading.all(threeRecords());
        assertThat(recs.get(0).data()).isNotSameAs(recs.get(1).data());
        assertThat(recs.get(0).data()).hasSize(60);
    }
}
