package io.sipvista.sip.sdp;

import java.util.ArrayList;
import java.util.List;

/** Field splitting and number reading for SDP values; nothing here throws on any input. */
final class Tokens {
    private Tokens() {
    }

    /** Splits on runs of spaces and tabs, ignoring leading ones; at most {@code limit} fields, the last keeps the rest. */
    static String[] split(String s, int limit) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && blank(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (out.size() == limit - 1) {
                out.add(stripEnd(s.substring(i)));
                break;
            }
            int start = i;
            while (i < n && !blank(s.charAt(i))) {
                i++;
            }
            out.add(s.substring(start, i));
        }
        return out.toArray(new String[0]);
    }

    /** Splits on runs of spaces and tabs. */
    static String[] split(String s) {
        return split(s, Integer.MAX_VALUE);
    }

    /** The index of the first character at or after {@code i} that is not a space or tab, or the length. */
    static int skipBlanks(String s, int i) {
        while (i < s.length() && blank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the first space or tab at or after {@code i}, or the length: where a field starting there ends. */
    static int fieldEnd(String s, int i) {
        while (i < s.length() && !blank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the first {@code c} from {@code from} to {@code to}, or {@code to} when there is none. */
    static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }

    static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    static String stripEnd(String s) {
        return s.substring(0, stripEnd(s, 0, s.length()));
    }

    /** Where {@link #stripEnd(String)} of the characters from {@code from} to {@code to} would end. */
    static int stripEnd(String s, int from, int to) {
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** The value of a string of 1 to 10 ASCII digits if it is at most {@code max}, else -1. */
    static int number(String s, int max) {
        long v = longNumber(s, max);
        return (int) v;
    }

    /** {@link #number(String, int)} of the characters from {@code from} to {@code to}, read in place. */
    static int number(String s, int from, int to, int max) {
        return (int) longNumber(s, from, to, max);
    }

    /** The value of a string of 1 to 19 ASCII digits if it is at most {@code max}, else -1. */
    static long longNumber(String s, long max) {
        return s == null ? -1 : longNumber(s, 0, s.length(), max);
    }

    /** {@link #longNumber(String, long)} of the characters from {@code from} to {@code to}, read in place. */
    static long longNumber(String s, int from, int to, long max) {
        if (to <= from || to - from > 19) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (v > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                return -1;
            }
        }
        return v;
    }

    static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** RFC 8866 {@code token}: visible ASCII except {@code " ( ) , / : ; < = > ? @ [ \ ] { } } and space. */
    static boolean isToken(String s) {
        return isToken(s, 0, s.length());
    }

    /** {@link #isToken(String)} of the characters from {@code from} to {@code to}, read in place. */
    static boolean isToken(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                    || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
