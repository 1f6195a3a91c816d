package io.sipvista.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSinkSourceTest {
    private static ByteSource source(ByteSink sink) {
        return new ByteSource(sink.array(), 0, sink.size());
    }

    private static List<Long> longs() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 63L, 64L, 127L, 128L, 255L, 16383L, 16384L, -1L, -64L,
                -65L, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 1L << 62, Long.MIN_VALUE, Long.MAX_VALUE));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        return values;
    }

    @Test
    void varLongsComeBackInOneToTenBytes() {
        ByteSink sink = new ByteSink(0);
        for (long v : longs()) {
            sink.writeVarLong(v);
        }
        ByteSource in = source(sink);
        for (long v : longs()) {
            assertThat(in.readVarLong()).isEqualTo(v);
        }
        assertThat(in.atEnd()).isTrue();

        assertThat(new ByteSink(0).writeVarLong(0).size()).isEqualTo(1);
        assertThat(new ByteSink(0).writeVarLong(127).size()).isEqualTo(1);
        assertThat(new ByteSink(0).writeVarLong(128).size()).isEqualTo(2);
        assertThat(new ByteSink(0).writeVarLong(-1).size()).isEqualTo(10);
        assertThat(new ByteSink(0).writeVarLong(Long.MAX_VALUE).size()).isEqualTo(9);
    }

    @Test
    void zigZagKeepsSmallValuesOfEitherSignShort() {
        ByteSink sink = new ByteSink(0);
        for (long v : longs()) {
            sink.writeZigZag(v);
        }
        ByteSource in = source(sink);
        for (long v : longs()) {
            assertThat(in.readZigZag()).isEqualTo(v);
        }
        assertThat(in.atEnd()).isTrue();
        assertThat(new ByteSink(0).writeZigZag(-1).size()).isEqualTo(1);
        assertThat(new ByteSink(0).writeZigZag(-64).size()).isEqualTo(1);
        assertThat(new ByteSink(0).writeZigZag(64).size()).isEqualTo(2);
        assertThat(new ByteSink(0).writeZigZag(Long.MIN_VALUE).size()).isEqualTo(10);
    }

    @Test
    void doublesComeBackBitForBit() {
        double[] values = {0.0, -0.0, 1.5, -2.25, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7FF0_0000_0000_0ABCL),
            Double.longBitsToDouble(0xFFF8_0000_0000_0001L), Math.PI};
        ByteSink sink = new ByteSink(0);
        for (double v : values) {
            sink.writeDouble(v);
        }
        assertThat(sink.size()).isEqualTo(8 * values.length);
        ByteSource in = source(sink);
        for (double v : values) {
            assertThat(Double.doubleToRawLongBits(in.readDouble())).isEqualTo(Double.doubleToRawLongBits(v));
        }
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void stringsComeBackWithNullAndEmptyApart() {
        List<String> values = Arrays.asList(null, "", "a", "sip:alice@example.com", "Grüße", "日本語", "😀 x 😀",
                "\0", "a".repeat(300), "ü".repeat(100));
        ByteSink sink = new ByteSink(0);
        for (String s : values) {
            sink.writeString(s);
        }
        ByteSource in = source(sink);
        for (String s : values) {
            assertThat(in.readString()).isEqualTo(s);
        }
        assertThat(in.atEnd()).isTrue();
        assertThat(new ByteSink(0).writeString(null).size()).isEqualTo(1);
        assertThat(new ByteSink(0).writeString("").size()).isEqualTo(1);
        assertThat(new ByteSink(0).writeString("😀").size()).isEqualTo(5);
    }

    @Test
    void bytesBooleansAndGrowthPastTheFirstArray() {
        ByteSink sink = new ByteSink(1);
        byte[] block = "0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1000; i++) {
            sink.writeByte(i).writeBoolean(i % 3 == 0).writeBytes(block, i % 10, 10 - i % 10);
        }
        ByteSource in = source(sink);
        for (int i = 0; i < 1000; i++) {
            assertThat(in.readByte()).isEqualTo(i & 0xFF);
            assertThat(in.readBoolean()).isEqualTo(i % 3 == 0);
            for (int j = i % 10; j < 10; j++) {
                assertThat(in.readByte()).isEqualTo(block[j]);
            }
        }
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void truncateForgetsTheTailAndRemainingCountsDown() {
        ByteSink sink = new ByteSink(0).writeVarLong(300).writeString("kept");
        int mark = sink.size();
        sink.writeString("dropped").writeDouble(1);
        sink.truncate(mark);
        sink.writeByte(9);
        ByteSource in = source(sink);
        assertThat(in.remaining()).isEqualTo(mark + 1);
        assertThat(in.readVarLong()).isEqualTo(300);
        assertThat(in.readString()).isEqualTo("kept");
        assertThat(in.remaining()).isEqualTo(1);
        assertThat(in.readByte()).isEqualTo(9);
        assertThat(in.remaining()).isZero();
        assertThatThrownBy(() -> sink.truncate(sink.size() + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sink.truncate(-1)).isInstanceOf(IllegalArgumentException.class);
        sink.clear();
        assertThat(sink.size()).isZero();
    }

    @Test
    void rememberedStringsTakeSlotsInTurnAndAreFoundByIdentity() {
        ByteSink sink = new ByteSink(0);
        ByteSource in = new ByteSource(new byte[0], 0, 0);
        String[] s = new String[ByteSink.RECENT + 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = "s" + i;
            assertThat(sink.recentSlot(s[i])).isEqualTo(-1);
            sink.remember(s[i]);
            in.remember(s[i]);
        }
        // the first two slots were taken again by the last two strings
        assertThat(sink.recentSlot(s[0])).isEqualTo(-1);
        assertThat(sink.recentSlot(s[s.length - 1])).isEqualTo(1);
        assertThat(sink.recentSlot(s[2])).isEqualTo(2);
        assertThat(sink.recentSlot(new String(s[2]))).as("an equal copy").isEqualTo(-1);
        assertThat(in.recent(1)).isSameAs(s[s.length - 1]);
        sink.forgetRecent();
        in.forgetRecent();
        assertThat(sink.recentSlot(s[2])).isEqualTo(-1);
        assertThatThrownBy(() -> in.recent(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readingPastTheEndThrows() {
        ByteSink sink = new ByteSink(0).writeByte(1);
        assertThatThrownBy(() -> {
            ByteSource in = source(sink);
            in.readByte();
            in.readByte();
        }).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> source(sink).readDouble()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> source(new ByteSink(0).writeByte(0x80)).readVarLong())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> source(new ByteSink(0).writeVarLong(5).writeByte('a')).readString())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> source(new ByteSink(0).writeByte(2)).readBoolean())
                .isInstanceOf(IllegalStateException.class);
        byte[] eleven = new byte[11];
        Arrays.fill(eleven, (byte) 0x80);
        assertThatThrownBy(() -> new ByteSource(eleven, 0, 11).readVarLong())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ByteSource(eleven, 0, 12)).isInstanceOf(IllegalArgumentException.class);
        ByteSource part = new ByteSource(new byte[] {5, 6, 7}, 1, 2);
        assertThat(part.readByte()).isEqualTo(6);
        assertThat(part.atEnd()).isTrue();
        ByteSource skipping = new ByteSource(new byte[] {1, 2, 3, 4}, 0, 4);
        skipping.skip(2);
        assertThat(skipping.readByte()).isEqualTo(3);
        assertThatThrownBy(() -> skipping.skip(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> skipping.skip(-1)).isInstanceOf(IllegalStateException.class);
        skipping.skip(1);
        assertThat(skipping.atEnd()).isTrue();
    }
}
