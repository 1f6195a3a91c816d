package io.sipvista.analysis;

import io.sipvista.correlate.Call;
import io.sipvista.correlate.MessageContext;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.Frame;
import io.sipvista.frame.MediaPacket;
import io.sipvista.insight.Insight;
import io.sipvista.insight.InsightCatalog;
import io.sipvista.insight.MessageExplainer;
import io.sipvista.label.RtpHeader;

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
    public static final FrameInsights NONE = new FrameInsights(Map.of(), List.of());

    private final Map<Long, List<String>> byFrame;
    /** The call of every SIP message on the wire that belongs to one, by frame and position in the frame. */
    private final Map<Long, List<String>> callsByFrame = new HashMap<>();
    /** RTP streams by "src>dst ssrc", RTCP flows by "src>dst" (its ports or those one below). */
    private final Map<String, MediaStream> rtp = new HashMap<>();
    private final Map<String, MediaStream> rtcp = new HashMap<>();
    /** The highest sequence number seen per stream while the frames are printed, for gaps. */
    private final Map<MediaStream, Integer> lastSequence = new HashMap<>();
    private final InsightCatalog catalog = InsightCatalog.standard();

    private FrameInsights(Map<Long, List<String>> byFrame, List<MediaStream> streams) {
        this.byFrame = byFrame;
        for (MediaStream s : streams) {
            rtp.putIfAbsent(s.src() + ">" + s.dst() + " " + s.ssrc(), s);
            rtcp.putIfAbsent(s.src() + ">" + s.dst(), s);
            String a = CallMedia.nextPort(s.src());
            String b = CallMedia.nextPort(s.dst());
            if (a != null && b != null) {
                rtcp.putIfAbsent(a + ">" + b, s);
            }
        }
    }

    public static FrameInsights of(CaptureAnalysis.Result analysis) {
        MessageExplainer explainer = new MessageExplainer(analysis.correlation(), analysis.calls());
        Map<Long, List<String>> map = new HashMap<>();
        Map<Long, List<Call>> callsOfFrame = new HashMap<>();
        for (Call call : analysis.calls()) {
            for (long f : call.frames()) {
                List<Call> list = callsOfFrame.computeIfAbsent(f, k -> new ArrayList<>(1));
                if (!list.contains(call)) {
                    list.add(call);
                }
            }
        }
        FrameInsights insights = new FrameInsights(map, analysis.streams());
        for (CaptureAnalysis.Message m : analysis.messages()) {
            SipEvent e = m.event();
            MessageContext c = m.context();
            Insight i = explainer.explain(e, c);
            map.computeIfAbsent(e.frame(), k -> new ArrayList<>(1)).add(i == null ? null : i.text());
            List<String> calls = insights.callsByFrame.computeIfAbsent(e.frame(), k -> new ArrayList<>(1));
            calls.add(callOf(callsOfFrame.get(e.frame()), e.message().callId()));
        }
        return insights;
    }

    /**
     * The call a message belongs to: the call whose transactions hold its frame (the frames {@code frames --call}
     * and the ladder show); when several calls share the frame (one TCP segment carrying messages of two calls),
     * the one with the message's Call-ID.
     */
    private static String callOf(List<Call> candidates, String callId) {
        if (candidates == null) {
            return null;
        }
        for (Call c : candidates) {
            if (callId != null && c.callIds().contains(callId)) {
                return c.id();
            }
        }
        return candidates.get(0).id();
    }

    /**
     * The call of the {@code index}-th SIP message on the wire in {@code frame} (quoted ones not counted): the call
     * whose transactions hold the frame; null when it belongs to none (a registration, an OPTIONS ping ...).
     */
    public String callOf(long frame, int index) {
        List<String> list = callsByFrame.get(frame);
        return list == null || index >= list.size() ? null : list.get(index);
    }

    /**
     * The call of an RTP or RTCP frame: the call of the stream the analysis tied it to (the call named in its
     * {@link #media(Frame) insight}); null for other frames and for media of no call. Unlike {@link #media(Frame)}
     * it keeps no state: frames may come in any order.
     */
    public String call(Frame f) {
        MediaStream s = streamOf(f);
        return s == null ? null : s.call();
    }

    private MediaStream streamOf(Frame f) {
        MediaPacket m = f.media();
        if (m == null || f.src() == null || f.dst() == null) {
            return null;
        }
        if (m.rtcp()) {
            return rtcp.get(f.src() + ">" + f.dst());
        }
        RtpHeader h = m.header();
        return h == null ? null : rtp.get(f.src() + ">" + f.dst() + " " + h.ssrc());
    }

    /**
     * The insight of an RTP or RTCP frame: the call and stream it belongs to, its sequence number, and a gap
     * before it; null for other frames and for media the analysis tied to no stream. Frames must come in capture
     * order (the gap is counted from the previous packet of the stream shown).
     */
    public String media(Frame f) {
        MediaPacket m = f.media();
        if (m == null || f.src() == null || f.dst() == null) {
            return null;
        }
        Map<String, String> v = new HashMap<>();
        if (m.rtcp()) {
            MediaStream s = rtcp.get(f.src() + ">" + f.dst());
            if (s == null) {
                return null;
            }
            v.put("call", s.call() == null ? "no call" : s.call());
            v.put("type", rtcpType(m.rtcpType()));
            v.put("ssrc", MediaStreams.hex(m.rtcpSsrc()));
            return render(s.call() == null ? "rtcp.inferred" : "rtcp.packet", v);
        }
        RtpHeader h = m.header();
        MediaStream s = h == null ? null : rtp.get(f.src() + ">" + f.dst() + " " + h.ssrc());
        if (s == null) {
            return null;
        }
        v.put("call", s.call() == null ? "no call" : s.call());
        v.put("codec", codecOf(s, h.payloadType()));
        v.put("seq", Integer.toString(h.sequence()));
        v.put("ssrc", MediaStreams.hex(h.ssrc()));
        Integer last = lastSequence.get(s);
        if (last == null || ((h.sequence() - last) & 0xFFFF) != 0 && ((h.sequence() - last) & 0xFFFF) <= 0x8000) {
            lastSequence.put(s, h.sequence()); // the highest so far: a late or repeated packet does not move it
        }
        String id = s.call() == null ? "rtp.inferred" : "rtp.packet";
        if (last == null) {
            id += ".first";
        } else {
            int ahead = (h.sequence() - last) & 0xFFFF;
            if (ahead == 0) {
                id += ".duplicate";
            } else if (ahead > 0x8000) {
                id += ".late";
            } else if (ahead > 1) {
                v.put("missing", Integer.toString(ahead - 1));
                id += ".gap";
            } else if (h.marker()) {
                id += v.get("codec").toLowerCase(java.util.Locale.ROOT).startsWith("telephone-event") ? ".event"
                        : ".marker";
            }
        }
        return render(id, v);
    }

    private String render(String id, Map<String, String> values) {
        for (String k = id; k != null; k = k.lastIndexOf('.') > k.indexOf('.') ? k.substring(0, k.lastIndexOf('.'))
                : null) {
            InsightCatalog.Entry e = catalog.entry(k);
            if (e != null) {
                java.util.Optional<String> text = e.render(values);
                if (text.isPresent()) {
                    return text.get();
                }
            }
        }
        return null;
    }

    private static String codecOf(MediaStream s, int payloadType) {
        int i = s.payloadTypes().indexOf(payloadType);
        String c = i >= 0 && i < s.codecs().size() ? s.codecs().get(i) : null;
        return c == null || c.isEmpty() ? "payload type " + payloadType : c;
    }

    private static String rtcpType(int type) {
        return switch (type) {
            case 200 -> "sender report";
            case 201 -> "receiver report";
            case 202 -> "source description";
            case 203 -> "goodbye";
            case 204 -> "application-defined";
            case 205 -> "transport feedback";
            case 206 -> "payload feedback";
            case 207 -> "extended report";
            default -> "packet type " + type;
        };
    }

    /** The insight of the {@code index}-th SIP message on the wire in {@code frame} (quoted ones not counted), or null. */
    public String of(long frame, int index) {
        List<String> list = byFrame.get(frame);
        return list == null || index >= list.size() ? null : list.get(index);
    }
}
