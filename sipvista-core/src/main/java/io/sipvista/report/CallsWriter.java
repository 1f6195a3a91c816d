package io.sipvista.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.CallLeg;
import io.sipvista.correlate.CallParty;
import io.sipvista.frame.CaptureTime;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The calls of a capture: a terminal listing, or the {@code calls} part of the {@value #SCHEMA} JSON contract
 * (docs/analysis-json.md). Field order is fixed; times are capture times.
 */
public final class CallsWriter {
    public static final String SCHEMA = "sipvista.analysis/1";

    private CallsWriter() {
    }

    /** Writes out what {@code sb} holds once it is long: a capture of 25,000 calls makes 16 MB of text. */
    static void drain(StringBuilder sb, Writer out) throws IOException {
        if (sb.length() >= 1 << 16) {
            out.write(sb.toString());
            sb.setLength(0);
        }
    }

    public static void text(Writer out, String file, CaptureAnalysis.Result a) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(Printable.line(file)).append(": ").append(a.frames()).append(a.frames() == 1 ? " frame, " : " frames, ")
                .append(a.sipMessages()).append(a.sipMessages() == 1 ? " SIP message, " : " SIP messages, ")
                .append(a.calls().size()).append(a.calls().size() == 1 ? " call" : " calls").append("\n");
        for (Call c : a.calls()) {
            sb.append('\n').append(headline(c)).append('\n');
            StringBuilder times = new StringBuilder();
            if (c.postDialDelay() != null) {
                times.append("ringing after ").append(seconds(c.postDialDelay()));
            }
            if (c.answer() != null) {
                sep(times).append("answered after ").append(seconds(Duration.between(c.start(), c.answer())));
            }
            if (c.talkTime() != null) {
                sep(times).append("talk ").append(seconds(c.talkTime()));
            }
            if (c.hungUpBy() != null) {
                sep(times).append("hung up by the ").append(c.hungUpBy().side().name().toLowerCase(Locale.ROOT))
                        .append(" (").append(Printable.line(c.hungUpBy().address())).append(", frame ")
                        .append(c.hungUpBy().frame()).append(')');
            }
            if (times.length() > 0) {
                sb.append("    ").append(times).append('\n');
            }
            for (CallLeg l : c.legs()) {
                sb.append("    leg ").append(Printable.line(l.callId())).append(": ").append(Printable.line(l.src()))
                        .append(" → ").append(Printable.line(l.dst())).append(", frame ").append(l.firstFrame())
                        .append(", ").append(l.outcome());
                if (l.finalStatus() != 0) {
                    sb.append(' ').append(l.finalStatus());
                }
                sb.append(" (").append(tieWords(l.tie())).append(")\n");
            }
            drain(sb, out);
        }
        out.write(sb.toString());
        out.flush();
    }

    /** "call-1  start  caller → callee  OUTCOME status  codec": the line a call is listed by. */
    static String headline(Call c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.id()).append("  ").append(c.start()).append("  ")
                .append(Printable.line(party(c.caller()))).append(" → ").append(Printable.line(party(c.callee())))
                .append("  ").append(c.outcome());
        if (c.finalStatus() != 0) {
            sb.append(' ').append(c.finalStatus());
        }
        if (c.codec() != null) {
            sb.append("  ").append(Printable.line(c.codec()));
        }
        return sb.toString();
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.length() > 0 ? sb.append(", ") : sb;
    }

    private static String tieWords(CallLeg.Tie tie) {
        return switch (tie) {
            case FIRST -> "first leg";
            case HEADER -> "tied by a correlation header";
            case TRANSFER -> "tied by a transfer (Replaces/Referred-By)";
            case MATCH -> "tied by number, timing and path";
            case MEDIA -> "tied by its media address";
        };
    }

    static String party(CallParty p) {
        if (p == null) {
            return "?";
        }
        String who = p.user() != null ? p.user() : p.uri() != null ? p.uri() : "?";
        return p.displayName() != null && !p.displayName().isBlank() ? "\"" + p.displayName() + "\" " + who : who;
    }

    /** Milliseconds shown up to 10 minutes; longer (a capture whose clock jumped) in words. */
    static String seconds(Duration d) {
        if (d.isNegative()) { // capture times that go backwards
            return "-" + seconds(d.negated());
        }
        if (d.compareTo(Duration.ofMinutes(10)) >= 0) {
            return io.sipvista.insight.Durations.words(d);
        }
        long ms = d.toMillis();
        int frac = (int) (ms % 1000);
        return (ms / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac + " s";
    }

    public static void json(Writer out, String file, CaptureAnalysis.Result a) throws IOException {
        JsonGenerator g = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build().createGenerator(out);
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeFieldName("capture");
        g.writeStartObject();
        g.writeStringField("file", file);
        g.writeNumberField("frames", a.frames());
        g.writeNumberField("sipMessages", a.sipMessages());
        string(g, "firstTime", a.firstTime());
        string(g, "lastTime", a.lastTime());
        AnomalyJson.write(g, "warnings", a.warnings());
        g.writeEndObject();
        g.writeFieldName("calls");
        g.writeStartArray();
        for (Call c : a.calls()) {
            call(g, c);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
    }

    static void call(JsonGenerator g, Call c) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        strings(g, "callIds", c.callIds());
        party(g, "from", c.caller());
        party(g, "to", c.callee());
        g.writeStringField("outcome", c.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (c.finalStatus() == 0) {
            g.writeNullField("status");
        } else {
            g.writeNumberField("status", c.finalStatus());
        }
        time(g, "start", c.start());
        time(g, "ring", c.ring());
        time(g, "answer", c.answer());
        time(g, "end", c.end());
        millis(g, "postDialDelayMs", c.postDialDelay());
        millis(g, "talkTimeMs", c.talkTime());
        if (c.hungUpBy() == null) {
            g.writeNullField("hungUpBy");
        } else {
            g.writeFieldName("hungUpBy");
            g.writeStartObject();
            g.writeStringField("side", c.hungUpBy().side().name().toLowerCase(Locale.ROOT));
            string(g, "address", c.hungUpBy().address());
            string(g, "callId", c.hungUpBy().callId());
            g.writeNumberField("frame", c.hungUpBy().frame());
            g.writeEndObject();
        }
        string(g, "codec", c.codec());
        strings(g, "codecs", c.codecs());
        g.writeFieldName("legs");
        g.writeStartArray();
        for (CallLeg l : c.legs()) {
            g.writeStartObject();
            g.writeStringField("callId", l.callId());
            party(g, "from", l.from());
            party(g, "to", l.to());
            string(g, "requestUri", l.requestUri());
            string(g, "src", l.src());
            string(g, "dst", l.dst());
            g.writeNumberField("firstFrame", l.firstFrame());
            time(g, "start", l.start());
            time(g, "answer", l.answer());
            time(g, "end", l.end());
            g.writeStringField("outcome", l.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (l.finalStatus() == 0) {
                g.writeNullField("status");
            } else {
                g.writeNumberField("status", l.finalStatus());
            }
            g.writeStringField("tie", l.tie().name().toLowerCase(Locale.ROOT));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("frames");
        g.writeStartArray();
        for (long f : c.frames()) {
            g.writeNumber(f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void party(JsonGenerator g, String name, CallParty p) throws IOException {
        if (p == null) {
            g.writeNullField(name);
            return;
        }
        g.writeFieldName(name);
        g.writeStartObject();
        string(g, "displayName", p.displayName());
        string(g, "user", p.user());
        string(g, "uri", p.uri());
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String name, Instant t) throws IOException {
        string(g, name, t == null ? null : CaptureTime.iso(t));
    }

    private static void millis(JsonGenerator g, String name, Duration d) throws IOException {
        if (d == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, d.toMillis());
        }
    }

    static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
