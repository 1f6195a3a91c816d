package io.sipvista.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.sipvista.analysis.CaptureAnalysis;
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
 * The overview of a capture ({@code sipvista analyze}): capture facts, calls, registrations and subscriptions, as
 * text or as the {@value CallsWriter#SCHEMA} JSON document (docs/analysis-json.md).
 */
public final class AnalysisWriter {
    private AnalysisWriter() {
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
        }
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
