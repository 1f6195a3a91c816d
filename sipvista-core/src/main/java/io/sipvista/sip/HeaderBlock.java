package io.sipvista.sip;

/**
 * Byte-level scanning of a SIP header block, shared by the parser and both framers so that all agree on where the
 * headers end and which Content-Length a message declares.
 *
 * <p>A header block is the start line and the header lines; it ends with an empty line: CRLF CRLF, or bare LF
 * LF (and the mixed forms LF CRLF, CRLF LF). A line holding only spaces is not empty (it is a folded continuation).
 */
final class HeaderBlock {
    static final byte CR = '\r';
    static final byte LF = '\n';

    private HeaderBlock() {
    }

    /**
     * Index just past the empty line that ends the header block starting at {@code from}, or -1 when
     * {@code b[from, to)} holds no empty line.
     */
    static int end(byte[] b, int from, int to) {
        // Each LF is looked at for what follows it: LF, or CR LF, is the empty line. Only LFs stop the scan.
        for (int i = from; i < to; i++) {
            if (b[i] == LF) {
                int n = i + 1;
                if (n < to) {
                    byte c = b[n];
                    if (c == LF) {
                        return n + 1;
                    }
                    if (c == CR && n + 1 < to && b[n + 1] == LF) {
                        return n + 2;
                    }
                }
            }
        }
        return -1;
    }

    /** Index of the first LF in {@code b[from, to)}, or {@code to}. */
    static int lineEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == LF) {
                return i;
            }
        }
        return to;
    }

    /** The end of a line's content: {@code end} less one trailing CR. */
    static int stripCr(byte[] b, int from, int end) {
        return end > from && b[end - 1] == CR ? end - 1 : end;
    }

    static boolean isWs(byte c) {
        return c == ' ' || c == '\t';
    }

    /**
     * The first Content-Length ({@code Content-Length} or {@code l}) among the header lines of the block
     * {@code b[from, to)} (the start line is skipped), with folded continuation lines joined by one space just as
     * {@link SipParser} joins them.
     */
    static ContentLength contentLength(byte[] b, int from, int to) {
        int p = lineEnd(b, from, to) + 1; // skip the start line
        while (p < to) {
            int le = lineEnd(b, p, to);
            int ce = stripCr(b, p, le);
            if (ce == p) {
                break; // the empty line
            }
            if (!isWs(b[p]) && isContentLengthName(b, p, ce)) {
                int colon = indexOf(b, p, ce, (byte) ':');
                int next = le + 1;
                if (next >= to || !isWs(b[next])) {
                    ContentLength plain = ContentLength.parseDigits(b, colon + 1, ce);
                    if (plain != null) {
                        return plain; // not folded, and only digits: what reading the text would give
                    }
                }
                StringBuilder value = new StringBuilder(SipText.trim(Utf8.decode(b, colon + 1, ce)));
                int q = le + 1;
                while (q < to) {
                    int le2 = lineEnd(b, q, to);
                    int ce2 = stripCr(b, q, le2);
                    if (ce2 == q || !isWs(b[q])) {
                        break;
                    }
                    SipText.appendFolded(value, Utf8.decode(b, q, ce2));
                    q = le2 + 1;
                }
                return ContentLength.parse(value.toString());
            }
            p = le + 1;
        }
        return ContentLength.MISSING;
    }

    private static boolean isContentLengthName(byte[] b, int from, int to) {
        int colon = indexOf(b, from, to, (byte) ':');
        if (colon < 0) {
            return false;
        }
        int s = from;
        int e = colon;
        while (s < e && isWs(b[s])) {
            s++;
        }
        while (e > s && isWs(b[e - 1])) {
            e--;
        }
        int n = e - s;
        if (n == 1) {
            return (b[s] | 0x20) == 'l';
        }
        return n == 14 && regionMatchesIgnoreCase(b, s, "content-length");
    }

    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** ASCII case-insensitive comparison of {@code b[at, at + lower.length())} with a lower-case literal. */
    static boolean regionMatchesIgnoreCase(byte[] b, int at, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int c = b[at + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
