package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads one SIP message (RFC 3261 §7) from bytes. Knows nothing of how the bytes arrived: the caller frames them
 * ({@link SipDatagramFramer}, {@link SipStreamFramer}).
 *
 * <p>Never throws on wire data. Whatever can be read is returned; what is wrong becomes a named anomaly:
 * <ul>
 *   <li>start line: {@code sip.message.empty}, {@code sip.start_line.invalid}, {@code sip.status.invalid},
 *       {@code sip.version.unsupported};</li>
 *   <li>header lines: {@code sip.header.no_colon}, {@code sip.header.empty_name}, {@code sip.header.bad_name},
 *       {@code sip.header.bad_fold}, {@code sip.header.too_many}, {@code sip.headers.unterminated},
 *       {@code sip.text.bad_utf8}, {@code sip.text.nul};</li>
 *   <li>header meaning: {@code sip.header.missing} (Call-ID, CSeq, From, To, Via), {@code sip.header.duplicate}
 *       (a single-valued header given twice), {@code sip.cseq.invalid}, {@code sip.cseq.method_mismatch};</li>
 *   <li>body: {@code sip.content_length.invalid}, {@code sip.content_length.mismatch},
 *       {@code sip.content_type.missing}, {@code sip.multipart.*}.</li>
 * </ul>
 *
 * <p>Leading CR/LF bytes (keep-alives) are skipped. Without Content-Length the body is everything after the empty
 * line (the UDP rule), unless that is only line breaks; a stream framer has already cut the message to its
 * Content-Length. Bytes after the declared body are not part of the message; unless they are only line breaks they
 * are reported as a mismatch.
 */
public final class SipParser {
    private static final String[] REQUIRED = {"Call-ID", "CSeq", "From", "To", "Via"};
    private static final String[] SINGLE = {"Call-ID", "CSeq", "From", "To", "Content-Length", "Content-Type",
        "Max-Forwards"};

    private SipParser() {
    }

    /** Parses {@code b[off, off + len)} with {@link SipLimits#DEFAULT}. */
    public static SipMessage parse(byte[] b, int off, int len) {
        return parse(b, off, len, SipLimits.DEFAULT);
    }

    /** Parses {@code b[off, off + len)}; only {@link SipLimits#maxHeaders()} applies here. */
    public static SipMessage parse(byte[] b, int off, int len, SipLimits limits) {
        Objects.checkFromIndexSize(off, len, b.length);
        Objects.requireNonNull(limits, "limits");
        return new Run(b, off, off + len, limits).parse();
    }

    /** Parses a whole array. */
    public static SipMessage parse(byte[] b) {
        return parse(b, 0, b.length);
    }

    /** One parse: the input and what has been read of it so far. */
    private static final class Run {
        private final byte[] b;
        private final int from;
        private final int to;
        private final SipLimits limits;
        private final List<Anomaly> anomalies = new ArrayList<>();
        private final HeaderTable.Builder headers = new HeaderTable.Builder();

        private boolean request;
        private boolean response;
        private String method;
        private String requestUri;
        private int status;
        private int startLineEnd; // in the message's own bytes, which begin at its start line
        private boolean startLineRead;
        private String contentLengthValue;
        private int headerLines;

        Run(byte[] b, int from, int to, SipLimits limits) {
            this.b = b;
            this.from = from;
            this.to = to;
            this.limits = limits;
        }

        SipMessage parse() {
            int start = from;
            while (start < to && (b[start] == '\r' || b[start] == '\n')) {
                start++;
            }
            if (start == to) {
                anomalies.add(Anomaly.of("sip.message.empty",
                        to == from ? "no bytes" : (to - from) + " bytes of line breaks only"));
                return new SipMessage(false, false, null, null, 0, 0, HeaderTable.EMPTY, new byte[0], 0, null,
                        List.of(), null, anomalies);
            }
            int headerEnd = HeaderBlock.end(b, start, to);
            int headersTo = headerEnd < 0 ? to : headerEnd;
            checkText(start, headersTo);

            int firstLf = HeaderBlock.lineEnd(b, start, headersTo);
            int lineEnd = HeaderBlock.stripCr(b, start, firstLf);
            startLineEnd = lineEnd - start;
            startLine(start, lineEnd);
            headerLines(firstLf + 1, headersTo);
            if (headerEnd < 0) {
                anomalies.add(Anomaly.of("sip.headers.unterminated",
                        "no empty line after the headers; the message has no body"));
            }

            CSeq cseq = cseq();
            if (startLineRead) {
                required();
            }
            duplicates();

            int bodyStart = headerEnd < 0 ? to : headerEnd;
            int bodyEnd = bodyEnd(bodyStart);
            byte[] raw = java.util.Arrays.copyOfRange(b, start, bodyEnd);
            int bodyOffset = bodyStart - start;

            MediaType type = MediaType.parse(firstValue("Content-Type"));
            String contentType = type == null ? null : type.type();
            List<BodyPart> parts = new ArrayList<>();
            if (bodyEnd > bodyStart) {
                if (type == null) {
                    anomalies.add(Anomaly.of("sip.content_type.missing",
                            (bodyEnd - bodyStart) + " body bytes but no Content-Type"));
                    parts.add(BodyPart.of(null, raw, bodyOffset, raw.length));
                } else if (type.isMultipart()) {
                    MultipartBody.split(raw, bodyOffset, raw.length, type, 0, parts, anomalies);
                } else {
                    parts.add(BodyPart.of(contentType, raw, bodyOffset, raw.length));
                }
            }
            return new SipMessage(request, response, method, requestUri, status, startLineEnd, headers.build(start),
                    raw, bodyOffset, contentType, parts, cseq, anomalies);
        }

