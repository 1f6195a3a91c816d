package io.sipvista.analysis;

import io.sipvista.correlate.Call;
import io.sipvista.media.StreamSeries;
import io.sipvista.media.StreamSeriesCodec;
import io.sipvista.store.Codec;
import io.sipvista.store.RecordCodec;

import java.util.Map;

/** How finished calls and streams are kept as bytes ({@link FinishedList}); built once, immutable. */
final class Summaries {
    static final Codec<Call> CALLS = RecordCodec.of(Call.class);
    static final Codec<MediaStream> STREAMS = RecordCodec.of(MediaStream.class,
            Map.of(StreamSeries.class, StreamSeriesCodec.INSTANCE));

    private Summaries() {
    }
}
