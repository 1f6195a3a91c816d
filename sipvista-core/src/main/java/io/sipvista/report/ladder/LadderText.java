package io.sipvista.report.ladder;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link Ladder} for a terminal, like sngrep's call flow: one column per participant with a lifeline, one
 * row per arrow ({@code │──INVITE (SDP)──▶│}, {@code │◀──200 OK──│}) spanning between the two columns and passing
 * over the ones in between, and the frame number and the time since the first arrow at the left.
 *
 * <p>Styles: requests and responses {@code ─}, retransmissions dashed {@code ╌} and marked {@code ↻}, media
 * {@code ═}, self-arrows as a loop over two rows, notes as {@code [text]} across their columns, an arrow's
 * {@link Arrow#note()} on the row below it. Text that does not fit is cut with {@code …}. Capture text is made safe
 * for a terminal (control characters shown as {@code \xNN}, never obeyed). Plain text by default; ANSI colours
 * by kind on request.
 *
 * <p>When the width leaves less than {@link #MIN_COLUMN} characters per column, it falls back to a list, one line
 * per arrow: {@code frame time from → to label} ({@link #renderList}).
 */
public final class LadderText {
    /** The narrowest column (distance between two lifelines) still drawn as a ladder. */
    public static final int MIN_COLUMN = 10;

    private static final char LIFELINE = '│';
    private static final String RETRANSMISSION_MARK = "↻ ";
    private static final String RESET = "\u001b[0m";

    private LadderText() {
    }

    /** The ladder in plain text, at most {@code width} characters per line, each line ending in {@code '\n'}. */
    public static String render(Ladder ladder, int width) {
        return render(ladder, width, false);
    }

    /**
     * The ladder in text, at most {@code width} visible characters per line.
     *
     * @param ansi colour arrows by kind with ANSI escapes (requests bold, 1xx yellow, 2xx green, failures red,
     *             retransmissions magenta, media blue, notes dim)
     */
    public static String render(Ladder ladder, int width, boolean ansi) {
        checkWidth(width);
        int n = ladder.participants().size();
        if (n == 0) {
            return "(empty ladder)\n";
        }
        Gutter gutter = new Gutter(ladder);
        int colW = (width - gutter.width()) / n;
        if (width - gutter.width() < MIN_COLUMN * n) {
            return renderList(ladder, width, ansi);
        }
        return new Canvas(ladder, width, colW, gutter, ansi).draw();
    }

    /**
     * The list form used when the ladder does not fit: one line per arrow, {@code frame time from → to label},
     * each cut to {@code width} with {@code …}.
     */
    public static String renderList(Ladder ladder, int width, boolean ansi) {
        checkWidth(width);
        if (ladder.participants().isEmpty()) {
            return "(empty ladder)\n";
        }
        Gutter gutter = new Gutter(ladder);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ladder.arrows().size(); i++) {
            Arrow a = ladder.arrows().get(i);
            StringBuilder line = new StringBuilder(gutter.text(i));
            line.append(safe(a.from())).append(" → ").append(safe(a.to())).append(' ');
            String label = safe(a.label());
            if (a.kind() == Arrow.Kind.NOTE) {
                line.append('[').append(label).append(']');
            } else {
                line.append(a.kind() == Arrow.Kind.RETRANSMISSION ? RETRANSMISSION_MARK : "").append(label);
            }
            if (a.note() != null) {
                line.append(" (").append(safe(a.note())).append(')');
            }
            String text = cut(line.toString().stripTrailing(), width);
            if (ansi && colour(a.kind()) != null) {
                out.append(colour(a.kind())).append(text).append(RESET);
            } else {
                out.append(text);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void checkWidth(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive: " + width);
        }
    }

    static String colour(Arrow.Kind kind) {
        return switch (kind) {
            case REQUEST -> "\u001b[1m";
            case PROVISIONAL -> "\u001b[33m";
            case SUCCESS -> "\u001b[32m";
            case FAILURE -> "\u001b[31m";
            case RETRANSMISSION -> "\u001b[35m";
            case MEDIA -> "\u001b[34m";
            case NOTE -> "\u001b[2m";
        };
    }

    /** Capture text as one terminal-safe line: controls shown as {@code \xNN}, characters outside the BMP as '?'. */
    static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == '\t') {
                sb.append(' ');
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
                sb.append('?');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code s} cut to at most {@code max} characters, the last one {@code …} when something was cut. */
    static String cut(String s, int max) {
        if (max <= 0) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }

    /** The left margin: frame number right-aligned, then the relative time right-aligned. */
    private static final class Gutter {
        private final List<String> frames = new ArrayList<>();
        private final List<String> times = new ArrayList<>();
        private final int frameWidth;
        private final int timeWidth;

        Gutter(Ladder ladder) {
            RelativeClock clock = new RelativeClock(ladder.arrows());
            int fw = 0;
            int tw = 0;
            for (Arrow a : ladder.arrows()) {
                String f = Long.toString(a.frame());
                String t = clock.offset(a.time());
                frames.add(f);
                times.add(t);
                fw = Math.max(fw, f.length());
                tw = Math.max(tw, t.length());
            }
            frameWidth = fw;
            timeWidth = tw;
        }

        int width() {
            return frames.isEmpty() ? 0 : frameWidth + 1 + timeWidth + 2;
        }

        String text(int row) {
            return " ".repeat(frameWidth - frames.get(row).length()) + frames.get(row) + " "
                    + " ".repeat(timeWidth - times.get(row).length()) + times.get(row) + "  ";
        }
    }

    /** One picture being drawn: rows of cells with lifelines, arrows drawn over them. */
    private static final class Canvas {
        private final Ladder ladder;
        private final int width;
        private final int colW;
        private final Gutter gutter;
        private final boolean ansi;
        private final int[] centers;
        private final StringBuilder out = new StringBuilder();

        Canvas(Ladder ladder, int width, int colW, Gutter gutter, boolean ansi) {
            this.ladder = ladder;
            this.width = width;
            this.colW = colW;
            this.gutter = gutter;
            this.ansi = ansi;
            int n = ladder.participants().size();
            centers = new int[n];
            for (int i = 0; i < n; i++) {
                centers[i] = gutter.width() + i * colW + colW / 2;
            }
        }

        String draw() {
            header();
            for (int i = 0; i < ladder.arrows().size(); i++) {
                arrow(i, ladder.arrows().get(i));
            }
            return out.toString();
        }

        /**
         * Participant labels centred over their lifelines. When a label does not fit its column, the headers are
         * staggered over two tiers (even columns above, odd below) so each label gets almost two columns of room.
         */
        private void header() {
            List<List<String>> labels = new ArrayList<>();
            boolean stagger = false;
            for (Participant p : ladder.participants()) {
                List<String> ls = new ArrayList<>();
                for (String l : p.label().split("\n", -1)) {
                    String s = safe(l.strip());
                    stagger |= s.length() > colW - 1;
                    ls.add(s);
                }
                labels.add(ls);
            }
            stagger &= centers.length > 1;
            if (stagger) {
                tier(labels, 0, 2, false);
                tier(labels, 1, 2, true);
            } else {
                tier(labels, 0, 1, false);
            }
            char[] row = blank();
            for (int c : centers) {
                row[c] = '┬';
            }
            emit(row, -1, -1, null);
        }

        /** The header rows of columns {@code first, first + step, ...}; lifelines of the columns before them. */
        private void tier(List<List<String>> labels, int first, int step, boolean lifelinesBefore) {
            int lines = 0;
            for (int i = first; i < labels.size(); i += step) {
                lines = Math.max(lines, labels.get(i).size());
            }
            for (int k = 0; k < lines; k++) {
                char[] row = blank();
                if (lifelinesBefore) {
                    for (int i = 0; i < centers.length; i += step) {
                        row[centers[i]] = LIFELINE;
                    }
                }
                for (int i = first; i < labels.size(); i += step) {
                    if (k < labels.get(i).size()) {
                        int c = centers[i];
                        int half = step == 1 ? (colW - 1) / 2 : Math.min(colW - 1, Math.min(c, width - 1 - c));
                        String s = cut(labels.get(i).get(k), step == 1 ? colW - 1 : 2 * half + 1);
                        put(row, c - s.length() / 2, s);
                    }
                }
                emit(row, -1, -1, null);
            }
        }

        private void arrow(int index, Arrow a) {
            int from = ladder.columnOf(a.from());
            int to = ladder.columnOf(a.to());
            String colour = ansi ? colour(a.kind()) : null;
            String label = safe(a.label());
            String note = a.note() == null ? null : "(" + safe(a.note()) + ")";
            if (a.kind() == Arrow.Kind.NOTE) {
                noteRow(index, a, from, to, label, note, colour);
            } else if (from == to) {
                selfArrow(index, a, from, label, note, colour);
            } else {
                straightArrow(index, a, from, to, label, note, colour);
            }
        }

        private void straightArrow(int index, Arrow a, int from, int to, String label, String note, String colour) {
            int lo = centers[Math.min(from, to)];
            int hi = centers[Math.max(from, to)];
            char[] row = lifelines(index);
            char shaft = shaft(a.kind());
            for (int x = lo + 1; x < hi; x++) {
                row[x] = shaft;
            }
            if (from < to) {
                row[hi - 1] = '▶';
            } else {
                row[lo + 1] = '◀';
            }
            String text = (a.kind() == Arrow.Kind.RETRANSMISSION ? RETRANSMISSION_MARK : "") + label;
            centred(row, lo + 3, hi - 3, text);
            emit(row, lo + 1, hi - 1, colour);
            if (note != null) {
                char[] noteRow = lifelines(-1);
                centred(noteRow, lo + 3, hi - 3, note);
                emit(noteRow, lo + 3, hi - 3, colour);
            }
        }

        private void selfArrow(int index, Arrow a, int col, String label, String note, String colour) {
            int c = centers[col];
            boolean left = col == centers.length - 1 && centers.length > 1;
            char shaft = shaft(a.kind());
            String text = (a.kind() == Arrow.Kind.RETRANSMISSION ? RETRANSMISSION_MARK : "") + label;
            char[] first = lifelines(index);
            char[] second = lifelines(-1);
            if (left) {
                first[c - 3] = '┌';
                first[c - 2] = shaft;
                first[c - 1] = shaft;
                first[c] = '┤';
                second[c - 3] = '└';
                second[c - 2] = shaft;
                second[c - 1] = '▶';
                int start = centers[col - 1] + 2;
                int end = c - 5;
                rightAligned(first, start, end, text);
                if (note != null) {
                    rightAligned(second, start, end, note);
                }
                emit(first, Math.min(start, c - 3), c, colour);
                emit(second, Math.min(start, c - 3), c, colour);
            } else {
                first[c] = '├';
                first[c + 1] = shaft;
                first[c + 2] = shaft;
                first[c + 3] = '┐';
                second[c + 1] = '◀';
                second[c + 2] = shaft;
                second[c + 3] = '┘';
                int start = c + 5;
                int end = col + 1 < centers.length ? centers[col + 1] - 2 : width - 1;
                put(first, start, cut(text, end - start + 1));
                if (note != null) {
                    put(second, start, cut(note, end - start + 1));
                }
                emit(first, c + 1, Math.max(end, c + 3), colour);
                emit(second, c + 1, Math.max(end, c + 3), colour);
            }
        }

        private void noteRow(int index, Arrow a, int from, int to, String label, String note, String colour) {
            int lo = Math.min(from, to);
            int hi = Math.max(from, to);
            int start;
            int end;
            if (lo == hi) {
                start = centers[lo] - colW / 2 + 1;
                end = centers[lo] - colW / 2 + colW - 2;
            } else {
                start = centers[lo] + 1;
                end = centers[hi] - 1;
            }
            char[] row = lifelines(index);
            int room = end - start + 1;
            String text = room >= 3 ? "[" + cut(label, room - 2) + "]" : cut(label, room);
            centred(row, start, end, text);
            emit(row, start, end, colour);
            if (note != null) {
                char[] noteRow = lifelines(-1);
                centred(noteRow, start, end, note);
                emit(noteRow, start, end, colour);
            }
        }

        private static char shaft(Arrow.Kind kind) {
            return switch (kind) {
                case RETRANSMISSION -> '╌';
                case MEDIA -> '═';
                default -> '─';
            };
        }

        private char[] blank() {
            char[] row = new char[width];
            java.util.Arrays.fill(row, ' ');
            return row;
        }

        /** A row with the lifelines and, when {@code index >= 0}, that arrow's frame and time in the gutter. */
        private char[] lifelines(int index) {
            char[] row = blank();
            for (int c : centers) {
                row[c] = LIFELINE;
            }
            if (index >= 0) {
                put(row, 0, gutter.text(index));
            }
            return row;
        }

        /** {@code text} cut to the cells {@code start..end} and centred in them. */
        private static void centred(char[] row, int start, int end, String text) {
            int room = end - start + 1;
            if (room <= 0) {
                return;
            }
            String s = cut(text, room);
            put(row, start + (room - s.length()) / 2, s);
        }

        private static void rightAligned(char[] row, int start, int end, String text) {
            int room = end - start + 1;
            if (room <= 0) {
                return;
            }
            String s = cut(text, room);
            put(row, end - s.length() + 1, s);
        }

        private static void put(char[] row, int start, String s) {
            for (int i = 0; i < s.length(); i++) {
                int x = start + i;
                if (x >= 0 && x < row.length) {
                    row[x] = s.charAt(i);
                }
            }
        }

        /** Appends the row, trailing blanks removed, with cells {@code start..end} coloured when a colour is set. */
        private void emit(char[] row, int start, int end, String colour) {
            String line = new String(row).stripTrailing();
            if (colour == null || start < 0 || start >= line.length()) {
                out.append(line).append('\n');
                return;
            }
            int stop = Math.min(end + 1, line.length());
            out.append(line, 0, start).append(colour).append(line, start, stop).append(RESET)
                    .append(line, stop, line.length()).append('\n');
        }
    }
}
