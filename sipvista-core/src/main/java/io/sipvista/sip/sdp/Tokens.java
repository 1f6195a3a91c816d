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

    static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The value of a string of 1 to 10 ASCII digits if it is at most {@code max}, else -1. */
    static int number(String s, int max) {
        long v = longNumber(s, max);
        return (int) v;
    }

    /** The value of a string of 1 to 19 ASCII digits if it is at most {@code max}, else -1. */
    static long longNumber(String s, long max) {
        if (s == null || s.isEmpty() || s.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
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
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
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
