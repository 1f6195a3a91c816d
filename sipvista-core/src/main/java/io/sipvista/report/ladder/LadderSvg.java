package io.sipvista.report.ladder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Ladder} as a standalone SVG document: participant boxes with lifelines, one arrow per row with an
 * arrowhead and its label, the frame number and relative time at the left.
 *
 * <p>The document has no scripts, no styles from elsewhere, no external references. Each arrow (and note) is one
 * {@code <g class="arrow KIND" data-frame="N">} element with a {@code <title>} tooltip, so a web page can link it to
 * the frame card. Every capture-derived string is XML-escaped (characters XML 1.0 forbids become U+FFFD), so the
 * output always parses. Retransmissions are dashed and marked {@code ↻}, media thick, notes boxed. Coordinates are
 * integers computed from character counts, so the same ladder gives byte-identical output.
 */
public final class LadderSvg {
    private static final int CHAR_W = 7;
    private static final int LINE_H = 16;
    private static final int ROW_H = 32;
    private static final int NOTE_H = 16;
    private static final int SELF_H = 44;
    private static final int MIN_SPACING = 160;
    private static final int MAX_SPACING = 360;
    private static final String FONT = "font-family=\"monospace\" font-size=\"12\"";

    private LadderSvg() {
    }

    /** The SVG document (UTF-8 text, no XML declaration needed), ending in {@code '\n'}. */
    public static String render(Ladder ladder) {
        int n = ladder.participants().size();
        RelativeClock clock = new RelativeClock(ladder.arrows());
        List<String> times = new ArrayList<>();
        int gutterChars = 0;
        for (Arrow a : ladder.arrows()) {
            String t = clock.offset(a.time());
            times.add(t);
            gutterChars = Math.max(gutterChars, Long.toString(a.frame()).length() + 1 + t.length());
        }
        int gutter = gutterChars * CHAR_W + 24;
        int widest = 0;
        int headerLines = 1;
        for (Participant p : ladder.participants()) {
            String[] lines = p.label().split("\n", -1);
            headerLines = Math.max(headerLines, lines.length);
            for (String l : lines) {
                widest = Math.max(widest, l.strip().length());
            }
        }
        for (Arrow a : ladder.arrows()) {
            int span = Math.abs(ladder.columnOf(a.from()) - ladder.columnOf(a.to()));
            if (span == 1) {
                widest = Math.max(widest, a.label().length() + 2);
            }
        }
        int spacing = Math.max(MIN_SPACING, Math.min(MAX_SPACING, widest * CHAR_W + 40));
        int boxH = headerLines * LINE_H + 10;
        int top = 10;

        int[] cx = new int[n];
        for (int i = 0; i < n; i++) {
            cx[i] = gutter + i * spacing + spacing / 2;
        }
        int y = top + boxH + 30;
        int[] rowY = new int[ladder.arrows().size()];
        for (int i = 0; i < ladder.arrows().size(); i++) {
            Arrow a = ladder.arrows().get(i);
            rowY[i] = y;
            y += (a.isSelf() && a.kind() != Arrow.Kind.NOTE ? SELF_H : ROW_H) + (a.note() != null ? NOTE_H : 0);
        }
        int width = Math.max(240, gutter + n * spacing + 20);
        int height = y + 10;

        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" class=\"ladder\">\n");
        out.append("  <rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        if (n == 0) {
            out.append("  <text x=\"20\" y=\"30\" ").append(FONT).append(" fill=\"#555555\">(empty ladder)</text>\n");
            return out.append("</svg>\n").toString();
        }
        for (int i = 0; i < n; i++) {
            Participant p = ladder.participants().get(i);
            int boxW = spacing - 20;
            out.append("  <g class=\"participant\" data-participant=\"").append(i + 1).append("\">\n");
            out.append("    <title>").append(xml(p.id())).append("</title>\n");
            out.append("    <line x1=\"").append(cx[i]).append("\" y1=\"").append(top + boxH).append("\" x2=\"")
                    .append(cx[i]).append("\" y2=\"").append(height - 10)
                    .append("\" stroke=\"#999999\" stroke-width=\"1\"/>\n");
            out.append("    <rect x=\"").append(cx[i] - boxW / 2).append("\" y=\"").append(top).append("\" width=\"")
                    .append(boxW).append("\" height=\"").append(boxH)
                    .append("\" rx=\"4\" fill=\"#eef2f7\" stroke=\"#44546a\"/>\n");
            String[] lines = p.label().split("\n", -1);
            for (int k = 0; k < lines.length; k++) {
                out.append("    <text x=\"").append(cx[i]).append("\" y=\"").append(top + 5 + (k + 1) * LINE_H - 3)
                        .append("\" text-anchor=\"middle\" ").append(FONT).append(k == 0 ? " font-weight=\"bold\"" : "")
                        .append(">").append(xml(cut(lines[k].strip(), (boxW - 8) / CHAR_W))).append("</text>\n");
            }
            out.append("  </g>\n");
        }
        for (int i = 0; i < ladder.arrows().size(); i++) {
            Arrow a = ladder.arrows().get(i);
            arrow(out, a, times.get(i), rowY[i], cx[ladder.columnOf(a.from())], cx[ladder.columnOf(a.to())], spacing);
        }
        return out.append("</svg>\n").toString();
    }

    private static void arrow(StringBuilder out, Arrow a, String time, int y, int x1, int x2, int spacing) {
        String kind = a.kind().name().toLowerCase(Locale.ROOT);
        String colour = colour(a.kind());
        String mark = a.kind() == Arrow.Kind.RETRANSMISSION ? "↻ " : "";
        out.append("  <g class=\"arrow ").append(kind).append("\" data-frame=\"").append(a.frame()).append("\">\n");
        out.append("    <title>").append(xml("frame " + a.frame() + " " + time + ": " + a.from() + " → " + a.to()
                + " " + a.label() + (a.note() != null ? " (" + a.note() + ")" : ""))).append("</title>\n");
        out.append("    <text x=\"8\" y=\"").append(y + 4).append("\" ").append(FONT).append(" fill=\"#555555\">")
                .append(a.frame()).append(' ').append(xml(time)).append("</text>\n");
        String stroke = " stroke=\"" + colour + "\" stroke-width=\"" + (a.kind() == Arrow.Kind.MEDIA ? 3 : 1)
                + "\"" + (a.kind() == Arrow.Kind.RETRANSMISSION ? " stroke-dasharray=\"6 4\"" : "");
        int lo = Math.min(x1, x2);
        int hi = Math.max(x1, x2);
        if (a.kind() == Arrow.Kind.NOTE) {
            int left = lo - spacing / 2 + 12;
            int right = hi + spacing / 2 - 12;
            out.append("    <rect x=\"").append(left).append("\" y=\"").append(y - 12).append("\" width=\"")
                    .append(right - left).append("\" height=\"22\" fill=\"#fff8c4\" stroke=\"#c8b400\"/>\n");
            text(out, (left + right) / 2, y + 3, "middle", cut("[" + a.frame() + "] " + a.label(),
                    (right - left - 8) / CHAR_W), "#333333");
            noteText(out, a, (left + right) / 2, y + ROW_H - 8, "middle", (right - left) / CHAR_W);
        } else if (x1 == x2) {
            int x = x1;
            out.append("    <polyline points=\"").append(x).append(',').append(y).append(' ').append(x + 30).append(',')
                    .append(y).append(' ').append(x + 30).append(',').append(y + 18).append(' ').append(x + 6)
                    .append(',').append(y + 18).append("\" fill=\"none\"").append(stroke).append("/>\n");
            head(out, x, y + 18, -1, colour);
            text(out, x + 36, y + 13, "start", cut(mark + a.label(), (spacing / 2 - 40) / CHAR_W), colour);
            noteText(out, a, x + 36, y + 34, "start", (spacing / 2 - 40) / CHAR_W);
        } else {
            int dir = x2 > x1 ? 1 : -1;
            out.append("    <line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(x2 - dir * 6).append("\" y2=\"").append(y).append('"').append(stroke).append("/>\n");
            head(out, x2, y, dir, colour);
            int room = (hi - lo - 20) / CHAR_W;
            text(out, (lo + hi) / 2, y - 5, "middle", cut(mark + a.label(), room), colour);
            noteText(out, a, (lo + hi) / 2, y + 16, "middle", room);
        }
        out.append("  </g>\n");
    }

    private static void noteText(StringBuilder out, Arrow a, int x, int y, String anchor, int room) {
        if (a.note() != null) {
            out.append("    <text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"")
                    .append(anchor).append("\" ").append(FONT).append(" font-style=\"italic\" fill=\"#555555\">")
                    .append(xml(cut(a.note(), room))).append("</text>\n");
        }
    }

    private static void text(StringBuilder out, int x, int y, String anchor, String s, String colour) {
        out.append("    <text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                .append("\" ").append(FONT).append(" fill=\"").append(colour).append("\">").append(xml(s))
                .append("</text>\n");
    }

    /** A filled arrowhead whose tip is at (x, y), pointing right ({@code dir = 1}) or left ({@code dir = -1}). */
    private static void head(StringBuilder out, int x, int y, int dir, String colour) {
        int back = x - dir * 9;
        out.append("    <polygon points=\"").append(x).append(',').append(y).append(' ').append(back).append(',')
                .append(y - 4).append(' ').append(back).append(',').append(y + 4).append("\" fill=\"").append(colour)
                .append("\"/>\n");
    }

    private static String colour(Arrow.Kind kind) {
        return switch (kind) {
            case REQUEST -> "#1f4e79";
            case PROVISIONAL -> "#8a6d00";
            case SUCCESS -> "#1b7a1b";
            case FAILURE -> "#b00020";
            case RETRANSMISSION -> "#8e44ad";
            case MEDIA -> "#0b6e99";
            case NOTE -> "#333333";
        };
    }

    private static String cut(String s, int max) {
        if (max <= 0) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * Text safe inside an XML element or a double-quoted attribute: {@code & < > " '} escaped, characters XML 1.0
     * forbids (controls other than tab/newline/CR, lone surrogates, U+FFFE, U+FFFF) replaced by U+FFFD.
     */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
