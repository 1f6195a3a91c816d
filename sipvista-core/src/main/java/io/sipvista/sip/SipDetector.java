package io.sipvista.sip;

import java.util.Objects;

/**
 * Recognises SIP by content: bytes that begin with a request line ({@code METHOD SP Request-URI SP SIP/2.0},
 * any token as method, known or not) or a status line ({@code SIP/2.0 SP 3DIGIT SP reason}). Never by port.
 * Cheap and allocation-free, so it can be asked of every UDP payload and TCP segment.
 *
 * <p>Tolerated: up to eight leading CR/LF bytes (keep-alives before a message), several spaces or tabs between
 * the parts of the line, spaces before the line end, {@code SIP/2.0} in any case, an empty or missing reason
 * phrase. A request line must be complete up to {@code SIP/2.0}; a status line up to its three digits.
 */
public final class SipDetector {
    static final int NO = 0;
    /** The bytes seen so far could still begin a start line. */
    static final int PREFIX = 1;
    /** A start line in all its required parts; the data ends before its line end. */
    static final int AT_END = 2;
    /** A start line, confirmed by what follows it. */
    static final int YES = 3;

    private static final int MAX_METHOD = 64;
    private static final int MAX_LEADING_BREAKS = 8;
    private static final String VERSION = "SIP/2.0";

    private SipDetector() {
    }

    /** True when {@code b[off, off + len)} starts with a SIP request line or status line. */
    public static boolean looksLikeSip(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int p = off;
        while (p < end && p - off < MAX_LEADING_BREAKS && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return startLine(b, p, end) >= AT_END;
    }

    /** Classifies the bytes from {@code from} (a line start) up to {@code to}: NO, PREFIX, AT_END or YES. */
    static int startLine(byte[] b, int from, int to) {
        return Math.max(statusLine(b, from, to), requestLine(b, from, to));
    }

    private static int statusLine(byte[] b, int from, int to) {
        int p = version(b, from, to);
        if (p < 0) {
            return p == -1 ? PREFIX : NO;
        }
        if (p == to) {
            return PREFIX;
        }
        if (!HeaderBlock.isWs(b[p])) {
            return NO;
        }
        while (p < to && HeaderBlock.isWs(b[p])) {
            p++;
        }
        for (int i = 0; i < 3; i++, p++) {
            if (p == to) {
                return PREFIX;
            }
            if (b[p] < '0' || b[p] > '9') {
                return NO;
            }
        }
        if (p == to) {
            return AT_END;
        }
        byte c = b[p];
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' ? YES : NO;
    }

    private static int requestLine(byte[] b, int from, int to) {
        int p = from;
        while (p < to && SipText.isTokenChar(b[p])) {
            p++;
        }
        int n = p - from;
        if (n > MAX_METHOD) {
            return NO;
        }
        if (p == to) {
            return PREFIX;
        }
        if (n == 0 || !HeaderBlock.isWs(b[p])) {
            return NO;
        }
        while (p < to && HeaderBlock.isWs(b[p])) {
            p++;
        }
        int uri = p;
        while (p < to && isUriByte(b[p])) {
            p++;
        }
        if (p == to) {
            return PREFIX;
        }
        if (p == uri || !HeaderBlock.isWs(b[p])) {
            return NO;
        }
        while (p < to && HeaderBlock.isWs(b[p])) {
            p++;
        }
        p = version(b, p, to);
        if (p < 0) {
            return p == -1 ? PREFIX : NO;
        }
        while (p < to && HeaderBlock.isWs(b[p])) {
            p++;
        }
        if (p == to) {
            return AT_END;
        }
        return b[p] == '\r' || b[p] == '\n' ? YES : NO;
    }

    /** Matches {@code SIP/2.0} (any case) at {@code p}: the index after it, -1 when the data ends first, -2 on a mismatch. */
    private static int version(byte[] b, int p, int to) {
        for (int i = 0; i < VERSION.length(); i++, p++) {
            if (p == to) {
                return -1;
            }
            if (SipText.upper(b[p]) != VERSION.charAt(i)) {
                return -2;
            }
        }
        return p;
    }

    private static boolean isUriByte(byte c) {
        int u = c & 0xff;
        return u > 0x20 && u != 0x7f;
    }
}
