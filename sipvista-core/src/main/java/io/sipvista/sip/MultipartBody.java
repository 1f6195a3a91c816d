package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code multipart/*} body into its leaf parts (RFC 2046 §5.1): delimiter lines {@code --boundary}
 * (trailing whitespace allowed), a close delimiter {@code --boundary--}, preamble and epilogue ignored, the line
 * break before a delimiter belonging to the delimiter. Nested multiparts are flattened depth-first up to
 * {@link #MAX_DEPTH} levels. Bare LF line breaks are accepted as well as CRLF.
 */
final class MultipartBody {
    static final int MAX_DEPTH = 8;

    private MultipartBody() {
    }

    /** Appends the leaf parts of {@code b[from, to)} to {@code parts}; problems go to {@code anomalies}. */
    static void split(byte[] b, int from, int to, MediaType type, int depth, List<BodyPart> parts,
                      List<Anomaly> anomalies) {
        String boundary = type.param("boundary");
        if (boundary == null || boundary.isEmpty()) {
            anomalies.add(Anomaly.of("sip.multipart.no_boundary", type.type() + " without a boundary parameter"));
            parts.add(BodyPart.of(type.type(), b, from, to));
            return;
        }
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
        int d = findDelimiter(b, from, to, delim);
        if (d < 0) {
            anomalies.add(Anomaly.of("sip.multipart.no_parts",
                    "boundary \"" + SipText.snippet(boundary) + "\" never appears in the " + (to - from) + "-byte body"));
            parts.add(BodyPart.of(type.type(), b, from, to));
            return;
        }
        int index = 0;
        while (true) {
            int after = d + delim.length;
            if (isClose(b, after, to)) {
                return;
            }
            int partStart = HeaderBlock.lineEnd(b, after, to) + 1;
            if (partStart > to) {
                partStart = to;
            }
            int next = findDelimiter(b, partStart, to, delim);
            int partEnd;
            if (next < 0) {
                anomalies.add(Anomaly.of("sip.multipart.unterminated",
                        "no closing --" + SipText.snippet(boundary) + "-- delimiter; the last part runs to the end"));
                partEnd = to;
            } else {
                partEnd = next; // just past the line break that precedes the delimiter
                if (partEnd > partStart && b[partEnd - 1] == '\n') {
                    partEnd--;
                    if (partEnd > partStart && b[partEnd - 1] == '\r') {
                        partEnd--;
                    }
                }
            }
            index++;
            part(b, partStart, partEnd, index, depth, parts, anomalies);
            if (next < 0) {
                return;
            }
            d = next;
        }
    }

    private static void part(byte[] b, int from, int to, int index, int depth, List<BodyPart> parts,
                             List<Anomaly> anomalies) {
        int contentStart;
        String contentType = null;
        if (from < to && (b[from] == '\n' || (b[from] == '\r' && from + 1 < to && b[from + 1] == '\n'))) {
            contentStart = b[from] == '\n' ? from + 1 : from + 2; // no part headers
        } else {
            int end = HeaderBlock.end(b, from, to);
            if (end < 0) {
                anomalies.add(Anomaly.of("sip.multipart.bad_part",
                        "part " + index + " has no empty line after its headers"));
                parts.add(BodyPart.of("text/plain", b, from, to));
                return;
            }
            contentType = partContentType(b, from, end);
            contentStart = end;
        }
        MediaType type = MediaType.parse(contentType);
        if (type == null) {
            type = new MediaType("text/plain", "text/plain");
        }
        if (type.isMultipart()) {
            if (depth + 1 >= MAX_DEPTH) {
                anomalies.add(Anomaly.of("sip.multipart.too_deep",
                        "multipart nested more than " + MAX_DEPTH + " levels; inner part kept whole"));
                parts.add(BodyPart.of(type.type(), b, contentStart, to));
                return;
            }
            split(b, contentStart, to, type, depth + 1, parts, anomalies);
            return;
        }
        parts.add(BodyPart.of(type.type(), b, contentStart, to));
    }

    /** The Content-Type value among the part headers {@code b[from, to)}, folded lines joined; null if none. */
    private static String partContentType(byte[] b, int from, int to) {
        int p = from;
        while (p < to) {
            int le = HeaderBlock.lineEnd(b, p, to);
            int ce = HeaderBlock.stripCr(b, p, le);
            if (ce == p) {
                break;
            }
            int colon = HeaderBlock.indexOf(b, p, ce, (byte) ':');
            if (colon > p && !HeaderBlock.isWs(b[p])) {
                String name = SipText.trim(Utf8.decode(b, p, colon));
                if (HeaderNames.canonical(name).equals("Content-Type")) {
                    StringBuilder value = new StringBuilder(SipText.trim(Utf8.decode(b, colon + 1, ce)));
                    int q = le + 1;
                    while (q < to) {
                        int le2 = HeaderBlock.lineEnd(b, q, to);
                        int ce2 = HeaderBlock.stripCr(b, q, le2);
                        if (ce2 == q || !HeaderBlock.isWs(b[q])) {
                            break;
                        }
                        SipText.appendFolded(value, Utf8.decode(b, q, ce2));
                        q = le2 + 1;
                    }
                    return value.toString();
                }
            }
            p = le + 1;
        }
        return null;
    }

    /** Start of the first delimiter line at or after {@code from}: at a line start, followed by padding and a line end, {@code --} or the end. */
    private static int findDelimiter(byte[] b, int from, int to, byte[] delim) {
        int last = to - delim.length;
        for (int i = from; i <= last; i++) {
            if ((i == from || b[i - 1] == '\n') && startsWith(b, i, delim)) {
                int after = i + delim.length;
                if (isClose(b, after, to) || restIsPadding(b, after, to)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isClose(byte[] b, int p, int to) {
        return p + 1 < to && b[p] == '-' && b[p + 1] == '-';
    }

    private static boolean restIsPadding(byte[] b, int p, int to) {
        while (p < to && HeaderBlock.isWs(b[p])) {
            p++;
        }
        return p == to || b[p] == '\n' || (b[p] == '\r' && (p + 1 == to || b[p + 1] == '\n'));
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
