package io.sipvista.capture;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PcapngReaderTest {
    private static final long T = 1_700_000_000L;

    private static PcapngBytes oneInterface(boolean bigEndian) {
        return new PcapngBytes().section(bigEndian).interfaceBlock(LinkType.ETHERNET, 0);
    }

    @Test
    void interfacesWithDifferentLinkTypesAndClockResolutions() throws IOException {
        PcapngBytes f = new PcapngBytes().section(false);
        f.interfaceBlock(LinkType.ETHERNET, 262144, f.nameOption("eth0"));
        f.interfaceBlock(LinkType.RAW, 65535, f.nameOption("tun0"), f.tsresolOption(9));
        f.interfaceBlock(LinkType.LINUX_SLL, 0, f.tsresolOption(0x80 | 20));
        f.enhancedPacket(0, T * 1_000_000 + 123_456, PcapBytes.payload(60, 0));
        f.enhancedPacket(1, T * 1_000_000_000 + 123_456_789, PcapBytes.payload(40, 1));
        f.enhancedPacket(2, (T << 20) | 524_288 | 1, PcapBytes.payload(50, 2));
        try (CaptureReader r = Reading.open(f.bytes())) {
            List<CaptureRecord> recs = Reading.all(r);
            assertThat(r.interfaces()).containsExactly(
                    new InterfaceInfo(0, LinkType.ETHERNET, 262144, 6, "eth0"),
                    new InterfaceInfo(1, LinkType.RAW, 65535, 9, "tun0"),
                    new InterfaceInfo(2, LinkType.LINUX_SLL, 0, 7, null));
            assertThat(recs).extracting(CaptureRecord::interfaceId).containsExactly(0, 1, 2);
            assertThat(recs).extracting(CaptureRecord::linkType)
                    .containsExactly(LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL);
            assertThat(recs).extracting(CaptureRecord::epochSeconds).containsOnly(T);
            // 2^-20 s: half a second plus one tick of 953.674... ns
            assertThat(recs).extracting(CaptureRecord::nanos).containsExactly(123_456_000, 123_456_789, 500_000_953);
            assertThat(recs).extracting(CaptureRecord::timeDigits).containsExactly(6, 9, 7);
            assertThat(recs).extracting(CaptureRecord::number).containsExactly(1L, 2L, 3L);
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void tsoffsetIsAddedInSeconds() throws IOException {
        PcapngBytes f = new PcapngBytes().section(true);
        f.interfaceBlock(LinkType.ETHERNET, 0, f.tsresolOption(3), f.tsoffsetOption(1_600_000_000L));
        f.enhancedPacket(0, 5_250, new byte[4]);
        CaptureRecord r = Reading.all(f.bytes()).get(0);
        assertThat(r.epochSeconds()).isEqualTo(1_600_000_005L);
        assertThat(r.nanos()).isEqualTo(250_000_000);
        assertThat(r.timeDigits()).isEqualTo(3);
    }

    @Test
    void bigEndianFileReadsTheSameAsLittleEndian() throws IOException {
        byte[] be = oneInterface(true).enhancedPacket(0, T * 1_000_000 + 7, 50, 1500, PcapBytes.payload(50, 9)).bytes();
        byte[] le = oneInterface(false).enhancedPacket(0, T * 1_000_000 + 7, 50, 1500, PcapBytes.payload(50, 9)).bytes();
        CaptureRecord a = Reading.all(be).get(0);
        CaptureRecord b = Reading.all(le).get(0);
        assertThat(a.epochSeconds()).isEqualTo(b.epochSeconds()).isEqualTo(T);
        assertThat(a.nanos()).isEqualTo(b.nanos()).isEqualTo(7000);
        assertThat(a.data()).isEqualTo(b.data()).isEqualTo(PcapBytes.payload(50, 9));
        assertThat(a.originalLength()).isEqualTo(1500);
        assertThat(a.truncatedBySnaplen()).isTrue();
        try (CaptureReader r = Reading.open(be)) {
            assertThat(r.bigEndian()).isTrue();
        }
    }

    @Test
    void paddedDataIsNotPartOfThePacket() throws IOException {
        CaptureRecord r = Reading.all(oneInterface(false).enhancedPacket(0, 0, PcapBytes.payload(61, 3)).bytes()).get(0);
        assertThat(r.data()).isEqualTo(PcapBytes.payload(61, 3));
        assertThat(r.capturedLength()).isEqualTo(61);
        assertThat(r.fileOffset()).isEqualTo(28 + 20);
    }

    @Test
    void twoSectionsWithTheirOwnByteOrderAndInterfaces() throws IOException {
        PcapngBytes f = new PcapngBytes().section(false);
        f.interfaceBlock(LinkType.ETHERNET, 0, f.nameOption("first"));
        f.enhancedPacket(0, 1_000_000, new byte[20]);
        f.section(true);
        f.interfaceBlock(LinkType.RAW, 0, f.nameOption("second"));
        f.enhancedPacket(0, 2_000_000, new byte[30]);
        try (CaptureReader r = Reading.open(f.bytes())) {
            List<CaptureRecord> recs = Reading.all(r);
            assertThat(recs).extracting(CaptureRecord::interfaceId).containsExactly(0, 1);
            assertThat(recs).extracting(CaptureRecord::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW);
            assertThat(recs).extracting(CaptureRecord::epochSeconds).containsExactly(1L, 2L);
            assertThat(recs).extracting(CaptureRecord::number).containsExactly(1L, 2L);
            assertThat(r.interfaces()).extracting(InterfaceInfo::name).containsExactly("first", "second");
            assertThat(r.bigEndian()).isFalse();
            assertThat(((PcapngReader) r).sections()).isEqualTo(2);
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void secondSectionDoesNotInheritTheFirstSectionsInterfaces() throws IOException {
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[4])
                .section(false).enhancedPacket(0, 0, new byte[4]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(Reading.ids(r)).containsExactly("capture.packet.unknown_interface");
        }
    }

    @Test
    void sectionHeaderOptionsAreSkipped() throws IOException {
        PcapngBytes f = new PcapngBytes();
        f.section(false, 1, 0, f.option(1, "a comment".getBytes()), f.option(4, "Linux".getBytes()));
        byte[] file = f.interfaceBlock(1, 0).enhancedPacket(0, 0, new byte[8]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).singleElement().extracting(CaptureRecord::fileOffset).isEqualTo(60L + 20);
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void simplePacketTakesThePreviousTimeAndIsMarked() throws IOException {
        byte[] file = new PcapngBytes().section(false).interfaceBlock(LinkType.ETHERNET, 64)
                .enhancedPacket(0, T * 1_000_000 + 5, new byte[10])
                .simplePacket(100, PcapBytes.payload(64, 1))
                .simplePacket(10, PcapBytes.payload(10, 2))
                .bytes();
        try (CaptureReader r = Reading.open(file)) {
            List<CaptureRecord> recs = Reading.all(r);
            assertThat(recs).hasSize(3);
            assertThat(recs.get(1).epochSeconds()).isEqualTo(T);
            assertThat(recs.get(1).nanos()).isEqualTo(5000);
            assertThat(recs.get(1).capturedLength()).isEqualTo(64);
            assertThat(recs.get(1).originalLength()).isEqualTo(100);
            assertThat(recs.get(2).data()).isEqualTo(PcapBytes.payload(10, 2)); // padding excluded
            assertThat(recs.get(2).number()).isEqualTo(3);
            assertThat(r.warnings()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo("capture.packet.no_timestamp");
                assertThat(a.detail()).startsWith("frame 2 ");
            });
        }
    }

    @Test
    void simplePacketFirstInTheFileHasTimeZero() throws IOException {
        byte[] file = oneInterface(true).simplePacket(20, new byte[20]).bytes();
        CaptureRecord r = Reading.all(file).get(0);
        assertThat(r.epochSeconds()).isZero();
        assertThat(r.nanos()).isZero();
    }

    @Test
    void simplePacketIsCutToTheSnaplen() throws IOException {
        byte[] file = new PcapngBytes().section(false).interfaceBlock(LinkType.ETHERNET, 16)
                .simplePacket(100, new byte[20]).bytes();
        CaptureRecord r = Reading.all(file).get(0);
        assertThat(r.capturedLength()).isEqualTo(16);
        assertThat(r.originalLength()).isEqualTo(100);
    }

    @Test
    void obsoletePacketBlockIsRead() throws IOException {
        PcapngBytes f = new PcapngBytes().section(false).interfaceBlock(LinkType.ETHERNET, 0);
        f.interfaceBlock(LinkType.RAW, 0, f.tsresolOption(9));
        f.obsoletePacket(1, T * 1_000_000_000 + 42, PcapBytes.payload(33, 4), 99);
        CaptureRecord r = Reading.all(f.bytes()).get(0);
        assertThat(r.interfaceId()).isEqualTo(1);
        assertThat(r.linkType()).isEqualTo(LinkType.RAW);
        assertThat(r.epochSeconds()).isEqualTo(T);
        assertThat(r.nanos()).isEqualTo(42);
        assertThat(r.data()).isEqualTo(PcapBytes.payload(33, 4));
        assertThat(r.originalLength()).isEqualTo(99);
    }

    @Test
    void unknownBlockTypesAreSkippedWithOneNotePerType() throws IOException {
        byte[] file = oneInterface(false)
                .block(0x1234, new byte[10]).enhancedPacket(0, 0, new byte[4])
                .block(0x1234, new byte[3]).block(0x5678, new byte[0]).enhancedPacket(0, 0, new byte[4]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).extracting(CaptureRecord::number).containsExactly(1L, 2L);
            assertThat(r.warnings()).extracting(Anomaly::id)
                    .containsExactly("capture.block.unknown", "capture.block.unknown");
            assertThat(r.warnings().get(0).detail()).startsWith("block type 0x00001234 at offset 48");
            assertThat(r.warnings().get(1).detail()).startsWith("block type 0x00005678");
        }
    }

    @Test
    void knownNonPacketBlocksAreSkippedSilently() throws IOException {
        byte[] file = oneInterface(false).block(PcapngReader.NRB, new byte[8]).block(PcapngReader.ISB, new byte[24])
                .block(PcapngReader.DSB, new byte[12]).block(PcapngReader.CUSTOM, new byte[9])
                .block(PcapngReader.CUSTOM_NO_COPY, new byte[4]).enhancedPacket(0, 0, new byte[4]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void packetOnAnUndescribedInterfaceIsSkippedWithoutTakingAFrameNumber() throws IOException {
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[4]).enhancedPacket(3, 0, new byte[4])
                .enhancedPacket(3, 0, new byte[4]).enhancedPacket(0, 0, new byte[5]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            List<CaptureRecord> recs = Reading.all(r);
            assertThat(recs).extracting(CaptureRecord::number).containsExactly(1L, 2L);
            assertThat(recs.get(1).capturedLength()).isEqualTo(5);
            assertThat(r.warnings()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo("capture.packet.unknown_interface");
                assertThat(a.detail()).contains("names interface 3, but its section describes 1");
            });
        }
    }

    @Test
    void blockLengthNotAMultipleOfFourEndsReading() throws IOException {
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[4]).rawBlock(6, 42, new byte[30], 42).bytes();
        assertBadLength(file, 1);
    }

    @Test
    void blockLengthBelowTwelveEndsReading() throws IOException {
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[4]).rawBlock(0x1234, 8, new byte[0], 8).bytes();
        assertBadLength(file, 1);
    }

    @Test
    void trailingLengthDifferentFromLeadingEndsReadingWithoutThatPacket() throws IOException {
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[4]).rawBlock(6, 36, new byte[24], 40)
                .enhancedPacket(0, 0, new byte[4]).bytes();
        try (CaptureReader r = assertBadLength(file, 1)) {
            assertThat(r.warnings().get(0).detail()).endsWith("leading length 36 but trailing length 40");
        }
    }

    @Test
    void packetLongerThanItsBlockEndsReading() throws IOException {
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[4])
                .enhancedPacket(0, 0, 2000, 2000, new byte[100]).bytes();
        try (CaptureReader r = assertBadLength(file, 1)) {
            assertThat(r.warnings().get(0).detail()).contains("captured length 2000 does not fit in a block of 132 bytes");
        }
    }

    @Test
    void interfaceBlockTooShortEndsReading() throws IOException {
        byte[] file = new PcapngBytes().section(false).block(PcapngReader.IDB, new byte[4]).bytes();
        assertBadLength(file, 0);
    }

    private static CaptureReader assertBadLength(byte[] file, int packetsBefore) throws IOException {
        CaptureReader r = Reading.open(file);
        assertThat(Reading.all(r)).hasSize(packetsBefore);
        assertThat(Reading.ids(r)).containsExactly("capture.block.bad_length");
        assertThat(r.next()).isNull();
        return r;
    }

    @Test
    void packetAboveTheRecordLimitIsTooLong() throws IOException {
        CaptureLimits small = new CaptureLimits(4096, 256, 1);
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[256]).enhancedPacket(0, 0, new byte[300]).bytes();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(file), "t", small)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(Reading.ids(r)).containsExactly("capture.record.too_long");
        }
    }

    @Test
    void blockAboveTheHardLimitIsTooLongBeforeAnythingIsRead() throws IOException {
        CaptureLimits small = new CaptureLimits(4096, 256, 1);
        byte[] file = oneInterface(false).rawBlock(0x1234, 8192, new byte[0], 8192).bytes();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(file), "t", small)) {
            assertThat(Reading.all(r)).isEmpty();
            assertThat(Reading.ids(r)).containsExactly("capture.record.too_long");
        }
    }

    @Test
    void unsupportedVersionInALaterSectionEndsReading() throws IOException {
        byte[] file = oneInterface(false).enhancedPacket(0, 0, new byte[4]).section(false, 2, 0)
                .interfaceBlock(1, 0).enhancedPacket(0, 0, new byte[4]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(Reading.ids(r)).containsExactly("capture.section.unsupported");
        }
    }

    @Test
    void optionRunningPastTheBlockIsIgnoredAndTheInterfaceKept() throws IOException {
        PcapngBytes f = new PcapngBytes().section(false);
        byte[] liar = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 2).putShort((short) 200)
                .put("eth0".getBytes()).array();
        f.interfaceBlock(LinkType.ETHERNET, 0, liar).enhancedPacket(0, 0, new byte[4]);
        try (CaptureReader r = Reading.open(f.bytes())) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(r.interfaces()).singleElement().extracting(InterfaceInfo::name).isNull();
            assertThat(Reading.ids(r)).containsExactly("capture.block.bad_option");
        }
    }

    @Test
    void absurdInterfaceSnaplenIsAWarning() throws IOException {
        byte[] file = new PcapngBytes().section(false).interfaceBlock(1, 0xFFFF_FFFFL)
                .enhancedPacket(0, 0, new byte[1514]).bytes();
        try (CaptureReader r = Reading.open(file)) {
            assertThat(Reading.all(r)).hasSize(1);
            assertThat(Reading.ids(r)).containsExactly("capture.snaplen.absurd");
        }
    }

    private static byte[] threePackets() {
        PcapngBytes f = new PcapngBytes().section(false);
        f.interfaceBlock(LinkType.ETHERNET, 0, f.nameOption("eth0"));
        return f.enhancedPacket(0, 1, PcapBytes.payload(60, 1)).enhancedPacket(0, 2, PcapBytes.payload(99, 2))
                .enhancedPacket(0, 3, PcapBytes.payload(70, 3)).bytes();
    }

    @Test
    void cutAtEveryOffsetOfTheLastBlockKeepsEveryEarlierPacket() throws IOException {
        byte[] full = threePackets();
        int lastBlock = full.length - (32 + 72);
        for (int cut = lastBlock + 1; cut < full.length; cut++) {
            try (CaptureReader r = Reading.open(Reading.prefix(full, cut))) {
                List<CaptureRecord> recs = Reading.all(r);
                assertThat(recs).as("cut at %d", cut).hasSize(2);
                assertThat(recs.get(1).data()).isEqualTo(PcapBytes.payload(99, 2));
                assertThat(r.warnings()).as("cut at %d", cut).singleElement()
                        .extracting(Anomaly::id).isEqualTo("capture.truncated");
                assertThat(r.next()).isNull();
            }
        }
    }

    @Test
    void cutMessagesCountTheBytesThatArrived() throws IOException {
        byte[] full = threePackets();
        int lastBlock = full.length - (32 + 72);
        try (CaptureReader r = Reading.open(Reading.prefix(full, lastBlock + 5))) {
            Reading.all(r);
            assertThat(r.warnings()).containsExactly(Anomaly.of("capture.truncated",
                    "block at offset " + lastBlock + ": 5 of 8 block header bytes"));
        }
        try (CaptureReader r = Reading.open(Reading.prefix(full, lastBlock + 50))) {
            Reading.all(r);
            assertThat(r.warnings()).containsExactly(Anomaly.of("capture.truncated",
                    "record 3 at offset " + lastBlock + " (Enhanced Packet Block): 50 of 104 block bytes"));
        }
    }

    @Test
    void cutAtEveryOffsetOfAnInterfaceBlockGivesNoPacketAndATruncation() throws IOException {
        byte[] full = threePackets();
        int idbEnd = 28 + 20 + 12; // SHB, IDB with "eth0" option and end-of-options
        for (int cut = 29; cut < idbEnd; cut++) {
            try (CaptureReader r = Reading.open(Reading.prefix(full, cut))) {
                assertThat(Reading.all(r)).isEmpty();
                assertThat(Reading.ids(r)).as("cut at %d", cut).containsExactly("capture.truncated");
            }
        }
    }

    @Test
    void oneByteReadsGiveTheSamePackets() throws IOException {
        PcapngBytes f = new PcapngBytes().section(true);
        f.interfaceBlock(LinkType.ETHERNET, 0, f.nameOption("eth0"), f.tsresolOption(9));
        f.block(0x1234, new byte[7]).enhancedPacket(0, 5, PcapBytes.payload(300, 1)).simplePacket(9, new byte[9]);
        byte[] file = f.bytes();
        List<CaptureRecord> expected = Reading.all(file);
        try (CaptureReader r = Captures.open(Reading.oneByteAtATime(file), "slow")) {
            List<CaptureRecord> got = Reading.all(r);
            assertThat(got).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(got.get(i).data()).isEqualTo(expected.get(i).data());
                assertThat(got.get(i).nanos()).isEqualTo(expected.get(i).nanos());
                assertThat(got.get(i).fileOffset()).isEqualTo(expected.get(i).fileOffset());
            }
            assertThat(r.interfaces()).singleElement().extracting(InterfaceInfo::name).isEqualTo("eth0");
        }
    }
}
