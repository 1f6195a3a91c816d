package io.sipvista.sip;

import java.util.Arrays;

/**
 * The header lines of one {@link SipMessage}, kept as positions in its bytes: per line the canonical name, the name as
 * written (the same shared string when spelled canonically), the line number and where the trimmed value lies. A
 * value is decoded when asked for. A message is often held for a minute of capture time (until its call settles),
 * and its values as strings were a third of what it held, one string and one array per line; this keeps two arrays
 * per message. A value continued on folded lines is the one kept as a string, since it is not one run of bytes.
 *
 * <p>Immutable once built; the message's bytes are never changed.
 */
final class HeaderTable {
    static final HeaderTable EMPTY = new HeaderTable(new String[0], new int[0], null);

    /** Per line: canonical name at 2i, name as written at 2i + 1. */
    private final String[] names;
    /** Per line: line number at 3i, value start at 3i + 1 and end at 3i + 2 (offsets into the message's bytes). */
    private final int[] spans;
    /** Per line: the value when it was folded over several lines, else null; null when no value was folded. */
    private final String[] folded;

    private HeaderTable(String[] names, int[] spans, String[] folded) {
        this.names = names;
        this.spans = spans;
        this.folded = folded;
    }

    int size() {
        return names.length / 2;
    }

    /** The canonical name of line {@code i}. */
    String name(int i) {
        return names[2 * i];
    }

    String wireName(int i) {
        return names[2 * i + 1];
    }

    int line(int i) {
        return spans[3 * i];
    }

    /** The value of line {@code i}, decoded from {@code raw}, the bytes of the message this table was built for. */
    String value(int i, byte[] raw) {
        return value(folded, spans, i, raw);
    }

    /** Line {@code i}'s folded text, else its span of {@code b} decoded. */
    private static String value(String[] folded, int[] spans, int i, byte[] b) {
        if (folded != null && folded[i] != null) {
            return folded[i];
        }
        return Utf8.decode(b, spans[3 * i + 1], spans[3 * i + 2]);
    }

    SipHeader header(int i, byte[] raw) {
        return new SipHeader(name(i), wireName(i), value(i, raw), line(i));
    }

    /** Collects header lines while a message is read; offsets are into the parser's input until {@link #build}. */
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
            return HeaderTable.value(folded, spans, i, b);
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
            int[] s = Arrays.copyOf(spans, 3 * size);
            for (int i = 0; i < size; i++) {
                s[3 * i + 1] -= start;
                s[3 * i + 2] -= start;
            }
            String[] f = folded == null ? null : Arrays.copyOf(folded, size);
            return new HeaderTable(Arrays.copyOf(names, 2 * size), s, f);
        }
    }
}
