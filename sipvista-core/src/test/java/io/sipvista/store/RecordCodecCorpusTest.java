package io.sipvista.store;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.MediaStream;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.correlate.Call;
import io.sipvista.frame.FrameLimits;
import io.sipvista.insight.Finding;
import io.sipvista.media.StreamSeries;
import io.sipvista.media.StreamSeriesCodec;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every call, stream and finding the analysis gives for the corpus and a generated capture comes back equal. */
class RecordCodecCorpusTest {
    private static final RecordCodec<Call> CALLS = RecordCodec.of(Call.class);
    private static final RecordCodec<MediaStream> STREAMS =
            RecordCodec.of(MediaStream.class, Map.of(StreamSeries.class, StreamSeriesCodec.INSTANCE));
    private static final RecordCodec<Finding> FINDINGS = RecordCodec.of(Finding.class);

    /** What one capture's results took: counts and bytes. */
    private record Tally(long calls, long callBytes, long streams, long streamBytes, long findings,
                         long findingBytes) {
        Tally plus(Tally t) {
            return new Tally(calls + t.calls, callBytes + t.callBytes, streams + t.streams,
                    streamBytes + t.streamBytes, findings + t.findings, findingBytes + t.findingBytes);
        }
    }

    private static Path pcaps() {
        String prop = System.getProperty("sipvista.root");
        Path p = prop != null ? Paths.get(prop).toAbsolutePath() : Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus").resolve("pcaps"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with corpus/pcaps").isNotNull();
        return p.resolve("corpus").resolve("pcaps");
    }

    /** Each value alone, then all of them in one sink, read back in order; the bytes each took. */
    private static <T extends Record> long roundTrip(String what, RecordCodec<T> codec, List<T> values) {
        ByteSink one = new ByteSink(0);
        ByteSink all = new ByteSink(0);
        for (T v : values) {
            one.clear();
            codec.write(v, one);
            ByteSource in = new ByteSource(one.array(), 0, one.size());
            assertThat(codec.read(in)).as("%s: %s", what, v).isEqualTo(v);
            assertThat(in.atEnd()).as("%s: all read", what).isTrue();
            codec.write(v, all);
        }
        ByteSource in = new ByteSource(all.array(), 0, all.size());
        List<T> back = new ArrayList<>();
        while (!in.atEnd()) {
            back.add(codec.read(in));
        }
        assertThat(back).as(what).isEqualTo(values);
        return all.size();
    }

    private static Tally roundTrip(String capture, CaptureAnalysis.Result r) {
        return new Tally(r.calls().size(), roundTrip(capture + " calls", CALLS, r.calls()),
                r.streams().size(), roundTrip(capture + " streams", STREAMS, r.streams()),
                r.findings().size(), roundTrip(capture + " findings", FINDINGS, r.findings()));
    }

    @Test
    void theResultTypesAreCoveredAndTheSeriesNeedsItsCodec() {
        assertThat(CALLS.type()).isEqualTo(Call.class);
        assertThat(FINDINGS.type()).isEqualTo(Finding.class);
        assertThatThrownBy(() -> RecordCodec.of(MediaStream.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MediaStream.series");
    }

    @Test
    void everyCorpusResultComesBackEqual() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(pcaps())) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(35);
        Tally total = new Tally(0, 0, 0, 0, 0, 0);
        long series = 0;
        for (Path f : files) {
            CaptureAnalysis.Result r;
            try (CaptureReader reader = Captures.open(f)) {
                r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT);
            }
            total = total.plus(roundTrip(f.getFileName().toString(), r));
            series += r.streams().stream().filter(s -> s.series() != null).count();
        }
        assertThat(total.calls()).isGreaterThan(20);
        assertThat(total.streams()).isGreaterThan(20);
        assertThat(total.findings()).isGreaterThan(20);
        assertThat(series).isPositive();
    }

    @Test
    void aGeneratedCaptureComesBackEqual() throws IOException {
        SyntheticCalls.Options o = new SyntheticCalls.Options(200, SyntheticCalls.Options.ratePerSecond(20, 10), 10,
                0.1, 0.05, true, 23, true).withRtcp(true).withRegistrations(60).withNotFoundShare(0.05);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(o, w);
        }
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(bytes.toByteArray()), "synthetic.pcap")) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY);
        }
        Tally t = roundTrip("synthetic", r);
        assertThat(t.calls()).isEqualTo(200);
        assertThat(t.streams()).isGreaterThan(200);
        assertThat(t.callBytes() / t.calls()).as("bytes a call (about 700 before deflating)").isLessThan(1500);
    }
}
