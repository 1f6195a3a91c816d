package io.sipvista.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngWriterTest {

    /** One block read back: its type and body (between the two length fields). */
    record Block(int type, byte[] body, ByteOrder order) {
        ByteBuffer buf() {
            return ByteBuffer.wrap(body).order(order);
        }
    }

    /** Walks blocks, checking both total lengths agree and are multiples of 4; follows SHB byte order. */
    static List<Block> blocks(byte[] file) {
        List<Block> list = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file);
        int at = 0;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        while (at < file.length) {
            if (b.order(ByteOrder.BIG_ENDIAN).getInt(at) == 0x0A0D0D0A) {
                order = b.order(ByteOrder.BIG_ENDIAN).getInt(at + 8) == 0x1A2B3C4D
                        ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            b.order(order);
            int type = b.getInt(at);
            int total = b.getInt(at + 4);
            assertThat(total % 4).isZero();
            assertThat(b.getInt(at + total - 4)).isEqualTo(total);
            list.add(new Block(type, WireCheck.slice(file, at + 8, at + total - 4), order));
            at += total;
        }
        assertThat(at).isEqualTo(file.length);
        return list;
    }

    private static byte[] frame(int length) {
        byte[] f = new byte[length];
        for (int i = 0; i < length; i++) {
            f[i] = (byte) (0x40 + i);
        }
        return f;
    }

    @Test
    void sectionHeaderBlockIsVersionOneWithUnknownLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapngWriter(out, false).close();
        byte[] f = out.toByteArray();
        assertThat(f).hasSize(28);
        Block shb = blocks(f).get(0);
        assertThat(shb.type()).isEqualTo(0x0A0D0D0A);
        assertThat(shb.buf().getInt(0)).isEqualTo(0x1A2B3C4D);
        assertThat(f[8]).isEqualTo((byte) 0x4D);
        assertThat(shb.buf().getShort(4)).isEqualTo((short) 1);
        assertThat(shb.buf().getShort(6)).isEqualTo((short) 0);
        assertThat(shb.buf().getLong(8)).isEqualTo(-1L);
    }

    @Test
    void bigEndianSectionWritesByteOrderMagicInNetworkOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapngWriter(out, true).close();
        byte[] f = out.toByteArray();
        assertThat(WireCheck.slice(f, 8, 12)).containsExactly(0x1A, 0x2B, 0x3C, 0x4D);
        assertThat(WireCheck.u32(f, 4)).isEqualTo(28);
    }

    @Test
    void interfaceBlockCarriesNameAndResolutionOptions() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            assertThat(w.addInterface(1, 262144, 9, "eth0")).isZero();
            assertThat(w.addInterface(113, 0, 6, null)).isEqualTo(1);
        }
        List<Block> blocks = blocks(out.toByteArray());
        Block idb = blocks.get(1);
        ByteBuffer b = idb.buf();
        assertThat(idb.type()).isEqualTo(1);
        assertThat(b.getShort(0)).isEqualTo((short) 1);
        assertThat(b.getInt(4)).isEqualTo(262144);
        assertThat(b.getShort(8)).isEqualTo((short) 2);
        assertThat(b.getShort(10)).isEqualTo((short) 4);
        assertThat(new String(idb.body(), 12, 4, StandardCharsets.UTF_8)).isEqualTo("eth0");
        assertThat(b.getShort(16)).isEqualTo((short) 9);
        assertThat(b.getShort(18)).isEqualTo((short) 1);
        assertThat(idb.body()[20]).isEqualTo((byte) 9);
        assertThat(b.getShort(24)).isZero();
        assertThat(b.getShort(26)).isZero();
        assertThat(idb.body()).hasSize(28);
        assertThat(blocks.get(2).buf().getShort(0)).isEqualTo((short) 113);
    }

    @Test
    void interfaceWithoutResolutionOptionHasNoOptionsAtAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            w.addInterface(1, 0, -1, null);
        }
        assertThat(blocks(out.toByteArray()).get(1).body()).hasSize(8);
    }

    private static long epbUnits(Block epb) {
        ByteBuffer b = epb.buf();
        return (b.getInt(4) & 0xffffffffL) << 32 | (b.getInt(8) & 0xffffffffL);
    }

    @Test
    void enhancedPacketTimestampInMicroseconds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            int id = w.addInterface(1, 0, 6, null);
            w.enhancedPacket(id, 1276779589L, 443_688_500, frame(10), 10);
        }
        Block epb = blocks(out.toByteArray()).get(2);
        assertThat(epb.type()).isEqualTo(6);
        assertThat(epbUnits(epb)).isEqualTo(1276779589L * 1_000_000L + 443_688L);
    }

    @Test
    void enhancedPacketTimestampInNanoseconds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, true)) {
            int id = w.addInterface(1, 0, 9, null);
            w.enhancedPacket(id, 1276779589L, 443_688_500, frame(10), 10);
        }
        assertThat(epbUnits(blocks(out.toByteArray()).get(2))).isEqualTo(1276779589_443_688_500L);
    }

    @Test
    void enhancedPacketTimestampInBinaryFractions() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            int id = w.addInterface(1, 0, 0x80 | 20, null);
            w.enhancedPacket(id, 100L, 500_000_000, frame(1), 1);
        }
        assertThat(epbUnits(blocks(out.toByteArray()).get(2))).isEqualTo(100L * (1 << 20) + (1 << 19));
    }

    @Test
    void enhancedPacketIsCutToSnaplenAndPaddedTo32Bits() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            int id = w.addInterface(1, 5, 6, null);
            w.enhancedPacket(id, 1L, 0, frame(9), 9);
        }
        Block epb = blocks(out.toByteArray()).get(2);
        assertThat(epb.buf().getInt(12)).isEqualTo(5);
        assertThat(epb.buf().getInt(16)).isEqualTo(9);
        assertThat(epb.body()).hasSize(20 + 8);
        assertThat(WireCheck.slice(epb.body(), 20, 25)).isEqualTo(WireCheck.slice(frame(9), 0, 5));
        assertThat(WireCheck.slice(epb.body(), 25, 28)).containsOnly(0);
    }

    @Test
    void simplePacketCarriesOriginalLengthAndData() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            w.addInterface(1, 0, 6, null);
            w.simplePacket(frame(6), 1500);
        }
        Block spb = blocks(out.toByteArray()).get(2);
        assertThat(spb.type()).isEqualTo(3);
        assertThat(spb.buf().getInt(0)).isEqualTo(1500);
        assertThat(WireCheck.slice(spb.body(), 4, 10)).isEqualTo(frame(6));
        assertThat(spb.body()).hasSize(12);
    }

    @Test
    void rawBlockOfUnknownTypeIsFramedAndPadded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            w.rawBlock(0x0BADBEEF, new byte[] {1, 2, 3});
        }
        Block raw = blocks(out.toByteArray()).get(1);
        assertThat(raw.type()).isEqualTo(0x0BADBEEF);
        assertThat(raw.body()).containsExactly(1, 2, 3, 0);
    }

    @Test
    void packetForAnUndeclaredInterfaceIsAProgrammingError() throws IOException {
        PcapngWriter w = new PcapngWriter(new ByteArrayOutputStream(), false);
        assertThatThrownBy(() -> w.enhancedPacket(0, 1L, 0, frame(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newSectionMayChangeByteOrderAndRestartsInterfaceIds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            w.addInterface(1, 0, 6, null);
            w.addInterface(1, 0, 6, null);
            w.section(true);
            assertThat(w.addInterface(101, 0, 9, null)).isZero();
            w.enhancedPacket(0, 2L, 5, frame(4), 4);
        }
        List<Block> blocks = blocks(out.toByteArray());
        assertThat(blocks).extracting(Block::type).containsExactly(0x0A0D0D0A, 1, 1, 0x0A0D0D0A, 1, 6);
        assertThat(blocks.get(4).order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(blocks.get(4).buf().getShort(0)).isEqualTo((short) 101);
        assertThat(epbUnits(blocks.get(5))).isEqualTo(2_000_000_005L);
    }
}
