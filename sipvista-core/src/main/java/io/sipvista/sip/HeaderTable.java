package io.sipvista.sip;

import java.util.Arrays;

/**
 * The header lines of one {@link SipMessage}, kept as positions in its bytes: per line the canonical name, the name as
 * written (the same shared string when spelled canonically), the line number and where the trimmed value lies. A
 * value is decoded when asked for. A message is often held for a minute of capture time (until its call settles),
 * and its values as strings were a third of what it held, one string and one array per line; this keeps two small
 * arrays per message: the canonical names, and the value positions as 16-bit offsets (a message under 64 KiB, as
 * nearly all are). The names as written and the line numbers take an array only in a message where some name is not
 * spelled canonically or some line number is not the plain one (a folded value before it). A value continued on
 * folded lines is the one kept as a string, since it is not one run of bytes.
 *
 * <p>Immutable once built; the message's bytes are never changed.
 */
final class HeaderTable {
    static final HeaderTable EMPTY = new HeaderTable(new String[0], null, new char[0], null, null, null);

    /** Per line: the canonical name. */
    private final String[] names;
    /** Per line: the name as written; null when every line spells its name canonically. */
    private final String[] wireNames;
    /** Per line: value start at 2i and end at 2i + 1 (offsets into the message's bytes); null when {@link #wide}. */
    private final char[] spans;
    /** {@link #spans} for a message of 64 KiB or more. */
    private final int[] wide;
    /** Per line: its line number; null when line i is line i + 2 for every i (the start line is line 1). */
    private final int[] lines;
    /** Per line: the value when it was folded over several lines, else null; null when no value was folded. */
    private final String[] folded;

    private HeaderTable(String[] names, String[] wireNames, char[] spans, int[] wide, int[] lines, String[] folded) {
        this.names = names;
        this.wireNames = wireNames;
        this.spans = spans;
        this.wide = wide;
        this.lines = lines;
        this.folded = folded;
    }

    int size() {
        return names.length;
    }

    /** The canonical name of line {@code i}. */
    String name(int i) {
        return names[i];
    }

    /** The name of line {@code i} as written (the canonical string when spelled canonically). */
    String wireName(int i) {
        return wireNames == null ? names[i] : wireNames[i];
    }

    /** The line number of header line {@code i} in the message (the start line is line 1). */
    int line(int i) {
        return lines == null ? i + 2 : lines[i];
    }

    /** The trimmed value of line {@code i}, decoded from {@code raw}, the message's bytes. */
    String value(int i, byte[] raw) {
        return value(folded, i, raw, valueFrom(i), valueTo(i));
    }

    /** Whether line {@code i}'s value was folded over several lines: it is then no run of the message's bytes. */
    boolean isFolded(int i) {
        return folded != null && folded[i] != null;
    }

    /** Where line {@code i}'s trimmed value begins in the message's bytes (unless {@link #isFolded}). */
    int valueFrom(int i) {
        return spans != null ? spans[2 * i] : wide[2 * i];
    }

    /** Where line {@code i}'s trimmed value ends in the message's bytes (unless {@link #isFolded}). */
    int valueTo(int i) {
        return spans != null ? spans[2 * i + 1] : wide[2 * i + 1];
    }

    /** Line {@code i}'s folded value if it has one, else {@code b[from, to)} decoded. */
    private static String value(String[] folded, int i, byte[] b, int from, int to) {
        if (folded != null && folded[i] != null) {
            return folded[i];
        }
        return Utf8.decode(b, from, to);
    }

    /** Line {@code i} as a {@link SipHeader}. */
    SipHeader header(int i, byte[] raw) {
        return new SipHeader(name(i), wireName(i), value(i, raw), line(i));
    }

    static final class Builder {
        private String[] names = new String[32];
        private int[] spans = new int[48];
        private String[] folded;
        private int size;

        int size() {
            return size;
        }

        String name(int i) {
            return names[2 * i];
        }

        int line(int i) {
            return spans[3 * i];
        }

        /** The value of line {@code i}, decoded from the parser's input {@code b}. */
        String value(int i, byte[] b) {
            return HeaderTable.value(folded, i, b, spans[3 * i + 1], spans[3 * i + 2]);
        }

        /**
         * Adds a line: its value is {@code b[from, to)} of the parser's input, or {@code foldedValue} when not null.
         */
        void add(String name, String wireName, int line, int from, int to, String foldedValue) {
            if (2 * size + 2 > names.length) {
                names = Arrays.copyOf(names, names.length * 2);
                spans = Arrays.copyOf(spans, spans.length * 2);
            }
            names[2 * size] = name;
            names[2 * size + 1] = wireName;
            spans[3 * size] = line;
            spans[3 * size + 1] = from;
            spans[3 * size + 2] = to;
            if (foldedValue != null) {
                if (folded == null) {
                    folded = new String[names.length / 2];
                } else if (folded.length < names.length / 2) {
                    folded = Arrays.copyOf(folded, names.length / 2);
                }
                folded[size] = foldedValue;
            }
            size++;
        }

        /** The table, with value offsets moved to count from {@code start} (where the message's bytes begin). */
        HeaderTable build(int start) {
            if (size == 0) {
                return EMPTY;
            }
            boolean renamed = false; // some name not spelled canonically
            boolean renumbered = false; // some line number not the plain one
            int end = 0;
            for (int i = 0; i < size; i++) {
                renamed |= !names[2 * i].equals(names[2 * i + 1]);
                renumbered |= spans[3 * i] != i + 2;
                end = Math.max(end, spans[3 * i + 2] - start);
            }
            String[] canonical = new String[size];
            String[] written = renamed ? new String[size] : null;
            int[] lineNumbers = renumbered ? new int[size] : null;
            char[] narrow = end <= Character.MAX_VALUE ? new char[2 * size] : null;
            int[] wide = narrow == null ? new int[2 * size] : null;
            for (int i = 0; i < size; i++) {
                canonical[i] = names[2 * i];
                if (written != null) {
                    written[i] = names[2 * i + 1];
                }
                if (lineNumbers != null) {
                    lineNumbers[i] = spans[3 * i];
                }
                int from = spans[3 * i + 1] - start;
                int to = spans[3 * i + 2] - start;
                if (narrow != null) {
                    narrow[2 * i] = (char) from;
                    narrow[2 * i + 1] = (char) to;
                } else {
                    wide[2 * i] = from;
                    wide[2 * i + 1] = to;
                }
            }
            String[] f = folded == null ? null : Arrays.copyOf(folded, size);
            return new HeaderTable(canonical, written, narrow, wide, lineNumbers, f);
        }
    }
}