        /** Reports bytes in the header block that are not text: NUL, and bytes that are not UTF-8. */
        private void checkText(int start, int end) {
            if (Utf8.isPlainAscii(b, start, end)) {
                return; // the common case, in one pass: no NUL, and ASCII is UTF-8
            }
            int nul = Utf8.firstNul(b, start, end);
            if (nul >= 0) {
                anomalies.add(Anomaly.of("sip.text.nul", "NUL byte on line " + lineOf(start, nul)));
            }
            int bad = Utf8.firstInvalid(b, start, end);
            if (bad >= 0) {
                anomalies.add(Anomaly.of("sip.text.bad_utf8", "byte 0x" + Integer.toHexString(b[bad] & 0xff)
                        + " on line " + lineOf(start, bad) + " is not UTF-8; shown as \uFFFD"));
            }
        }

        private int lineOf(int start, int at) {
            int line = 1;
            for (int i = start; i < at; i++) {
                if (b[i] == '\n') {
                    line++;
                }
            }
            return line;
        }

        private void startLine(int s, int e) {
            String line = SipText.trim(Utf8.decode(b, s, e));
            if (line.regionMatches(true, 0, "SIP/", 0, 4)) {
                statusLine(line);
                return;
            }
            List<String> words = words(line);
            if (words.size() >= 3 && words.get(words.size() - 1).regionMatches(true, 0, "SIP/", 0, 4)) {
                request = true;
                method = SipMethods.shared(words.get(0));
                String version = words.get(words.size() - 1);
                int uriStart = line.indexOf(method) + method.length();
                int uriEnd = line.length() - version.length();
                requestUri = SipText.trim(line.substring(uriStart, uriEnd));
                startLineRead = true;
                if (!SipText.isToken(method)) {
                    anomalies.add(Anomaly.of("sip.start_line.invalid",
                            "method \"" + SipText.snippet(method) + "\" is not a token"));
                }
                if (words.size() > 3) {
                    anomalies.add(Anomaly.of("sip.start_line.invalid",
                            "Request-URI contains whitespace: \"" + SipText.snippet(requestUri) + "\""));
                }
                version(version);
                return;
            }
            if (!words.isEmpty() && SipText.isToken(words.get(0)) && words.size() >= 2) {
                request = true;
                method = SipMethods.shared(words.get(0));
                requestUri = SipText.trim(line.substring(line.indexOf(method) + method.length()));
                anomalies.add(Anomaly.of("sip.start_line.invalid",
                        "request line without SIP version: \"" + SipText.snippet(line) + "\""));
                return;
            }
            anomalies.add(Anomaly.of("sip.start_line.invalid",
                    "neither a request line nor a status line: \"" + SipText.snippet(line) + "\""));
        }

        private void statusLine(String line) {
            int versionEnd = wordEnd(line, 0);
            String version = line.substring(0, versionEnd);
            int codeStart = blanksEnd(line, versionEnd);
            String code = line.substring(codeStart, wordEnd(line, codeStart));
            response = true;
            startLineRead = true;
            version(version);
            if (code.length() == 3 && isDigits(code)) {
                status = Integer.parseInt(code);
                if (status < 100 || status > 699) {
                    anomalies.add(Anomaly.of("sip.status.invalid", "status " + code + " is outside 100-699"));
                }
            } else {
                anomalies.add(Anomaly.of("sip.status.invalid", code.isEmpty()
                        ? "status line has no status code"
                        : "\"" + SipText.snippet(code) + "\" is not a three-digit status code"));
            }
        }

