package io.sipvista.report;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.InterfaceInfo;
import io.sipvista.frame.Frame;
import io.sipvista.frame.SipEntry;
import io.sipvista.sip.SipHeader;
import io.sipvista.sip.SipMessage;
import io.sipvista.sip.sdp.Sdp;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The terminal timeline: one card per frame, as on the page sipvista grew from. A SIP card shows the start line,
 * the key headers and every SDP line; {@code raw} prints the whole message instead of the key headers.
 */
public final class FramesTextWriter implements FrameSink {
    /** Headers a card shows, in this order (every occurrence). Others are counted, and shown with --raw. */
    static final List<String> KEY_HEADERS = List.of(
            "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Record-Route", "Route",
            "User-Agent", "Server", "Expires", "Min-Expires", "Event", "Subscription-State", "Allow-Events",
            "Max-Forwards", "Content-Type", "Accept", "Supported", "Require", "Session-Expires", "Reason",
            "Refer-To", "Referred-By", "Replaces", "P-Asserted-Identity", "Diversion", "WWW-Authenticate",
            "Proxy-Authenticate", "Authorization", "Proxy-Authorization", "Warning", "Retry-After");
    private static final Set<String> KEY_SET = Set.copyOf(KEY_HEADERS.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    private static final int NAME_WIDTH = 20;

    private final Writer out;
    private final boolean raw;
    private final io.sipvista.analysis.FrameInsights insights;
    /** Name the interface on each card once the capture has shown more than one. */
    private boolean manyInterfaces;

    public FramesTextWriter(Writer out, boolean raw) {
        this(out, raw, io.sipvista.analysis.FrameInsights.NONE);
    }

    public FramesTextWriter(Writer out, boolean raw, io.sipvista.analysis.FrameInsights insights) {
        this.out = out;
        this.raw = raw;
        this.insights = insights;
    }

    @Override
    public void begin(CaptureHeader h) throws IOException {
        StringBuilder sb = new StringBuilder();
        manyInterfaces = h.interfaces().size() > 1;
        sb.append(Printable.line(h.file())).append(": ").append(h.format());
        if (h.compressed() != null) {
            sb.append(" (").append(h.compressed()).append(')');
        }
        sb.append(", ").append(h.bigEndian() ? "big-endian" : "little-endian");
        for (InterfaceInfo i : h.interfaces()) {
            sb.append(", interface ").append(i.id()).append(' ').append(i.linkTypeName());
            sb.append(i.timeDigits() == 9 ? " (ns)" : i.timeDigits() == 6 ? " (µs)" : " (" + i.timeDigits() + " digits)");
        }
        out.write(sb.append("\n\n").toString());
    }

    @Override
    public void frame(Frame f) throws IOException {
        StringBuilder sb = new StringBuilder(512);
        sb.append("Frame ").append(f.number()).append(" | ").append(f.time());
        manyInterfaces |= f.interfaceId() != 0;
        if (manyInterfaces) {
            sb.append(" | if ").append(f.interfaceId());
        }
        if (f.src() != null) {
            sb.append(" | ").append(f.src()).append(" → ").append(f.dst());
        }
        if (f.transport() != null) {
            sb.append(" | ").append(f.transport().toUpperCase(Locale.ROOT));
        }
        sb.append(" | ").append(f.protocol().toUpperCase(Locale.ROOT));
        sb.append('\n');
        for (String t : f.tunnels()) {
            sb.append("  via ").append(Printable.line(t)).append('\n');
        }
        if (f.sip().isEmpty() || f.sip().stream().anyMatch(SipEntry::quoted)) {
            sb.append("  ").append(Printable.line(f.label())).append('\n');
        }
        String media = f.sip().isEmpty() ? insights.media(f) : null;
        if (media != null) {
            sb.append("  » ").append(Printable.line(media)).append('\n');
        }
        int onWire = 0;
        for (SipEntry e : f.sip()) {
            String insight = e.quoted() ? null : insights.of(f.number(), onWire++);
            if (insight != null) {
                sb.append("  » ").append(Printable.line(insight)).append('\n');
            }
            sip(sb, e, f.number());
        }
        for (Anomaly a : f.anomalies()) {
            anomaly(sb, "  ! ", a);
        }
        sb.append('\n');
        out.write(sb.toString());
    }

    private void sip(StringBuilder sb, SipEntry e, long frame) {
        SipMessage m = e.message();
        if (e.quoted()) {
            sb.append("  [quoted in this ICMP error, not sent again]\n");
        }
        sb.append("  ").append(Printable.line(m.startLine()));
        if (e.firstFrame() != frame) {
            sb.append("   [reassembled from frames ").append(e.firstFrame()).append('-').append(frame).append(']');
        }
        sb.append('\n');
        if (raw) {
            String text = new String(m.raw(), StandardCharsets.UTF_8);
            for (String line : text.split("\r?\n", -1)) {
                sb.append("  | ").append(Printable.line(line)).append('\n');
            }
        } else {
            int others = 0;
            for (String key : KEY_HEADERS) {
                for (SipHeader h : m.headers()) {
                    if (h.name().equalsIgnoreCase(key)) {
                        row(sb, "    ", h.name(), h.value());
                    }
                }
            }
            for (SipHeader h : m.headers()) {
                if (!KEY_SET.contains(h.name().toLowerCase(Locale.ROOT)) && !h.name().equalsIgnoreCase("Content-Length")) {
                    others++;
                }
            }
            if (others > 0) {
                sb.append("    (").append(others).append(others == 1 ? " more header" : " more headers").append(", --raw shows all)\n");
            }
            for (Sdp sdp : e.sdp()) {
                sdp(sb, sdp);
            }
        }
        for (Anomaly a : m.anomalies()) {
            anomaly(sb, "  ! ", a);
        }
    }

    private static void sdp(StringBuilder sb, Sdp sdp) {
        sb.append("    SDP\n");
        boolean inMedia = false;
        for (Sdp.Line line : sdp.lines()) {
            char t = line.type();
            if (t == 'm') {
                inMedia = true;
            }
            String indent = inMedia && t != 'm' ? "        " : "      ";
            if (t == 'a') {
                String v = line.redactedValue();
                int colon = v.indexOf(':');
                if (colon > 0) {
                    row(sb, indent, v.substring(0, colon), v.substring(colon + 1));
                } else {
                    row(sb, indent, v, "");
                }
            } else if (t == Sdp.Line.NO_TYPE) {
                row(sb, indent, "(malformed)", line.redactedValue());
            } else {
                row(sb, indent, SDP_NAMES.getOrDefault(t, t + "="), line.redactedValue());
            }
        }
    }

    private static final Map<Character, String> SDP_NAMES = Map.ofEntries(
            Map.entry('v', "version"), Map.entry('o', "owner"), Map.entry('s', "session"), Map.entry('i', "info"),
            Map.entry('u', "uri"), Map.entry('e', "email"), Map.entry('p', "phone"), Map.entry('c', "connection"),
            Map.entry('b', "bandwidth"), Map.entry('t', "time"), Map.entry('r', "repeat"), Map.entry('z', "zone"),
            Map.entry('k', "key"), Map.entry('m', "media"));

    private static void anomaly(StringBuilder sb, String prefix, Anomaly a) {
        sb.append(prefix).append(a.severity().label()).append(' ').append(a.id()).append(": ")
                .append(Printable.line(a.text())).append('\n');
    }

    private static void row(StringBuilder sb, String indent, String name, String value) {
        sb.append(indent).append(Printable.line(name));
        int pad = NAME_WIDTH - indent.length() - name.length();
        if (value.isEmpty()) {
            sb.append('\n');
            return;
        }
        sb.append(" ".repeat(Math.max(1, pad))).append(Printable.line(value)).append('\n');
    }

    @Override
    public void end(CaptureSummary s) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(s.frames()).append(s.frames() == 1 ? " frame" : " frames").append(", ")
                .append(s.sipMessages()).append(s.sipMessages() == 1 ? " SIP message" : " SIP messages");
        if (s.quotedSipMessages() > 0) {
            sb.append(" (and ").append(s.quotedSipMessages()).append(" quoted in ICMP errors)");
        }
        if (s.firstTime() != null) {
            sb.append(", ").append(s.firstTime()).append(" to ").append(s.lastTime());
        }
        sb.append('\n');
        for (Anomaly a : s.warnings()) {
            anomaly(sb, "! ", a);
        }
        out.write(sb.toString());
        out.flush();
    }
}
