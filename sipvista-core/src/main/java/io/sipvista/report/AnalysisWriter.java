package io.sipvista.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.MediaStream;
import io.sipvista.analysis.MediaStreams;
import io.sipvista.media.Decimals;
import io.sipvista.media.DtmfDigit;
import io.sipvista.media.StreamSeries;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.Registration;
import io.sipvista.correlate.Subscription;
import io.sipvista.insight.Finding;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overview of a capture ({@code sipvista analyze}): capture facts, calls, registrations, subscriptions, media
 * streams and findings, as
 * text or as the {@value CallsWriter#SCHEMA} JSON document (docs/analysis-json.md).
 */
public final class AnalysisWriter {
    private AnalysisWriter() {
    }

    private static void nullableInt(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    public static void text(Writer out, String file, CaptureAnalysis.Result a) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(Printable.line(file)).append(": ").append(a.frames()).append(" frames, ").append(a.sipMessages())
                .append(" SIP messages");
        if (a.firstTime() != null) {
            sb.append(", ").append(a.firstTime()).append(" to ").append(a.lastTime());
        }
        sb.append('\n');
        Map<String, Integer> methods = a.transactions();
        if (!methods.isEmpty()) {
            sb.append("transactions: ");
            methods.forEach((m, n) -> sb.append(Printable.line(m)).append(' ').append(n).append("  "));
            sb.setLength(sb.length() - 2);
            sb.append('\n');
        }
        sb.append("\nCalls (").append(a.calls().size()).append(")\n");
        for (Call c : a.calls()) {
            sb.append("  ").append(CallsWriter.headline(c));
            if (c.talkTime() != null) {
                sb.append("  talk ").append(CallsWriter.seconds(c.talkTime()));
            }
            sb.append("  (").append(c.legs().size()).append(c.legs().size() == 1 ? " leg)" : " legs)").append('\n');
            CallsWriter.drain(sb, out);
        }
        sb.append("\nRegistrations (").append(a.correlation().registrations().size()).append(")\n");
        for (Registration r : a.correlation().registrations()) {
            sb.append("  ").append(Printable.line(r.aor())).append(": ");
            int ok = 0;
            int challenged = 0;
            for (Registration.Attempt at : r.attempts()) {
                ok += at.succeeded() ? 1 : 0;
                challenged += at.challenged() ? 1 : 0;
            }
            sb.append(r.attempts().size()).append(r.attempts().size() == 1 ? " attempt" : " attempts");
            if (challenged > 0) {
                sb.append(", ").append(challenged).append(" challenged");
            }
            sb.append(", ").append(ok).append(" accepted");
            for (Registration.Binding b : r.bindings()) {
                sb.append("; ").append(Printable.line(b.uri()));
                if (b.expires() != null) {
                    sb.append(" for ").append(b.expires()).append(" s");
                }
            }
            sb.append(" (frame ").append(r.firstFrame()).append(")\n");
            CallsWriter.drain(sb, out);
        }
        sb.append("\nSubscriptions (").append(a.subscriptions().size()).append(")\n");
        for (Subscription s : a.subscriptions()) {
            sb.append("  ").append(Printable.line(String.valueOf(s.event()))).append(" for ")
                    .append(Printable.line(s.callId())).append(": ").append(s.state().name().toLowerCase(Locale.ROOT));
            if (s.reason() != null) {
                sb.append(" (").append(Printable.line(s.reason())).append(')');
            } else if (s.subscribeStatus() >= 300) {
                sb.append(" (SUBSCRIBE refused ").append(s.subscribeStatus()).append(')');
            }
            sb.append(", ").append(s.notifies().size()).append(s.notifies().size() == 1 ? " NOTIFY" : " NOTIFYs")
                    .append(" (frame ").append(s.firstFrame()).append(")\n");
            CallsWriter.drain(sb, out);
        }
        streamsText(sb, out, a);
        sb.append("\nFindings (").append(a.findings().size()).append(")\n");
        for (Finding f : a.findings()) {
            sb.append("  ").append(f.severity()).append(' ').append(f.id());
            if (f.callId() != null) {
                sb.append(" [").append(f.callId()).append(']');
            }
            sb.append(": ").append(Printable.line(f.text())).append("\n    frames ").append(frameList(f.frames()));
            if (f.rfc() != null && !f.rfc().isBlank()) {
                sb.append("; ").append(f.rfc());
            }
            sb.append('\n');
            CallsWriter.drain(sb, out);
        }
        if (!a.warnings().isEmpty()) {
            sb.append('\n');
            a.warnings().forEach(w -> sb.append("! ").append(w.severity().label()).append(' ').append(w.id()).append(": ")
                    .append(Printable.line(w.text())).append('\n'));
        }
        out.write(sb.toString());
        out.flush();
    }

    public static void json(Writer out, String file, CaptureAnalysis.Result a) throws IOException {
        JsonGenerator g = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build().createGenerator(out);
        g.writeStartObject();
        g.writeStringField("schema", CallsWriter.SCHEMA);
        g.writeFieldName("capture");
        g.writeStartObject();
        g.writeStringField("file", file);
        g.writeNumberField("frames", a.frames());
        g.writeNumberField("sipMessages", a.sipMessages());
        CallsWriter.string(g, "firstTime", a.firstTime());
        CallsWriter.string(g, "lastTime", a.lastTime());
        AnomalyJson.write(g, "warnings", a.warnings());
        g.writeEndObject();
        g.writeFieldName("calls");
        g.writeStartArray();
        for (Call c : a.calls()) {
            CallsWriter.call(g, c);
        }
        g.writeEndArray();
        g.writeFieldName("registrations");
        g.writeStartArray();
        for (Registration r : a.correlation().registrations()) {
            g.writeStartObject();
            g.writeStringField("aor", r.aor());
            g.writeNumberField("firstFrame", r.firstFrame());
            g.writeFieldName("attempts");
            g.writeStartArray();
            for (Registration.Attempt at : r.attempts()) {
                g.writeStartObject();
                g.writeNumberField("requestFrame", at.requestFrame());
                g.writeStringField("purpose", at.purpose().name().toLowerCase(Locale.ROOT));
                g.writeBooleanField("credentials", at.credentials());
                if (at.status() == 0) {
                    g.writeNullField("status");
                } else {
                    g.writeNumberField("status", at.status());
                }
                g.writeFieldName("contacts");
                g.writeStartArray();
                for (Registration.ContactExpiry ce : at.contacts()) {
                    g.writeStartObject();
                    CallsWriter.string(g, "uri", ce.uri());
                    number(g, "requestedExpires", ce.requested());
                    number(g, "grantedExpires", ce.granted());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("subscriptions");
        g.writeStartArray();
        for (Subscription s : a.subscriptions()) {
            g.writeStartObject();
            CallsWriter.string(g, "event", s.event());
            g.writeStringField("callId", s.callId());
            g.writeNumberField("firstFrame", s.firstFrame());
            number(g, "requestedExpires", s.requestedExpires());
            number(g, "grantedExpires", s.grantedExpires());
            g.writeStringField("state", s.state().name().toLowerCase(Locale.ROOT));
            CallsWriter.string(g, "reason", s.reason());
            g.writeNumberField("notifies", s.notifies().size());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("streams");
        g.writeStartArray();
        for (MediaStream s : a.streams()) {
            streamJson(g, s);
        }
        g.writeEndArray();
        g.writeFieldName("findings");
        g.writeStartArray();
        for (Finding f : a.findings()) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("severity", f.severity());
            g.writeStringField("title", f.title());
            g.writeStringField("text", f.text());
            CallsWriter.string(g, "rfc", f.rfc());
            CallsWriter.string(g, "remedy", f.remedy());
            CallsWriter.string(g, "call", f.callId());
            g.writeFieldName("frames");
            g.writeStartArray();
            for (long n : f.frames()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
    }

    private static void streamsText(StringBuilder sb, Writer out, CaptureAnalysis.Result a) throws IOException {
        sb.append("\nStreams (").append(a.streams().size()).append(")\n");
        for (MediaStream s : a.streams()) {
            CallsWriter.drain(sb, out);
            sb.append("  ").append(s.call() == null ? s.inferred() ? "(inferred)" : "(no call)" : s.call());
            if (s.media() != null) {
                sb.append(' ').append(Printable.line(s.media()));
            }
            sb.append(' ').append(s.rtp() ? "RTP " : "RTCP ").append(Printable.line(s.src())).append(" → ")
                    .append(Printable.line(s.dst())).append(" SSRC ").append(MediaStreams.hex(s.ssrc()));
            if (!s.rtp()) {
                sb.append(": ").append(s.rtcpPackets()).append(" packets, frames ").append(s.firstFrame()).append('-')
                        .append(s.lastFrame()).append('\n');
                continue;
            }
            sb.append(' ').append(s.codec() == null ? String.join(", ", s.codecs()) : Printable.line(s.codec()))
                    .append(": ").append(s.packets()).append(s.packets() == 1 ? " packet, lost " : " packets, lost ").append(s.lost())
                    .append(" (");
            Decimals.append(sb, s.lossPercent(), 1);
            sb.append("%)");
            if (s.jitterKnown()) {
                Decimals.append(sb.append(", jitter max "), s.maxJitterMs(), 2);
                Decimals.append(sb.append(" ms mean "), s.meanJitterMs(), 2);
                sb.append(" ms");
            } else {
                sb.append(", jitter not measured (one packet, or no clock rate known)");
            }
            Decimals.append(sb.append(", max delta "), s.maxDeltaMs(), 1);
            sb.append(" ms");
            if (s.ptimeMs() > 0 || s.negotiatedPtimeMs() != null) {
                sb.append(", ptime ").append(s.ptimeMs() > 0 ? s.ptimeMs() + " ms" : "not measured");
                if (s.negotiatedPtimeMs() != null) {
                    sb.append(" (SDP ").append(s.negotiatedPtimeMs()).append(" ms)");
                }
            }
            if (s.quality() != null) {
                Decimals.append(sb.append(", MOS "), s.quality().mos(), 2);
                Decimals.append(sb.append(" (R "), s.quality().r(), 1);
                sb.append(')');
            }
            if (s.rtcpPackets() > 0) {
                sb.append(", ").append(s.rtcpPackets()).append(" RTCP");
            }
            if (s.rtcpReports() > 0) {
                sb.append(", receiver's RTCP: lost ").append(s.reportedLost());
                if (s.reportedJitterMaxMs() != null) {
                    Decimals.append(sb.append(", jitter max "), s.reportedJitterMaxMs(), 2);
                    sb.append(" ms");
                }
            }
            if (s.xr() != null) {
                MediaStream.XrVoipMetrics x = s.xr();
                Decimals.append(sb.append(", receiver's RTCP XR: loss "), x.lossPercent(), 1);
                Decimals.append(sb.append(" %, discarded "), x.discardPercent(), 1);
                sb.append(" %");
                if (x.rFactor() != null) {
                    sb.append(", R ").append(x.rFactor());
                }
                if (x.mosLq() != null) {
                    Decimals.append(sb.append(", MOS-LQ "), x.mosLq(), 1);
                }
            }
            sb.append(", frames ").append(s.firstFrame()).append('-').append(s.lastFrame());
            if (s.inferred()) {
                sb.append(", no SDP: found by the RTP heuristic");
            }
            sb.append('\n');
            if (!s.dtmf().isEmpty()) {
                sb.append("    DTMF");
                for (DtmfDigit d : s.dtmf()) {
                    sb.append(' ').append(Printable.line(d.event().name())).append(" (frame ").append(d.startFrame())
                            .append(", ").append(d.durationMs()).append(" ms)");
                }
                sb.append('\n');
            }
            for (MediaStream.Problem p : s.problems()) {
                sb.append("    ! ").append(p.kind()).append(": ").append(Printable.line(p.detail())).append(" (")
                        .append(p.packets()).append(p.packets() == 1 ? " packet" : " packets").append(", first in frame ")
                        .append(p.frame()).append(")\n");
            }
        }
    }


    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static void streamJson(JsonGenerator g, MediaStream s) throws IOException {
        g.writeStartObject();
        CallsWriter.string(g, "call", s.call());
        CallsWriter.string(g, "callId", s.callId());
        CallsWriter.string(g, "media", s.media());
        g.writeStringField("protocol", s.protocol());
        g.writeBooleanField("inferred", s.inferred());
        g.writeStringField("src", s.src());
        g.writeStringField("dst", s.dst());
        CallsWriter.string(g, "sdpEndpoint", s.sdpEndpoint());
        if (s.sdpFrame() > 0) {
            g.writeNumberField("sdpFrame", s.sdpFrame());
        } else {
            g.writeNullField("sdpFrame");
        }
        g.writeStringField("ssrc", MediaStreams.hex(s.ssrc()));
        g.writeFieldName("payloadTypes");
        g.writeStartArray();
        for (int pt : s.payloadTypes()) {
            g.writeNumber(pt);
        }
        g.writeEndArray();
        g.writeFieldName("codecs");
        g.writeStartArray();
        for (String c : s.codecs()) {
            g.writeString(c);
        }
        g.writeEndArray();
        CallsWriter.string(g, "codec", s.codec());
        g.writeNumberField("packets", s.rtp() ? s.packets() : 0);
        g.writeNumberField("expected", s.expected());
        g.writeNumberField("lost", s.lost());
        g.writeNumberField("lossPercent", round(s.lossPercent()));
        g.writeNumberField("maxLossBurst", s.maxLossBurst());
        g.writeNumberField("duplicates", s.duplicates());
        g.writeNumberField("outOfOrder", s.outOfOrder());
        g.writeNumberField("sequenceJumps", s.sequenceJumps());
        if (s.jitterKnown()) {
            g.writeNumberField("jitterMaxMs", round(s.maxJitterMs()));
            g.writeNumberField("jitterMeanMs", round(s.meanJitterMs()));
        } else {
            g.writeNullField("jitterMaxMs");
            g.writeNullField("jitterMeanMs");
        }
        g.writeNumberField("maxDeltaMs", round(s.maxDeltaMs()));
        g.writeNumberField("meanDeltaMs", round(s.meanDeltaMs()));
        number(g, "ptimeMs", s.ptimeMs() > 0 ? s.ptimeMs() : null);
        number(g, "negotiatedPtimeMs", s.negotiatedPtimeMs());
        g.writeNumberField("firstFrame", s.firstFrame());
        g.writeNumberField("lastFrame", s.lastFrame());
        g.writeStringField("firstTime", s.firstTime());
        g.writeStringField("lastTime", s.lastTime());
        if (s.quality() == null) {
            g.writeNullField("quality");
        } else {
            g.writeFieldName("quality");
            g.writeStartObject();
            g.writeNumberField("r", round(s.quality().r()));
            g.writeNumberField("mos", round(s.quality().mos()));
            g.writeFieldName("assumptions");
            g.writeStartArray();
            for (String n : s.quality().assumptions()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeFieldName("dtmf");
        g.writeStartArray();
        for (DtmfDigit d : s.dtmf()) {
            g.writeStartObject();
            g.writeStringField("event", d.event().name());
            g.writeNumberField("startFrame", d.startFrame());
            g.writeNumberField("endFrame", d.endFrame());
            g.writeNumberField("durationMs", d.durationMs());
            g.writeBooleanField("endSeen", d.endSeen());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("rtcpPackets", s.rtcpPackets());
        g.writeNumberField("clockRate", s.clockRate());
        g.writeNumberField("rtcpReports", s.rtcpReports());
        if (s.reportedLost() == null) {
            g.writeNullField("rtcpReportedLost");
        } else {
            g.writeNumberField("rtcpReportedLost", s.reportedLost());
        }
        if (s.reportedJitterMaxMs() == null) {
            g.writeNullField("rtcpReportedJitterMaxMs");
        } else {
            g.writeNumberField("rtcpReportedJitterMaxMs", round(s.reportedJitterMaxMs()));
        }
        if (s.xr() == null) {
            g.writeNullField("rtcpXr");
        } else {
            MediaStream.XrVoipMetrics x = s.xr();
            g.writeObjectFieldStart("rtcpXr");
            g.writeNumberField("reports", x.reports());
            g.writeNumberField("lossPercent", round(x.lossPercent()));
            g.writeNumberField("discardPercent", round(x.discardPercent()));
            nullableInt(g, "roundTripMs", x.roundTripMs());
            nullableInt(g, "endSystemMs", x.endSystemMs());
            nullableInt(g, "rFactor", x.rFactor());
            if (x.mosLq() == null) {
                g.writeNullField("mosLq");
            } else {
                g.writeNumberField("mosLq", x.mosLq());
            }
            if (x.mosCq() == null) {
                g.writeNullField("mosCq");
            } else {
                g.writeNumberField("mosCq", x.mosCq());
            }
            g.writeEndObject();
        }
        g.writeFieldName("problems");
        g.writeStartArray();
        for (MediaStream.Problem p : s.problems()) {
            g.writeStartObject();
            g.writeStringField("kind", p.kind());
            g.writeNumberField("packets", p.packets());
            g.writeNumberField("frame", p.frame());
            g.writeNumberField("sdpFrame", p.sdpFrame());
            g.writeStringField("detail", p.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
        seriesJson(g, s.series());
        g.writeEndObject();
    }

    /** {@code "series"}: packets, loss and jitter per interval (docs/analysis-json.md), or null. */
    private static void seriesJson(JsonGenerator g, StreamSeries series) throws IOException {
        if (series == null) {
            g.writeNullField("series");
            return;
        }
        g.writeObjectFieldStart("series");
        g.writeNumberField("intervalMs", series.intervalMs());
        g.writeFieldName("packets");
        g.writeStartArray();
        for (int i = 0; i < series.size(); i++) {
            g.writeNumber(series.packets(i));
        }
        g.writeEndArray();
        g.writeFieldName("lost");
        g.writeStartArray();
        for (int i = 0; i < series.size(); i++) {
            g.writeNumber(series.lost(i));
        }
        g.writeEndArray();
        g.writeFieldName("jitterMaxMs");
        g.writeStartArray();
        for (int i = 0; i < series.size(); i++) {
            if (series.jitterKnown(i)) {
                g.writeNumber(round(series.jitterMaxMs(i)));
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String frameList(java.util.List<Long> frames) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(frames.size(), 12);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(frames.get(i));
        }
        if (frames.size() > shown) {
            sb.append(" and ").append(frames.size() - shown).append(" more");
        }
        return sb.toString();
    }

    private static void number(JsonGenerator g, String name, Integer v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