        private void version(String version) {
            if (!version.equalsIgnoreCase("SIP/2.0")) {
                anomalies.add(Anomaly.of("sip.version.unsupported", "\"" + SipText.snippet(version) + "\""));
            }
        }

        private void headerLines(int p, int end) {
            int line = 1;
            String name = null;
            String wireName = null;
            boolean pending = false; // a header line is read and its value may still continue on folded lines
            int valueFrom = 0; // the pending value, trimmed: b[valueFrom, valueTo)
            int valueTo = 0;
            StringBuilder folded = null; // the pending value once folded lines continue it
            int nameLine = 0;
            boolean tooMany = false;
            while (p < end) {
                line++;
                int le = HeaderBlock.lineEnd(b, p, end);
                int ce = HeaderBlock.stripCr(b, p, le);
                if (ce == p) {
                    break; // the empty line ending the headers
                }
                if (HeaderBlock.isWs(b[p])) {
                    if (pending) {
                        if (folded == null) {
                            folded = new StringBuilder(Utf8.decode(b, valueFrom, valueTo));
                        }
                        SipText.appendFolded(folded, Utf8.decode(b, p, ce));
                    } else if (name == null) {
                        anomalies.add(Anomaly.of("sip.header.bad_fold",
                                "line " + line + " continues no header: \"" + excerpt(p, ce) + "\""));
                    }
                    p = le + 1;
                    continue;
                }
                if (pending) {
                    tooMany = add(name, wireName, valueFrom, valueTo, folded, nameLine, tooMany);
                }
                name = null;
                pending = false;
                folded = null;
                int colon = HeaderBlock.indexOf(b, p, ce, (byte) ':');
                if (colon < 0) {
                    anomalies.add(Anomaly.of("sip.header.no_colon",
                            "line " + line + ": \"" + excerpt(p, ce) + "\""));
                    p = le + 1;
                    continue;
                }
                wireName = headerName(p, colon);
                if (wireName.isEmpty()) {
                    anomalies.add(Anomaly.of("sip.header.empty_name",
                            "line " + line + ": \"" + excerpt(p, ce) + "\""));
                    name = "";
                    p = le + 1;
                    continue;
                }
                if (!SipText.isToken(wireName)) {
                    anomalies.add(Anomaly.of("sip.header.bad_name",
                            "line " + line + ": \"" + SipText.snippet(wireName) + "\" is not a token"));
                }
                name = HeaderNames.canonical(wireName);
                valueFrom = skipWs(colon + 1, ce);
                valueTo = backWs(valueFrom, ce);
                pending = true;
                nameLine = line;
                p = le + 1;
            }
            if (pending) {
                add(name, wireName, valueFrom, valueTo, folded, nameLine, tooMany);
            }
        }

        /**
         * The header name {@code b[s..e)} without leading and trailing SP/HTAB, as text; a name spelled canonically is
         * the shared string. The same as trimming the decoded text: UTF-8 never uses those bytes inside a character.
         */
        private String headerName(int s, int e) {
            int from = skipWs(s, e);
            int to = backWs(from, e);
            String known = HeaderNames.spelled(b, from, to);
            return known != null ? known : Utf8.decode(b, from, to);
        }

        /** The first index in {@code b[s, e)} that is not SP or HTAB, or {@code e}. */
        private int skipWs(int s, int e) {
            while (s < e && HeaderBlock.isWs(b[s])) {
                s++;
            }
            return s;
        }

        /** The end of {@code b[s, e)} without its trailing SP and HTAB. */
        private int backWs(int s, int e) {
            while (e > s && HeaderBlock.isWs(b[e - 1])) {
                e--;
            }
            return e;
        }

        /**
         * Keeps a finished header line, its value {@code b[from, to)} (trimmed, as the same bytes decoded and trimmed
         * would be: UTF-8 never uses SP or HTAB inside a character) or the folded text; returns whether the header
         * limit has been reported.
         */
        private boolean add(String name, String wireName, int from, int to, StringBuilder folded, int line,
                            boolean tooMany) {
            String foldedValue = folded == null ? null : folded.toString();
            if (contentLengthValue == null && name.equals("Content-Length")) {
                contentLengthValue = foldedValue != null ? foldedValue : Utf8.decode(b, from, to);
            }
            headerLines++;
            if (headers.size() < limits.maxHeaders()) {
                headers.add(name, wireName, line, from, to, foldedValue);
                return tooMany;
            }
            if (!tooMany) {
                anomalies.add(Anomaly.of("sip.header.too_many", "more than " + limits.maxHeaders()
                        + " header lines; those from line " + line + " on are not kept"));
            }
            return true;
        }

