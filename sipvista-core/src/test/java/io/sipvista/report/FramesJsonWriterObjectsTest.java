package io.sipvista.report;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.FrameInsights;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FramesJsonWriter#objects}: each frame's object alone, exactly as the document holds it. */
class FramesJsonWriterObjectsTest {
    private static CaptureReader open() throws IOException {
        return Captures.open(new ByteArrayInputStream(SeedCapture.bytes()), "seed");
    }

    @Test
    void eachObjectIsTheDocumentsFrameByteForByte() throws IOException {
        CaptureAnalysis.Result a;
        try (CaptureReader r = open()) {
            a = CaptureAnalysis.run(r, FrameLimits.DEFAULT);
        }
        StringWriter document = new StringWriter();
        try (CaptureReader r = open()) {
            new FramesRun().run(r, "seed.pcap", null, FramesJsonWriter.document(document, true, FrameInsights.of(a)));
        }
        StringWriter text = new StringWriter();
        List<String> objects = new ArrayList<>();
        FramesJsonWriter bare = FramesJsonWriter.objects(text, true, FrameInsights.of(a));
        try (CaptureReader r = open()) {
            new FramesRun().run(r, "seed.pcap", null, new FrameSink() {
                @Override
                public void begin(CaptureHeader header) throws IOException {
                    bare.begin(header);
                }

                @Override
                public void frame(Frame frame) throws IOException {
                    text.getBuffer().setLength(0);
                    bare.frame(frame);
                    objects.add(text.toString());
                }

                @Override
                public void end(CaptureSummary summary) throws IOException {
                    text.getBuffer().setLength(0);
                    bare.end(summary);
                    assertThat(text.toString()).as("nothing after the frames").isEmpty();
                }
            });
        }
        assertThat(objects).hasSize(78);
        assertThat(objects.get(0)).startsWith("{\"number\":1,").endsWith("}");
        assertThat(document.toString()).contains("\"frames\":[" + String.join(",", objects) + "],\"summary\":");
    }
}
