package io.sipvista.analysis;

import io.sipvista.correlate.MessageContext;
import io.sipvista.correlate.SipEvent;
import io.sipvista.insight.Insight;
import io.sipvista.insight.MessageExplainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-line insight of every SIP message on the wire, by frame and position in the frame, from a finished
 * {@link CaptureAnalysis} (an insight may name a later frame, e.g. the retry of a challenged request).
 */
public final class FrameInsights {
    /** No insights: the frames view without the analysis (e.g. when reading standard input). */
    public static final FrameInsights NONE = new FrameInsights(Map.of());

    private final Map<Long, List<String>> byFrame;

    private FrameInsights(Map<Long, List<String>> byFrame) {
        this.byFrame = byFrame;
    }

    public static FrameInsights of(CaptureAnalysis.Result analysis) {
        MessageExplainer explainer = new MessageExplainer(analysis.correlation(), analysis.calls());
        Map<Long, List<String>> map = new HashMap<>();
        for (CaptureAnalysis.Message m : analysis.messages()) {
            SipEvent e = m.event();
            MessageContext c = m.context();
            Insight i = explainer.explain(e, c);
            map.computeIfAbsent(e.frame(), k -> new ArrayList<>(1)).add(i == null ? null : i.text());
        }
        return new FrameInsights(map);
    }

    /** The insight of the {@code index}-th SIP message on the wire in {@code frame} (quoted ones not counted), or null. */
    public String of(long frame, int index) {
        List<String> list = byFrame.get(frame);
        return list == null || index >= list.size() ? null : list.get(index);
    }
}
