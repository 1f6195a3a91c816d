package io.sipvista.media;

import io.sipvista.store.ByteSink;
import io.sipvista.store.ByteSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamSeriesCodecTest {
    private static final double NAN = Double.longBitsToDouble(0x7FF8_0000_0000_0042L);

    @Test
    void seriesComeBackEqualOneAfterAnother() {
        List<StreamSeries> all = List.of(
                new StreamSeries(1000, new long[0], new long[0], new double[0]),
                new StreamSeries(1000, new long[] {50, 0, 49}, new long[3], new double[] {1.5, NAN, -0.0}),
                new StreamSeries(2000, new long[] {100, 3}, new long[] {2, 0}, new double[] {0.25, 7}),
                new StreamSeries(Long.MAX_VALUE, new long[] {Long.MAX_VALUE, -1}, new long[] {Long.MIN_VALUE, 1L << 40},
                        new double[] {Double.POSITIVE_INFINITY, Double.MIN_VALUE}));
        ByteSink sink = new ByteSink(0);
        for (StreamSeries s : all) {
            StreamSeriesCodec.INSTANCE.write(s, sink);
        }
        ByteSource in = new ByteSource(sink.array(), 0, sink.size());
        for (StreamSeries s : all) {
            StreamSeries back = StreamSeriesCodec.INSTANCE.read(in);
            assertThat(back).isEqualTo(s);
            for (int i = 0; i < s.size(); i++) {
                assertThat(Double.doubleToRawLongBits(back.jitterMaxMs(i)))
                        .isEqualTo(Double.doubleToRawLongBits(s.jitterMaxMs(i)));
            }
        }
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void aSeriesWithNoLossSpendsOneByteOnIt() {
        ByteSink none = new ByteSink(0);
        StreamSeriesCodec.INSTANCE.write(new StreamSeries(1000, new long[] {50, 50}, new long[2], new double[2]), none);
        assertThat(none.size()).isEqualTo(2 + 1 + 2 + 1 + 16); // 1000, 2, the packets, no loss, the jitter
    }

    @Test
    void moreIntervalsThanASeriesHoldsAreRefused() {
        ByteSink sink = new ByteSink(0).writeVarLong(1000).writeVarLong(StreamSeries.MAX_INTERVALS + 1);
        assertThatThrownBy(() -> StreamSeriesCodec.INSTANCE.read(new ByteSource(sink.array(), 0, sink.size())))
                .isInstanceOf(IllegalStateException.class);
    }
}
