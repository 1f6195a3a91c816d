package io.sipvista.report;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.FrameInsights;
import io.sipvista.analysis.MediaStream;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.CallLeg;
import io.sipvista.correlate.CallParty;
import io.sipvista.correlate.Registration;
import io.sipvista.correlate.Subscription;
import io.sipvista.frame.CaptureTime;
import io.sipvista.insight.Finding;
import io.sipvista.report.ladder.LadderSvg;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.sipvista.frame.Frame;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file of an analysis (kept with {@link CaptureAnalysis.Keep#MESSAGES}), in two layers.
 * The static report, read without script: capture facts, the calls table, findings by severity, media streams,
 * registrations and subscriptions, then per call its legs, its ladder diagram (inline SVG), streams and findings,
 * and the SIP timeline with each message's insight; folded sections with {@code <details>}; every string from the
 * capture is HTML-escaped. And the interactive page (the web app of {@code io/sipvista/web}, inlined) with its data
 * block: the analysis JSON, the frames (as {@code frames --format json --raw} writes them) and a ladder per call,
 * as JSON that cannot end its script element. The app hides the static report when it runs. Nothing is loaded from
 * elsewhere: the Content-Security-Policy ({@link #csp()}) allows only the inline script and styles by their hashes.
 */
public final class HtmlReport {
    /** Every frame is embedded up to this many frames; beyond it only SIP frames. */
    public static final int ALL_FRAMES = 20_000;
    /** At most this many SIP frames are embedded. */
    public static final int SIP_FRAMES = 200_000;
    private static final String APP_JS = resource("app.js");
    private static final String APP_CSS = resource("app.css");
    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d2733}
            h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccd}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccd;padding:2px 6px;text-align:left;
            vertical-align:top}th{background:#eef2f7}code,.mono{font-family:monospace}
            .error{color:#a00}.warning{color:#a60}.info{color:#357}.muted{color:#667}
            details{margin:.6em 0}summary{cursor:pointer;font-weight:600}svg.ladder{max-width:100%;height:auto}
            """;
    private static final String CSP = "default-src 'none'; script-src '" + sha256(APP_JS) + "'; style-src '"
            + sha256(STYLE) + "' '" + sha256(APP_CSS) + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private HtmlReport() {
    }

    /**
     * The Content-Security-Policy of every report: no source at all but the inline app script and the two inline
     * style elements, named by their SHA-256 hashes (the same for every report of this build), and data: images.
     */
    public static String csp() {
        return CSP;
    }

    /** Writes the report of {@code a} (of the capture named {@code file}) with no frames: the data says why. */
    public static void write(Writer out, String file, CaptureAnalysis.Result a) throws IOException {
        write(out, file, a, null);
    }

    /**
     * Writes the report of {@code a} (of the capture named {@code file}) to {@code out}; {@code frames} reads the
     * capture again for the frames to embed (all of them up to {@value #ALL_FRAMES}, else the SIP frames only), or is
     * null for none.
     */
    public static void write(Writer out, String file, CaptureAnalysis.Result a, FrameReplay frames) throws IOException {
        Map<String, String> ladders = new LinkedHashMap<>();
        for (Call c : a.calls()) {
            ladders.put(c.id(), LadderSvg.render(LadderBuilder.of(a, c)));
        }
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.append("<title>sipvista: ").append(esc(file)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n<style>").append(APP_CSS).append("</style></head><body>\n<div id=\"static-report\">\n");
        h.append("<h1>").append(esc(file)).append("</h1>\n<p>").append(a.frames()).append(" frames, ")
                .append(a.sipMessages()).append(" SIP messages");
        if (a.firstTime() != null) {
            h.append(", ").append(esc(a.firstTime())).append(" to ").append(esc(a.lastTime()));
        }
        h.append("</p>\n");
        if (!a.transactions().isEmpty()) {
            h.append("<p class=\"muted\">transactions:");
            a.transactions().forEach((m, n) -> h.append(' ').append(esc(m)).append(' ').append(n));
            h.append("</p>\n");
        }
        calls(h, a);
        findings(h, a.findings(), "Findings (" + a.findings().size() + ")");
        streams(h, a.streams(), "Streams (" + a.streams().size() + ")");
        registrations(h, a);
        for (Call c : a.calls()) {
            call(h, a, c, ladders.get(c.id()));
        }
        timeline(h, a);
        h.append("<p class=\"muted\">Written by sipvista from the capture alone; nothing is loaded from elsewhere. "
                + "This is the view without script; with scripting on, the same file opens the interactive view "
                + "(overview, call ladders, the frame timeline).</p>\n</div>\n<div id=\"app\" hidden></div>\n");
        out.write(h.toString());
        out.write("<script type=\"application/json\" id=\"sipvista-data\">");
        data(new ScriptData(out), file, a, frames, ladders);
        out.write("</script>\n<script>");
        out.write(APP_JS);
        out.write("</script>\n</body></html>\n");
        out.flush();
    }

    /** The data block: {"file", "analysis", "frames", "framesNote", "ladders"}, written through {@link ScriptData}. */
    private static void data(Writer d, String file, CaptureAnalysis.Result a, FrameReplay replay,
                             Map<String, String> ladders) throws IOException {
        d.write("{\"file\":");
        quoted(d, file);
        d.write(",\n\"analysis\":");
        StringWriter analysis = new StringWriter();
        AnalysisWriter.json(analysis, file, a);
        d.write(analysis.toString().strip());
        d.write(",\n\"frames\":[");
        String note;
        if (replay == null) {
            note = "this report holds no frames: it was written from the analysis alone (the capture was not read a "
                    + "second time); the ladders and the overview are complete";
        } else {
            boolean all = a.frames() <= ALL_FRAMES;
            long[] counts = new long[2]; // embedded, left out for the cap
            StringWriter buffer = new StringWriter();
            FramesJsonWriter json = FramesJsonWriter.lines(buffer, true, FrameInsights.of(a));
            replay.run(new FrameSink() {
                @Override
                public void begin(CaptureHeader header) throws IOException {
                    json.begin(header);
                    buffer.getBuffer().setLength(0);
                }

                @Override
                public void frame(Frame f) throws IOException {
                    if (!all && f.sip().isEmpty()) {
                        return;
                    }
                    if (counts[0] >= SIP_FRAMES && !all) {
                        counts[1]++;
                        return;
                    }
                    json.frame(f);
                    StringBuffer line = buffer.getBuffer();
                    int start = line.indexOf("\"type\":\"frame\",") == 1 ? 16 : 1;
                    int end = line.length();
                    while (end > 0 && line.charAt(end - 1) == '\n') {
                        end--;
                    }
                    d.write(counts[0]++ == 0 ? "{" : ",\n{");
                    d.write(line.substring(start, end));
                    line.setLength(0);
                }

                @Override
                public void end(CaptureSummary summary) {
                    // the analysis already holds the summary
                }
            });
            if (all) {
                note = null;
            } else {
                note = "the capture has " + a.frames() + " frames, more than " + ALL_FRAMES + ": this report holds "
                        + (counts[1] == 0 ? "only its " + counts[0] + " SIP frames"
                        : "only its first " + counts[0] + " SIP frames (" + counts[1] + " more left out)")
                        + "; 'sipvista frames' or 'sipvista serve' show every frame";
            }
        }
        d.write("],\n\"framesNote\":");
        if (note == null) {
            d.write("null");
        } else {
            quoted(d, note);
        }
        d.write(",\n\"ladders\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : ladders.entrySet()) {
            d.write(first ? "" : ",\n");
            first = false;
            quoted(d, e.getKey());
            d.write(':');
            quoted(d, e.getValue());
        }
        d.write("}}");
        d.flush();
    }

    private static void quoted(Writer d, String s) throws IOException {
        d.write('"');
        d.write(JsonStringEncoder.getInstance().quoteAsString(s));
        d.write('"');
    }

    /**
     * JSON text safe inside a script element: '<' is written as \\u003c (so nothing can end the element or open a
     * comment), U+2028 and U+2029 as their escapes. Only ever applied to JSON, where these characters can only be
     * inside strings, so the JSON means the same.
     */
    private static final class ScriptData extends Writer {
        private final Writer out;

        ScriptData(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            int from = off;
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                String r = c == '<' ? "\\u003c" : c == '\u2028' ? "\\u2028" : c == '\u2029' ? "\\u2029" : null;
                if (r != null) {
                    out.write(buf, from, i - from);
                    out.write(r);
                    from = i + 1;
                }
            }
            out.write(buf, from, off + len - from);
        }

        @Override
        public void write(String s) throws IOException {
            write(s.toCharArray(), 0, s.length());
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/io/sipvista/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/sipvista/web/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")) {
                throw new IllegalStateException(name + " cannot be inlined: it would end its element");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read io/sipvista/web/" + name, e);
        }
    }

    /** The CSP source of an inline element's text: 'sha256-' and the base64 of the SHA-256 of its UTF-8 bytes. */
    static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void calls(StringBuilder h, CaptureAnalysis.Result a) {
        h.append("<h2>Calls (").append(a.calls().size()).append(")</h2>\n");
        if (a.calls().isEmpty()) {
            return;
        }
        h.append("<table><tr><th>call</th><th>start</th><th>caller</th><th>callee</th><th>outcome</th>"
                + "<th>codec</th><th>talk</th><th>legs</th></tr>\n");
        for (Call c : a.calls()) {
            h.append("<tr><td><a href=\"#").append(esc(c.id())).append("\">").append(esc(c.id())).append("</a></td><td>")
                    .append(c.start() == null ? "" : esc(CaptureTime.iso(c.start()))).append("</td><td>")
                    .append(esc(party(c.caller()))).append("</td><td>").append(esc(party(c.callee()))).append("</td><td>")
                    .append(c.outcome()).append(c.finalStatus() > 0 ? " " + c.finalStatus() : "").append("</td><td>")
                    .append(esc(c.codec() == null ? "" : c.codec())).append("</td><td>")
                    .append(c.talkTime() == null ? "" : CallsWriter.seconds(c.talkTime())).append("</td><td>")
                    .append(c.legs().size()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void findings(StringBuilder h, List<Finding> findings, String title) {
        h.append("<h2>").append(esc(title)).append("</h2>\n");
        for (String severity : List.of("error", "warning", "info")) {
            for (Finding f : findings) {
                if (!severity.equals(f.severity())) {
                    continue;
                }
                h.append("<p><span class=\"").append(severity).append("\">").append(severity).append("</span> <code>")
                        .append(esc(f.id())).append("</code>");
                if (f.callId() != null) {
                    h.append(" [<a href=\"#").append(esc(f.callId())).append("\">").append(esc(f.callId()))
                            .append("</a>]");
                }
                h.append(": ").append(esc(f.text())).append("<br><span class=\"muted\">frames ")
                        .append(esc(f.frames().toString().replaceAll("[\\[\\]]", ""))).append("; ")
                        .append(esc(f.rfc() == null ? "" : f.rfc())).append(". ").append(esc(f.remedy()))
                        .append("</span></p>\n");
            }
        }
    }

    private static void streams(StringBuilder h, List<MediaStream> streams, String title) {
        h.append("<h2>").append(esc(title)).append("</h2>\n");
        if (streams.isEmpty()) {
            return;
        }
        h.append("<table><tr><th>call</th><th>from</th><th>to</th><th>SSRC</th><th>codec</th><th>packets</th>"
                + "<th>lost</th><th>jitter max</th><th>MOS</th><th>frames</th></tr>\n");
        for (MediaStream s : streams) {
            h.append("<tr><td>").append(esc(s.call() == null ? "(inferred)" : s.call())).append("</td><td class=\"mono\">")
                    .append(esc(s.src())).append("</td><td class=\"mono\">").append(esc(s.dst())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "0x%08X", s.ssrc())).append("</td><td>")
                    .append(esc(s.codec() == null ? "" : s.codec())).append("</td><td>").append(s.packets())
                    .append("</td><td>").append(s.lost())
                    .append(String.format(Locale.ROOT, " (%.1f%%)", s.lossPercent())).append("</td><td>")
                    .append(s.jitterKnown() ? String.format(Locale.ROOT, "%.2f ms", s.maxJitterMs()) : "")
                    .append("</td><td>")
                    .append(s.quality() == null ? "" : String.format(Locale.ROOT, "%.2f", s.quality().mos()))
                    .append("</td><td>").append(s.firstFrame()).append('-').append(s.lastFrame()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void registrations(StringBuilder h, CaptureAnalysis.Result a) {
        h.append("<h2>Registrations (").append(a.correlation().registrations().size()).append(") and subscriptions (")
                .append(a.subscriptions().size()).append(")</h2>\n<ul>\n");
        for (Registration r : a.correlation().registrations()) {
            long accepted = r.attempts().stream().filter(Registration.Attempt::succeeded).count();
            h.append("<li>").append(esc(r.aor())).append(": ").append(r.attempts().size()).append(" attempts, ")
                    .append(accepted).append(" accepted (frame ").append(r.firstFrame()).append(")</li>\n");
        }
        for (Subscription s : a.subscriptions()) {
            h.append("<li>").append(esc(s.event())).append(" for ").append(esc(s.callId())).append(": ")
                    .append(s.state().name().toLowerCase(Locale.ROOT)).append(", ").append(s.notifies().size())
                    .append(" NOTIFYs (frame ").append(s.firstFrame()).append(")</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void call(StringBuilder h, CaptureAnalysis.Result a, Call c, String ladder) {
        h.append("<h2 id=\"").append(esc(c.id())).append("\">").append(esc(c.id())).append(": ")
                .append(esc(party(c.caller()))).append(" → ").append(esc(party(c.callee()))).append(", ")
                .append(c.outcome()).append("</h2>\n<ul>\n");
        for (CallLeg l : c.legs()) {
            h.append("<li class=\"mono\">").append(esc(l.callId())).append(": ").append(esc(l.src())).append(" → ")
                    .append(esc(l.dst())).append(", frame ").append(l.firstFrame()).append(", ").append(l.outcome())
                    .append("</li>\n");
        }
        h.append("</ul>\n<details open><summary>Ladder</summary>\n");
        h.append(ladder);
        h.append("</details>\n");
        List<MediaStream> mine = a.streams().stream().filter(s -> c.id().equals(s.call())).toList();
        if (!mine.isEmpty()) {
            streams(h, mine, "Streams of " + c.id());
        }
        List<Finding> found = a.findings().stream().filter(f -> c.id().equals(f.callId())).toList();
        if (!found.isEmpty()) {
            findings(h, found, "Findings of " + c.id());
        }
    }

    private static void timeline(StringBuilder h, CaptureAnalysis.Result a) {
        if (a.messages().isEmpty()) {
            return;
        }
        FrameInsights insights = FrameInsights.of(a);
        Map<Long, Integer> seen = new HashMap<>();
        h.append("<h2>SIP timeline</h2>\n<details><summary>").append(a.messages().size())
                .append(" messages, each with what it does in this capture</summary>\n<table><tr><th>frame</th>"
                        + "<th>time</th><th>from → to</th><th>message</th><th>insight</th></tr>\n");
        for (CaptureAnalysis.Message m : a.messages()) {
            long frame = m.event().frame();
            int index = seen.merge(frame, 1, Integer::sum) - 1;
            String insight = insights.of(frame, index);
            h.append("<tr id=\"frame-").append(frame).append("\"><td>").append(frame).append("</td><td>")
                    .append(esc(CaptureTime.iso(m.event().time()))).append("</td><td class=\"mono\">")
                    .append(esc(m.event().src())).append(" → ").append(esc(m.event().dst())).append("</td><td class=\"mono\">")
                    .append(esc(m.event().message().startLine())).append("</td><td>")
                    .append(esc(insight == null ? "" : insight)).append("</td></tr>\n");
        }
        h.append("</table></details>\n");
    }

    private static String party(CallParty p) {
        if (p == null) {
            return "unknown";
        }
        String s = p.user() != null ? p.user() : p.uri();
        return s == null ? "unknown" : s;
    }

    /** Text safe in HTML element content and double- or single-quoted attributes; control characters shown as U+FFFD. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch < 0x20 && ch != '\t' || ch == 0x7f ? '\uFFFD' : ch);
            }
        }
        return b.toString();
    }
}
