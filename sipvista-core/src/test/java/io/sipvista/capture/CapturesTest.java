package io.sipvista.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapturesTest {

    private static byte[] onePacketPcap(boolean bigEndian, boolean nanos) {
        return new PcapBytes(bigEndian, nanos).record(1_700_000_000L, 5, PcapBytes.payload(60, 1)).bytes();
    }

    private static byte[] onePacketPcapng(boolean bigEndian) {
        return new PcapngBytes().section(bigEndian).interfaceBlock(LinkType.ETHERNET, 0)
                .enhancedPacket(0, 1_700_000_000_000_005L, PcapBytes.payload(60, 1)).bytes();
    }

    private static String refusal(byte[] file) {
        try {
            Reading.open(file).close();
        } catch (CaptureFormatException e) {
            assertThat(e.source()).isEqualTo("test");
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("input was accepted");
    }

    @ParameterizedTest
    @CsvSource({"false,false,6", "true,false,6", "false,true,9", "true,true,9"})
    void recognisesEveryPcapMagicInBothByteOrders(boolean bigEndian, boolean nanos, int digits) throws IOException {
        try (CaptureReader r = Reading.open(onePacketPcap(bigEndian, nanos))) {
            assertThat(r.format()).isEqualTo("pcap");
            assertThat(r.bigEndian()).isEqualTo(bigEndian);
            assertThat(r.interfaces()).singleElement().extracting(InterfaceInfo::timeDigits).isEqualTo(digits);
            CaptureRecord rec = r.next();
            assertThat(rec.epochSeconds()).isEqualTo(1_700_000_000L);
            assertThat(rec.nanos()).isEqualTo(nanos ? 5 : 5000);
            assertThat(r.next()).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void recognisesPcapngInBothByteOrders(boolean bigEndian) throws IOException {
        try (CaptureReader r = Reading.open(onePacketPcapng(bigEndian))) {
            assertThat(r.format()).isEqualTo("pcapng");
            assertThat(r.bigEndian()).isEqualTo(bigEndian);
            assertThat(Reading.all(r)).hasSize(1);
        }
    }

    @Test
    void gzipCompressedPcapIsReadTransparently() throws IOException {
        byte[] plain = new PcapBytes(false, false).record(1, 2, PcapBytes.payload(100, 3))
                .record(4, 5, PcapBytes.payload(200, 4)).bytes();
        try (CaptureReader r = Reading.open(Reading.gzip(plain))) {
            assertThat(r.format()).isEqualTo("pcap");
            List<CaptureRecord> recs = Reading.all(r);
            assertThat(recs).hasSize(2);
            assertThat(recs.get(1).data()).isEqualTo(PcapBytes.payload(200, 4));
            assertThat(recs.get(1).fileOffset()).isEqualTo(24 + 16 + 100);
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void gzipCompressedPcapngIsReadTransparently() throws IOException {
        try (CaptureReader r = Reading.open(Reading.gzip(onePacketPcapng(true)))) {
            assertThat(r.format()).isEqualTo("pcapng");
            assertThat(r.bigEndian()).isTrue();
            assertThat(Reading.all(r)).hasSize(1);
        }
    }

    @Test
    void gzipInsideGzipIsUnpackedToo() throws IOException {
        assertThat(Reading.all(Reading.gzip(Reading.gzip(onePacketPcap(false, false))))).hasSize(1);
    }

    @Test
    void gzipCutShortKeepsEarlierRecordsAndSaysTheCompressionIsDamaged() throws IOException {
        PcapBytes pcap = new PcapBytes(false, false);
        for (int i = 0; i < 50; i++) {
            pcap.record(i, 0, PcapBytes.payload(1000, i));
        }
        byte[] gz = Reading.gzip(pcap.bytes());
        try (CaptureReader r = Reading.open(Arrays.copyOf(gz, gz.length / 2))) {
            List<CaptureRecord> recs = Reading.all(r);
            assertThat(recs).isNotEmpty().hasSizeLessThan(50);
            assertThat(Reading.ids(r)).contains("capture.gzip.corrupt");
        }
    }

    @Test
    void gzipWithAFlippedByteEndsWithTheDamageNamed() throws IOException {
        PcapBytes pcap = new PcapBytes(false, false);
        for (int i = 0; i < 20; i++) {
            pcap.record(i, 0, PcapBytes.payload(500, i * 31));
        }
        byte[] gz = Reading.gzip(pcap.bytes());
        gz[gz.length - 6] ^= 0x55; // inside the CRC-32 trailer
        try (CaptureReader r = Reading.open(gz)) {
            Reading.all(r);
            assertThat(Reading.ids(r)).containsExactly("capture.gzip.corrupt");
            assertThat(r.warnings().get(0).detail()).startsWith("the compressed data is damaged");
        }
    }

    @Test
    void detectsByContentNotByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.write(file, onePacketPcap(false, false));
        try (CaptureReader r = Captures.open(file)) {
            assertThat(r.format()).isEqualTo("pcap");
            assertThat(Reading.all(r)).hasSize(1);
        }
    }

    @Test
    void emptyFile() {
        assertThat(refusal(new byte[0])).isEqualTo("the file is empty");
    }

    @Test
    void emptyGzip() {
        assertThat(refusal(Reading.gzip(new byte[0]))).isEqualTo("the file is gzip-compressed and holds nothing");
    }

    @Test
    void gzipWithDamagedHeader() {
        byte[] gz = Reading.gzip(onePacketPcap(false, false));
        gz[2] = 7; // compression method other than deflate
        assertThat(refusal(gz)).isEqualTo("the file starts like gzip, but its gzip header is damaged");
    }

    @Test
    void textFileIsNamedAsTextWithAPreview() {
        byte[] text = "Hello world\nthis is not a capture\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(refusal(text)).isEqualTo("not a capture file: it looks like text, starting \"Hello world...\"");
    }

    @Test
    void longTextLineIsTrimmedAndQuotesEscaped() {
        byte[] text = "  \"quoted\"\tand a very long line of words that goes on".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(text))
                .isEqualTo("not a capture file: it looks like text, starting \"\\\"quoted\\\"\\tand a very long line of...\"");
    }

    @Test
    void utf8TextIsText() {
        assertThat(refusal("Grüße aus Köln".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("not a capture file: it looks like text, starting \"Grüße aus Köln\"");
    }

    @Test
    void whitespaceOnlyFile() {
        assertThat(refusal(" \n\n\t ".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("not a capture file: it holds only blank space");
    }

    @Test
    void netMonCapture() {
        byte[] netmon = Arrays.copyOf("GMBU".getBytes(StandardCharsets.US_ASCII), 128);
        netmon[4] = 0; netmon[5] = 2;
        assertThat(refusal(netmon)).isEqualTo(
                "this is a Microsoft Network Monitor capture, which sipvista does not read; save it as pcapng");
    }

    @Test
    void snoopCapture() {
        byte[] snoop = Arrays.copyOf("snoop\0\0\0".getBytes(StandardCharsets.US_ASCII), 64);
        assertThat(refusal(snoop)).startsWith("this is a Solaris snoop capture, which sipvista does not read");
    }

    @Test
    void erfCapture() {
        byte[] erf = new byte[2 * 80];
        for (int rec = 0; rec < 2; rec++) {
            int o = rec * 80;
            long seconds = 1_600_000_000L + rec;
            erf[o + 4] = (byte) seconds; erf[o + 5] = (byte) (seconds >> 8);
            erf[o + 6] = (byte) (seconds >> 16); erf[o + 7] = (byte) (seconds >> 24);
            erf[o + 8] = 2;      // TYPE_ETH
            erf[o + 9] = 0x04;   // varying-length record
            erf[o + 11] = 80;    // rlen
            erf[o + 15] = 62;    // wlen
        }
        assertThat(refusal(erf)).startsWith("this looks like an Endace ERF capture, which sipvista does not read");
    }

    @ParameterizedTest
    @CsvSource({"a1b2cd34", "34cdb2a1"})
    void modifiedPcapIsNamedAndRefused(String magic) {
        byte[] file = Arrays.copyOf(hex(magic), 40);
        assertThat(refusal(file)).startsWith("this is a capture in the modified pcap format (magic a1b2cd34");
    }

    @Test
    void unknownBinaryGivesItsFirstBytes() {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0};
        assertThat(refusal(elf)).isEqualTo("not a capture file: unknown format, first bytes 7f 45 4c 46");
    }

    @Test
    void tinyUnknownFileGivesTheBytesThereAre() {
        assertThat(refusal(new byte[] {(byte) 0xa1, (byte) 0xb2})).isEqualTo("not a capture file: unknown format, first bytes a1 b2");
    }

    @Test
    void zstdIsNamed() {
        byte[] zst = Arrays.copyOf(hex("28b52ffd"), 30);
        assertThat(refusal(zst)).isEqualTo(
                "not a capture file: it is zstd-compressed, which sipvista does not unpack; unpack it first");
    }

    @Test
    void pcapHeaderCutShort() {
        assertThat(refusal(Reading.prefix(onePacketPcap(false, false), 10)))
                .isEqualTo("the file ends inside the pcap file header (10 of 24 bytes)");
    }

    @Test
    void pcapHeaderCutShortInsideGzip() {
        assertThat(refusal(Reading.gzip(Reading.prefix(onePacketPcap(true, true), 23))))
                .isEqualTo("the file ends inside the pcap file header (23 of 24 bytes)");
    }

    @Test
    void pcapngSectionHeaderCutShort() {
        byte[] file = onePacketPcapng(false);
        assertThat(refusal(Reading.prefix(file, 8)))
                .isEqualTo("the file ends inside the pcapng section header block (8 of 28 bytes)");
        assertThat(refusal(Reading.prefix(file, 20)))
                .isEqualTo("the file ends inside the pcapng section header block at offset 0 (20 of 28 bytes)");
    }

    @Test
    void pcapngMagicWithoutByteOrderMagicIsNotPcapng() {
        byte[] file = onePacketPcapng(false);
        file[8] = 0x55;
        assertThat(refusal(file)).startsWith("not a capture file: unknown format, first bytes 0a 0d 0d 0a");
    }

    @Test
    void unsupportedPcapMajorVersion() {
        byte[] file = new PcapBytes(false, false, 3, 0, 65535, 1).bytes();
        assertThat(refusal(file)).isEqualTo(
                "this pcap file has version 3.0, which sipvista does not read (only version 2.x exists in practice)");
    }

    @Test
    void unsupportedPcapngMajorVersion() {
        byte[] file = new PcapngBytes().section(false, 2, 0).bytes();
        assertThat(refusal(file)).isEqualTo(
                "this pcapng section (offset 0) has version 2.0, which sipvista does not read (only 1.x)");
    }

    @Test
    void streamVariantReadsFromAnyInputStream() throws IOException {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(onePacketPcap(false, true)), "-")) {
            assertThat(Reading.all(r)).hasSize(1);
        }
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
