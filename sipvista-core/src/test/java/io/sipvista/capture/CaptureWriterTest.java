package io.sipvista.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Records written out read back the same, in pcap and pcapng, and tshark opens the files. */
class CaptureWriterTest {
    @TempDir
    Path dir;

    private static CaptureRecord record(long n, int itf, int linkType, long sec, int nanos, int digits, int len) {
        byte[] data = new byte[len];
        for (int i = 0; i < len; i++) {
            data[i] = (byte) (n * 31 + i);
        }
        return new CaptureRecord(n, itf, linkType, sec, nanos, digits, len, len + 10, data, 0);
    }

    private static List<CaptureRecord> readBack(byte[] file) throws IOException {
        List<CaptureRecord> out = new ArrayList<>();
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(file), "written")) {
            for (CaptureRecord c = r.next(); c != null; c = r.next()) {
                out.add(c);
            }
            assertThat(r.warnings()).isEmpty();
        }
        return out;
    }

    @Test
    void pcapKeepsTimesBytesAndOriginalLengths() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureWriter.pcap(bytes, 1, 6)) {
            w.write(record(5, 0, 1, 1_276_779_588L, 71_530_000, 6, 60));
            w.write(record(9, 0, 1, 1_276_779_589L, 999_999_000, 6, 61));
            assertThat(w.records()).isEqualTo(2);
        }
        List<CaptureRecord> back = readBack(bytes.toByteArray());
        assertThat(back).hasSize(2);
        assertThat(back.get(0).epochSeconds()).isEqualTo(1_276_779_588L);
        assertThat(back.get(0).nanos()).isEqualTo(71_530_000);
        assertThat(back.get(1).nanos()).isEqualTo(999_999_000);
        assertThat(back.get(1).data()).isEqualTo(record(9, 0, 1, 0, 0, 6, 61).data());
        assertThat(back.get(1).originalLength()).isEqualTo(71);
        assertThat(back.get(0).linkType()).isEqualTo(1);
    }

    @Test
    void nanosecondPcapKeepsNanoseconds() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureWriter.pcap(bytes, 101, 9)) {
            w.write(record(1, 0, 101, 100, 123_456_789, 9, 20));
        }
        CaptureRecord back = readBack(bytes.toByteArray()).get(0);
        assertThat(back.nanos()).isEqualTo(123_456_789);
        assertThat(back.timeDigits()).isEqualTo(9);
    }

    @Test
    void pcapRefusesARecordOfAnotherLinkType() throws IOException {
        try (CaptureWriter w = CaptureWriter.pcap(new ByteArrayOutputStream(), 1, 6)) {
            assertThatThrownBy(() -> w.write(record(1, 0, 113, 0, 0, 6, 10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link type 113");
        }
    }

    @Test
    void pcapngDeclaresEachInterfaceAndKeepsItsClock() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = CaptureWriter.pcapng(bytes)) {
            w.write(record(1, 0, 1, 1_600_000_000L, 1_000, 6, 33));
            w.write(record(2, 3, 113, 1_600_000_001L, 123_456_789, 9, 47));
            w.write(record(3, 0, 1, 1_600_000_002L, 5_000, 6, 48));
        }
        List<CaptureRecord> back = readBack(bytes.toByteArray());
        assertThat(back).extracting(CaptureRecord::linkType).containsExactly(1, 113, 1);
        assertThat(back).extracting(CaptureRecord::interfaceId).containsExactly(0, 1, 0);
        assertThat(back.get(1).nanos()).isEqualTo(123_456_789);
        assertThat(back.get(0).nanos()).isEqualTo(1_000);
        assertThat(back.get(1).data()).isEqualTo(record(2, 0, 0, 0, 0, 9, 47).data());
        assertThat(back.get(2).capturedLength()).isEqualTo(48);
    }

    @Test
    void tsharkOpensBothFormats() throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not installed");
        for (boolean ng : new boolean[] {false, true}) {
            Path file = dir.resolve(ng ? "x.pcapng" : "x.pcap");
            try (CaptureWriter w = ng ? CaptureWriter.pcapng(Files.newOutputStream(file))
                    : CaptureWriter.pcap(Files.newOutputStream(file), 1, 6)) {
                for (int i = 1; i <= 3; i++) {
                    w.write(record(i, 0, 1, 1_600_000_000L + i, 0, 6, 60));
                }
            }
            Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e",
                    "frame.number").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out.lines().filter(l -> l.matches("\\d+")).toList()).containsExactly("1", "2", "3");
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
