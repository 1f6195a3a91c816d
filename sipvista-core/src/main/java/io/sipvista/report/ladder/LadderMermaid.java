package io.sipvista.report.ladder;

/**
 * Writes a {@link Ladder} as Mermaid {@code sequenceDiagram} source, for Markdown tickets and wikis.
 *
 * <p>Participants get safe aliases {@code P1..Pn} in column order and show their label ({@code "\n"} becomes
 * {@code <br/>}). Requests are drawn {@code ->>}, responses {@code -->>}, retransmissions {@code -)} with a
 * {@code ↻} mark, media {@code --)}, notes as {@code Note over}; an arrow's {@link Arrow#note()} follows it as a note.
 * Every message starts with its frame number ({@code "[12] INVITE (SDP)"}). Capture text is entity-coded where
 * Mermaid would misread it ({@code ; # " ' < > & { } |} and line breaks), so a hostile label cannot break out of
 * its line. Deterministic: the same ladder gives the same text.
 */
public final class LadderMermaid {
    private LadderMermaid() {
    }

    /** The Mermaid source, lines separated by {@code '\n'}, ending in {@code '\n'}. */
    public static String render(Ladder ladder) {
        StringBuilder out = new StringBuilder("sequenceDiagram\n");
        for (int i = 0; i < ladder.participants().size(); i++) {
            Participant p = ladder.participants().get(i);
            out.append("    participant ").append(alias(i)).append(" as ").append(multiline(p.label())).append('\n');
        }
        for (Arrow a : ladder.arrows()) {
            String from = alias(ladder.columnOf(a.from()));
            String to = alias(ladder.columnOf(a.to()));
            String mark = a.kind() == Arrow.Kind.RETRANSMISSION ? "↻ " : "";
            String text = "[" + a.frame() + "] " + mark + escape(a.label());
            if (a.kind() == Arrow.Kind.NOTE) {
                out.append("    Note over ").append(span(from, to)).append(": ").append(text).append('\n');
            } else {
                String line = switch (a.kind()) {
                    case PROVISIONAL, SUCCESS, FAILURE -> "-->>";
                    case RETRANSMISSION -> "-)";
                    case MEDIA -> "--)";
                    default -> "->>";
                };
                out.append("    ").append(from).append(line).append(to).append(": ").append(text)
                        .append('\n');
            }
            if (a.note() != null) {
                out.append("    Note over ").append(span(from, to)).append(": ").append(escape(a.note())).append('\n');
            }
        }
        return out.toString();
    }

    private static String span(String from, String to) {
        return from.equals(to) ? from : from + "," + to;
    }

    private static String alias(int column) {
        return "P" + (column + 1);
    }

    private static String multiline(String label) {
        String[] lines = label.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append("<br/>");
            }
            sb.append(escape(lines[i].strip()));
        }
        return sb.toString();
    }

    /**
     * Capture text as a Mermaid-safe single line: characters Mermaid reads as syntax become entity codes
     * (decimal codes: {@code #59;} for {@code ;}, {@code #35;} for {@code #}, {@code #34;} for a quote,
     * {@code #60;} for {@code <}, ...), control characters
     * and line breaks become spaces. An empty result becomes {@code "-"}, as Mermaid needs some text.
     */
    static String escape(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ';' -> sb.append("#59;");
                case '#' -> sb.append("#35;");
                case '"' -> sb.append("#34;");
                case '\'' -> sb.append("#39;");
                case '<' -> sb.append("#60;");
                case '>' -> sb.append("#62;");
                case '&' -> sb.append("#38;");
                case '{' -> sb.append("#123;");
                case '}' -> sb.append("#125;");
                case '|' -> sb.append("#124;");
                case '%' -> sb.append("#37;");
                default -> sb.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? ' ' : c);
            }
        }
        String r = sb.toString().strip();
        return r.isEmpty() ? "-" : r;
    }
}
