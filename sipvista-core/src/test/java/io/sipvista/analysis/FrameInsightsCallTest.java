package io.sipvista.analysis;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.correlate.Call;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FrameInsights#callOf(long, int)} and {@link FrameInsights#call(Frame)}: which call a frame belongs to. */
class FrameInsightsCallTest {
    private record Seen(Frame frame, String sipCall, String mediaCall) {
    }

    private static byte[] capture(SyntheticCalls.Options o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(o, w);
        }
        return bytes.toByteArray();
    }

    private static CaptureAnalysis.Result analyse(byte[] capture) throws IOException {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "calls")) {
            return CaptureAnalysis.run(r, FrameLimits.DEFAULT);
        }
    }

    private static List<Seen> frames(byte[] capture, FrameInsights insights) throws IOException {
        List<Seen> out = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "calls")) {
            for (CaptureRecord c = r.next(); c != null; c = r.next()) {
                Frame f = decoder.decode(c);
                out.add(new Seen(f, f.sip().isEmpty() ? null : insights.callOf(f.number(), 0), insights.call(f)));
            }
        }
        return out;
    }

    @Test
    void everySipMessageOfACallNamesTheCallWhoseFramesHoldIt() throws IOException {
        byte[] capture = capture(new SyntheticCalls.Options(6, 2, 1, 0.2, 0.2, true, 7, true));
        CaptureAnalysis.Result a = analyse(capture);
        Map<Long, String> expected = new HashMap<>();
        for (Call c : a.calls()) {
            for (long f : c.frames()) {
                expected.put(f, c.id());
            }
        }
        assertThat(a.calls()).hasSize(6);
        List<Seen> seen = frames(capture, FrameInsights.of(a));
        long sip = 0;
        for (Seen s : seen) {
            if (!s.frame().sip().isEmpty()) {
                sip++;
                assertThat(s.sipCall()).as("frame %d", s.frame().number()).isEqualTo(expected.get(s.frame().number()));
            }
        }
        assertThat(sip).isGreaterThan(40);
    }

    @Test
    void mediaFramesNameTheCallOfTheirStream() throws IOException {
        byte[] capture = capture(new SyntheticCalls.Options(3, 1, 1, 0, 0, false, 3, true).withRtcp(true));
        CaptureAnalysis.Result a = analyse(capture);
        FrameInsights insights = FrameInsights.of(a);
        List<Seen> seen = frames(capture, insights);
        Map<String, Long> mediaPerCall = new HashMap<>();
        for (Seen s : seen) {
            if (s.frame().media() != null) {
                assertThat(s.mediaCall()).as("frame %d", s.frame().number()).isNotNull();
                mediaPerCall.merge(s.mediaCall(), 1L, Long::sum);
            } else {
                assertThat(s.mediaCall()).isNull();
            }
        }
        assertThat(mediaPerCall).containsOnlyKeys("call-1", "call-2", "call-3");
        for (Call c : a.calls()) {
            CallMedia media = CallMedia.of(c, a.streams());
            for (Seen s : seen) {
                if (media.contains(s.frame())) {
                    assertThat(s.mediaCall()).isEqualTo(c.id());
                }
            }
        }
    }

    @Test
    void withoutTheAnalysisNoFrameHasACall() throws IOException {
        byte[] capture = capture(new SyntheticCalls.Options(1, 1, 1, 0, 0, false, 1, true));
        for (Seen s : frames(capture, FrameInsights.NONE)) {
            assertThat(s.sipCall()).isNull();
            assertThat(s.mediaCall()).isNull();
        }
    }
}
