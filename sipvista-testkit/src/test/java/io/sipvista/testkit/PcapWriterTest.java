package io.sipvista.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcapWriterTest {

    private static byte[] frame(int length) {
        byte[] f = new byte[length];
        for (int i = 0; i < length; i++) {
            f[i] = (byte) (i * 3 + 1);
        }
        return f;
    }

    @Test
    void microsecondLittleEndianHeaderIsLibpcapLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, 1, 65535, false, false).close();
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.size()).isEqualTo(24);
        assertThat(b.getInt(0)).isEqualTo(0xa1b2c3d4);
        assertThat(out.toByteArray()[0]).isEqualTo((byte) 0xd4);
        assertThat(b.getShort(4)).isEqualTo((short) 2);
        assertThat(b.getShort(6)).isEqualTo((short) 4);
        assertThat(b.getInt(8)).isZero();
        assertThat(b.getInt(12)).isZero();
        assertThat(b.getInt(16)).isEqualTo(65535);
        assertThat(b.getInt(20)).isEqualTo(1);
    }

    @Test
    void nanosecondBigEndianHeaderUsesNanoMagicInNetworkOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, PcapWriter.LINKTYPE_LINUX_SLL, 256, true, true).close();
        byte[] h = out.toByteArray();
        assertThat(h).startsWith((byte) 0xa1, (byte) 0xb2, (byte) 0x3c, (byte) 0x4d);
        PcapFile f = PcapFile.parse(h);
        assertThat(f.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(f.nanos()).isTrue();
        assertThat(f.snaplen()).isEqualTo(256);
        assertThat(f.linkType()).isEqualTo(113);
    }

    @Test
    void microsecondFileTruncatesNanosToMicros() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 1, 65535, false, false)) {
            w.write(1276779589L, 443_688_999, frame(60));
        }
        PcapFile.Record r = PcapFile.parse(out.toByteArray()).records().get(0);
        assertThat(r.seconds()).isEqualTo(1276779589L);
        assertThat(r.fraction()).isEqualTo(443_688);
        assertThat(r.included()).isEqualTo(60);
        assertThat(r.original()).isEqualTo(60);
        assertThat(r.data()).isEqualTo(frame(60));
    }

    @Test
    void nanosecondFileKeepsNanos() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 1, 65535, true, true)) {
            w.write(7L, 999_999_999, frame(3));
        }
        PcapFile.Record r = PcapFile.parse(out.toByteArray()).records().get(0);
        assertThat(r.seconds()).isEqualTo(7L);
        assertThat(r.fraction()).isEqualTo(999_999_999L);
    }

    @Test
    void frameLongerThanSnaplenIsCutAndKeepsItsOriginalLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 1, 64, false, false)) {
            w.write(1L, 0, frame(100));
        }
        PcapFile.Record r = PcapFile.parse(out.toByteArray()).records().get(0);
        assertThat(r.included()).isEqualTo(64);
        assertThat(r.original()).isEqualTo(100);
        assertThat(r.data()).isEqualTo(WireCheck.slice(frame(100), 0, 64));
    }

    @Test
    void explicitOriginalLengthIsWrittenAsGiven() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 1, 65535, false, false)) {
            w.write(1L, 0, frame(40), 1514);
        }
        PcapFile.Record r = PcapFile.parse(out.toByteArray()).records().get(0);
        assertThat(r.included()).isEqualTo(40);
        assertThat(r.original()).isEqualTo(1514);
    }

    @Test
    void recordsFollowEachOtherInWriteOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 1, 65535, false, true)) {
            w.write(10L, 1_000, frame(5));
            w.write(11L, 2_000, frame(7));
            w.write(12L, 3_000, frame(9));
        }
        PcapFile f = PcapFile.parse(out.toByteArray());
        assertThat(f.records()).extracting(PcapFile.Record::seconds).containsExactly(10L, 11L, 12L);
        assertThat(f.records()).extracting(PcapFile.Record::fraction).containsExactly(1L, 2L, 3L);
        assertThat(f.records()).extracting(PcapFile.Record::included).containsExactly(5, 7, 9);
        assertThat(out.size()).isEqualTo(24 + 3 * 16 + 5 + 7 + 9);
    }

    @Test
    void rawRecordWritesLengthsThatNeedNotMatchTheData() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 1, 65535, false, false)) {
            w.rawRecord(1L, 2L, 0x7fffffffL, 10L, frame(4), 4);
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.size()).isEqualTo(24 + 16 + 4);
        assertThat(b.getInt(24 + 8)).isEqualTo(0x7fffffff);
        assertThat(b.getInt(24 + 12)).isEqualTo(10);
    }

    @Test
    void nanosOutsideOneSecondAreAProgrammingError() throws IOException {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream(), 1, 65535, false, false);
        assertThatThrownBy(() -> w.write(1L, 1_000_000_000, frame(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.write(1L, -1, frame(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