        private String excerpt(int s, int e) {
            return SipText.snippet(Utf8.decode(b, s, Math.min(e, s + 80)));
        }

        /** End of the body, from Content-Length; reports mismatches. */
        private int bodyEnd(int bodyStart) {
            if (contentLengthValue == null) {
                return onlyLineBreaks(bodyStart, to) ? bodyStart : to; // padding after the headers is not a body
            }
            ContentLength cl = ContentLength.parse(contentLengthValue);
            if (!cl.valid()) {
                anomalies.add(cl.invalid());
                return to;
            }
            long present = to - bodyStart;
            if (cl.value() > present) {
                anomalies.add(ContentLength.shortBody(cl.value(), present));
                return to;
            }
            int end = bodyStart + (int) cl.value();
            if (!onlyLineBreaks(end, to)) {
                anomalies.add(ContentLength.longBody(cl.value(), to - end));
            }
            return end;
        }

        private boolean onlyLineBreaks(int s, int e) {
            for (int i = s; i < e; i++) {
                if (b[i] != '\r' && b[i] != '\n') {
                    return false;
                }
            }
            return true;
        }

        private CSeq cseq() {
            String v = firstValue("CSeq");
            if (v == null) {
                return null;
            }
            CSeq c = CSeq.parse(v);
            if (c == null) {
                anomalies.add(Anomaly.of("sip.cseq.invalid", "\"" + SipText.snippet(v) + "\""));
                return null;
            }
            if (c.number() > Integer.MAX_VALUE) {
                anomalies.add(Anomaly.of("sip.cseq.invalid", "sequence number " + c.number() + " is not below 2^31"));
            }
            if (request && method != null && !method.equals(c.method())) {
                anomalies.add(Anomaly.of("sip.cseq.method_mismatch",
                        "request " + SipText.snippet(method) + ", CSeq method " + c.method()));
            }
            return c;
        }

        private void required() {
            for (String name : REQUIRED) {
                if (firstIndex(name) < 0) {
                    anomalies.add(Anomaly.of("sip.header.missing", name));
                }
            }
        }

        private void duplicates() {
            for (String name : SINGLE) {
                int n = 0;
                int firstLine = 0;
                int secondLine = 0;
                for (int i = 0; i < headers.size(); i++) {
                    if (headers.name(i).equals(name)) {
                        n++;
                        if (n == 1) {
                            firstLine = headers.line(i);
                        } else if (n == 2) {
                            secondLine = headers.line(i);
                        }
                    }
                }
                if (n > 1) {
                    anomalies.add(Anomaly.of("sip.header.duplicate", name + " appears " + n + " times (lines "
                            + firstLine + " and " + secondLine + (n > 2 ? ", ..." : "") + "); the first is used"));
                }
            }
        }

        private String firstValue(String canonical) {
            int i = firstIndex(canonical);
            return i < 0 ? null : headers.value(i, b);
        }

        /** The first line with this canonical name, or -1. */
        private int firstIndex(String canonical) {
            for (int i = 0; i < headers.size(); i++) {
                if (headers.name(i).equals(canonical)) {
                    return i;
                }
            }
            return -1;
        }

        private static List<String> words(String line) {
            List<String> out = new ArrayList<>(4);
            int p = 0;
            while (p < line.length()) {
                while (p < line.length() && SipText.isWs(line.charAt(p))) {
                    p++;
                }
                int s = p;
                while (p < line.length() && !SipText.isWs(line.charAt(p))) {
                    p++;
                }
                if (p > s) {
                    out.add(line.substring(s, p));
                }
            }
            return out;
        }

        private static boolean isDigits(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The reason phrase of a status line: what follows the version and the status code, trimmed (possibly empty).
     * A message keeps its start line as bytes, so its reason is read from the line when asked for.
     */
    static String reasonOf(String statusLine) {
        int codeEnd = wordEnd(statusLine, blanksEnd(statusLine, wordEnd(statusLine, blanksEnd(statusLine, 0))));
        return SipText.trim(statusLine.substring(codeEnd));
    }

    /** The index of the first space or tab at or after {@code p} in {@code s}, or its length. */
    private static int wordEnd(String s, int p) {
        while (p < s.length() && !SipText.isWs(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** The index of the first character at or after {@code p} in {@code s} that is no space or tab, or its length. */
    private static int blanksEnd(String s, int p) {
        while (p < s.length() && SipText.isWs(s.charAt(p))) {
            p++;
        }
        return p;
    }
}
