package io.sipvista.media;

import io.sipvista.store.ByteSink;
import io.sipvista.store.ByteSource;
import io.sipvista.store.Codec;

/**
 * Writes a {@link StreamSeries} to bytes and reads it back equal: the interval length, the number of intervals,
 * the packets of each, the loss of each (one byte when nothing was lost) and the jitter of each as its bits. What
 * {@link io.sipvista.store.RecordCodec} is given for the series of a stream.
 */
public final class StreamSeriesCodec implements Codec<StreamSeries> {
    /** The codec; it holds nothing. */
    public static final StreamSeriesCodec INSTANCE = new StreamSeriesCodec();

    private StreamSeriesCodec() {
    }

    @Override
    public void write(StreamSeries s, ByteSink out) {
        int size = s.size();
        out.writeVarLong(s.intervalMs()).writeVarLong(size);
        for (int i = 0; i < size; i++) {
            out.writeVarLong(s.packets(i));
        }
        boolean anyLost = false;
        for (int i = 0; i < size && !anyLost; i++) {
            anyLost = s.lost(i) != 0;
        }
        out.writeBoolean(anyLost);
        if (anyLost) {
            for (int i = 0; i < size; i++) {
                out.writeVarLong(s.lost(i));
            }
        }
        for (int i = 0; i < size; i++) {
            out.writeDouble(s.jitterMaxMs(i));
        }
    }

    @Override
    public StreamSeries read(ByteSource in) {
        long intervalMs = in.readVarLong();
        long n = in.readVarLong();
        if (n < 0 || n > StreamSeries.MAX_INTERVALS) {
            throw new IllegalStateException("a series of " + n + " intervals at " + in.position());
        }
        int size = (int) n;
        long[] packets = new long[size];
        for (int i = 0; i < size; i++) {
            packets[i] = in.readVarLong();
        }
        long[] lost = new long[size];
        if (in.readBoolean()) {
            for (int i = 0; i < size; i++) {
                lost[i] = in.readVarLong();
            }
        }
        double[] jitter = new double[size];
        for (int i = 0; i < size; i++) {
            jitter[i] = in.readDouble();
        }
        return new StreamSeries(intervalMs, packets, lost, jitter);
    }
}
