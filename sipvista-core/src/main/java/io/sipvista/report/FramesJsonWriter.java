package io.sipvista.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.InterfaceInfo;
import io.sipvista.capture.LinkType;
import io.sipvista.frame.Frame;
import io.sipvista.frame.SipEntry;
import io.sipvista.sip.CSeq;
import io.sipvista.sip.SipHeader;
import io.sipvista.sip.SipMessage;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The frames view as JSON, contract {@value #SCHEMA} (documented in {@code docs/frames-json.md}): either one
 * document ({@code {"schema", "capture", "frames": [...], "summary"}}) or NDJSON, one object per line
 * ({@code type} = capture, frame, summary). Frames are written as they come; nothing is held back.
 * Field order is fixed, so the same capture always gives the same bytes.
 */
public final class FramesJsonWriter implements FrameSink {
    public static final String SCHEMA = "sipvista.frames/1";

    private final JsonGenerator g;
    private final Writer out;
    private final boolean lines;
    private final boolean raw;
    private final io.sipvista.analysis.FrameInsights insights;
    /** Frame objects only: no capture header, no summary, no separators. */
    private final boolean bare;

    private FramesJsonWriter(Writer out, boolean lines, boolean raw, io.sipvista.analysis.FrameInsights insights) throws IOException {
        this(out, lines, false, raw, insights);
    }

    private FramesJsonWriter(Writer out, boolean lines, boolean bare, boolean raw,
                             io.sipvista.analysis.FrameInsights insights) throws IOException {
        this.bare = bare;
        this.insights = insights;
        JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        this.g = factory.createGenerator(out);
        this.out = out;
        this.lines = lines;
        this.raw = raw;
        if (lines || bare) {
            g.setRootValueSeparator(null);
        }
    }

    /** One JSON document for the whole capture. */
    public static FramesJsonWriter document(Writer out, boolean raw) throws IOException {
        return new FramesJsonWriter(out, false, raw, io.sipvista.analysis.FrameInsights.NONE);
    }

    public static FramesJsonWriter document(Writer out, boolean raw, io.sipvista.analysis.FrameInsights insights) throws IOException {
        return new FramesJsonWriter(out, false, raw, insights);
    }

    /** NDJSON: a capture line, one line per frame, a summary line. */
    public static FramesJsonWriter lines(Writer out, boolean raw) throws IOException {
        return new FramesJsonWriter(out, true, raw, io.sipvista.analysis.FrameInsights.NONE);
    }

    public static FramesJsonWriter lines(Writer out, boolean raw, io.sipvista.analysis.FrameInsights insights) throws IOException {
        return new FramesJsonWriter(out, true, raw, insights);
    }

    /**
     * Frame objects alone, for an index of frames: each {@link #frame(Frame)} writes one object exactly as it appears
     * in the document's {@code frames} array (no {@code type}, no separator) and flushes it to {@code out};
     * {@link #begin} and {@link #end} write nothing.
     */
    public static FramesJsonWriter objects(Writer out, boolean raw, io.sipvista.analysis.FrameInsights insights) throws IOException {
        return new FramesJsonWriter(out, false, true, raw, insights);
    }

    @Override
    public void begin(CaptureHeader h) throws IOException {
        if (bare) {
            return;
        }
        if (lines) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("type", "capture");
            captureFields(h);
            g.writeEndObject();
            newline();
        } else {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeFieldName("capture");
            g.writeStartObject();
            captureFields(h);
            g.writeEndObject();
            g.writeFieldName("frames");
            g.writeStartArray();
        }
    }

    private void captureFields(CaptureHeader h) throws IOException {
        g.writeStringField("file", h.file());
        g.writeStringField("format", h.format());
        if (h.compressed() != null) {
            g.writeStringField("compression", h.compressed());
        }
        g.writeStringField("byteOrder", h.bigEndian() ? "big-endian" : "little-endian");
        interfaces(h.interfaces());
    }

    private void interfaces(List<InterfaceInfo> list) throws IOException {
        g.writeFieldName("interfaces");
        g.writeStartArray();
        for (InterfaceInfo i : list) {
            g.writeStartObject();
            g.writeNumberField("id", i.id());
            g.writeNumberField("linkType", i.linkType());
            g.writeStringField("linkTypeName", LinkType.name(i.linkType()));
            g.writeNumberField("snaplen", i.snaplen());
            g.writeNumberField("timeDigits", i.timeDigits());
            if (i.name() != null) {
                g.writeStringField("name", i.name());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    @Override
    public void frame(Frame f) throws IOException {
        g.writeStartObject();
        if (lines) {
            g.writeStringField("type", "frame");
        }
        g.writeNumberField("number", f.number());
        g.writeStringField("time", f.time());
        g.writeNumberField("interface", f.interfaceId());
        g.writeNumberField("capturedLength", f.capturedLength());
        g.writeNumberField("originalLength", f.originalLength());
        nullableString("src", f.src());
        nullableString("dst", f.dst());
        nullableString("transport", f.transport());
        g.writeStringField("protocol", f.protocol());
        g.writeStringField("label", f.label());
        String media = f.sip().isEmpty() ? insights.media(f) : null;
        if (media != null) {
            g.writeStringField("insight", media);
        }
        String call = f.sip().isEmpty() ? insights.call(f) : null;
        if (call != null) {
            g.writeStringField("call", call);
        }
        g.writeFieldName("layers");
        g.writeStartArray();
        for (String l : f.layers()) {
            g.writeString(l);
        }
        g.writeEndArray();
        if (!f.tunnels().isEmpty()) {
            g.writeFieldName("tunnels");
            g.writeStartArray();
            for (String t : f.tunnels()) {
                g.writeString(t);
            }
            g.writeEndArray();
        }
        if (!f.sip().isEmpty()) {
            g.writeFieldName("sip");
            g.writeStartArray();
            int onWire = 0;
            for (SipEntry e : f.sip()) {
                if (e.quoted()) {
                    sip(e, f.number(), null, null);
                } else {
                    sip(e, f.number(), insights.of(f.number(), onWire), insights.callOf(f.number(), onWire));
                    onWire++;
                }
            }
            g.writeEndArray();
        }
        anomalies(f.anomalies());
        g.writeEndObject();
        if (lines) {
            newline();
        } else if (bare) {
            g.flush();
        }
    }

    private void sip(SipEntry e, long frame, String insight, String call) throws IOException {
        SipMessage m = e.message();
        g.writeStartObject();
        if (m.isRequest()) {
            g.writeStringField("method", m.method());
            nullableString("requestUri", m.requestUri());
        } else {
            g.writeNumberField("status", m.status());
            g.writeStringField("reason", m.reason());
        }
        g.writeStringField("startLine", m.startLine());
        if (e.firstFrame() != frame) {
            g.writeNumberField("firstFrame", e.firstFrame());
        }
        if (e.quoted()) {
            g.writeStringField("quotedBy", e.quotedBy());
        }
        if (insight != null) {
            g.writeStringField("insight", insight);
        }
        nullableString("callId", m.callId());
        nullableString("call", call);
        CSeq cseq = m.cseq();
        nullableString("cseq", cseq == null ? m.header("CSeq") : cseq.number() + " " + cseq.method());
        nullableString("from", m.header("From"));
        nullableString("to", m.header("To"));
        g.writeFieldName("headers");
        g.writeStartArray();
        for (SipHeader h : m.headers()) {
            g.writeStartObject();
            g.writeStringField("name", h.name());
            g.writeStringField("value", h.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("bodyLength", m.body().length);
        if (!e.sdp().isEmpty()) {
            g.writeFieldName("sdp");
            SdpJson.write(g, e.sdp().get(0));
            if (e.sdp().size() > 1) {
                g.writeFieldName("moreSdp");
                g.writeStartArray();
                for (int i = 1; i < e.sdp().size(); i++) {
                    SdpJson.write(g, e.sdp().get(i));
                }
                g.writeEndArray();
            }
        }
        if (raw) {
            g.writeStringField("raw", new String(m.raw(), StandardCharsets.UTF_8));
        }
        anomalies(m.anomalies());
        g.writeEndObject();
    }

    private void anomalies(List<Anomaly> list) throws IOException {
        AnomalyJson.write(g, "anomalies", list);
    }

    private void nullableString(String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    @Override
    public void end(CaptureSummary s) throws IOException {
        if (bare) {
            g.flush();
            return;
        }
        if (lines) {
            g.writeStartObject();
            g.writeStringField("type", "summary");
        } else {
            g.writeEndArray();
            g.writeFieldName("summary");
            g.writeStartObject();
        }
        g.writeNumberField("frames", s.frames());
        g.writeNumberField("sipMessages", s.sipMessages());
        g.writeNumberField("quotedSipMessages", s.quotedSipMessages());
        nullableString("firstTime", s.firstTime());
        nullableString("lastTime", s.lastTime());
        g.writeFieldName("protocols");
        g.writeStartObject();
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(s.protocols()).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        interfaces(s.interfaces());
        AnomalyJson.write(g, "warnings", s.warnings());
        g.writeEndObject();
        if (!lines) {
            g.writeEndObject();
        }
        g.flush();
        out.write('\n');
        out.flush();
    }

    private void newline() throws IOException {
        g.flush();
        out.write('\n');
    }
}
