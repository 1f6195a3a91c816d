package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;

/**
 * A Content-Length as declared by a message: missing, unreadable, or a byte count. Shared by the parser and the
 * framers so that all three read the same header the same way and word the same anomaly identically (a caller
 * that merges framer and parser anomalies can drop duplicates with {@code distinct()}).
 */
record ContentLength(State state, long value, String text) {
    enum State { MISSING, INVALID, VALID }

    static final ContentLength MISSING = new ContentLength(State.MISSING, -1, null);

    /** Reads a header value: optional SP/HTAB around 1-10 decimal digits, at most 2^31-1. */
    static ContentLength parse(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isWs(text.charAt(from))) {
            from++;
        }
        while (to > from && isWs(text.charAt(to - 1))) {
            to--;
        }
        if (from == to || to - from > 10) {
            return new ContentLength(State.INVALID, -1, text);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return new ContentLength(State.INVALID, -1, text);
            }
            v = v * 10 + (c - '0');
        }
        if (v > Integer.MAX_VALUE) {
            return new ContentLength(State.INVALID, -1, text);
        }
        return new ContentLength(State.VALID, v, text);
    }

    /**
     * {@link #parse} of the text of {@code b[from, to)} when those bytes are optional SP/HTAB around 1 to 9 decimal
     * digits (always a valid count), read without decoding them first; null for anything else, which the caller reads
     * as text.
     */
    static ContentLength parseDigits(byte[] b, int from, int to) {
        while (from < to && isWs((char) b[from])) {
            from++;
        }
        while (to > from && isWs((char) b[to - 1])) {
            to--;
        }
        if (from == to || to - from > 9) {
            return null;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return new ContentLength(State.VALID, v, Utf8.decode(b, from, to));
    }

    boolean valid() {
        return state == State.VALID;
    }

    Anomaly invalid() {
        return Anomaly.of("sip.content_length.invalid", "\"" + SipText.snippet(text) + "\" is not a byte count");
    }

    static Anomaly shortBody(long declared, long present) {
        return Anomaly.of("sip.content_length.mismatch",
                "Content-Length " + declared + ", " + present + " body bytes present");
    }

    static Anomaly longBody(long declared, long extra) {
        return Anomaly.of("sip.content_length.mismatch",
                "Content-Length " + declared + ", " + extra + " more bytes follow the body");
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t';
    }
}
