package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One SIP message as read by {@link SipParser}: the start line, the header lines in wire order, the body and its
 * parts, and every anomaly found while reading. Immutable. Whatever could be read is here even when the message is
 * damaged; what was wrong is in {@link #anomalies()}.
 *
 * <p>Header lookups take any spelling of a name: {@code header("i")}, {@code header("CALL-ID")} and
 * {@code header("Call-ID")} all find a header written {@code i:} or {@code call-id:}.
 */
public final class SipMessage {
    private final boolean request;
    private final boolean response;
    private final String method;
    /** Not final: {@link #readShared} may swap it for an equal pooled string. */
    private String requestUri;
    private final int status;
    /** Where the start line ends in {@link #raw} (its line end excluded): the line is decoded when asked for. */
    private final int startLineEnd;
    /** The header lines as positions in {@link #raw}: values are decoded when asked for. */
    private final HeaderTable headers;
    private final byte[] raw;
    private final int bodyOffset;
    private final String contentType;
    private final List<BodyPart> bodyParts;
    private final CSeq cseq;
    private final List<Anomaly> anomalies;
    // Read on first use and kept (the correlator, explainer and detectors ask again and again). Each is one field of an
    // immutable value, read once per call: a race between threads only computes the same value twice. An absent header
    // (rare) is looked up each time.
    private NameAddr fromValue;
    private NameAddr toValue;
    private Via topViaValue;
    private String callIdValue;
    /** Whether {@link #readShared} has run: once is enough (the decoder does it, the correlator may ask again). */
    private boolean readShared;

    SipMessage(boolean request, boolean response, String method, String requestUri, int status, int startLineEnd,
               HeaderTable headers, byte[] raw, int bodyOffset, String contentType,
               List<BodyPart> bodyParts, CSeq cseq, List<Anomaly> anomalies) {
        this.request = request;
        this.response = response;
        this.method = method;
        this.requestUri = requestUri;
        this.status = status;
        this.startLineEnd = startLineEnd;
        this.headers = headers;
        this.raw = raw;
        this.bodyOffset = bodyOffset;
        this.contentType = contentType;
        this.bodyParts = List.copyOf(bodyParts);
        this.cseq = cseq;
        this.anomalies = List.copyOf(anomalies);
    }

    /** True for a request; false for a response and for a start line that is neither. */
    public boolean isRequest() {
        return request;
    }

    /** True for a response: a start line beginning {@code SIP/}, whether or not its status code is readable. */
    public boolean isResponse() {
        return response;
    }

    /** The request method as written; null for responses. */
    public String method() {
        return method;
    }

    /** The Request-URI as written; null for responses. */
    public String requestUri() {
        return requestUri;
    }

    /** The status code of a response; 0 for requests and for a status code that is not three digits. */
    public int status() {
        return status;
    }

    /** The reason phrase of a response (possibly empty); null for requests. */
    public String reason() {
        return response ? SipParser.reasonOf(startLine()) : null;
    }

    /** The first line, decoded, without its line end. */
    public String startLine() {
        return SipText.trim(Utf8.decode(raw, 0, startLineEnd));
    }

    /**
     * Every header line in wire order; a comma-separated list header stays one entry per line. Made on each call from
     * the message's bytes: a loop over the headers should take the list once.
     */
    public List<SipHeader> headers() {
        int n = headers.size();
        SipHeader[] out = new SipHeader[n];
        for (int i = 0; i < n; i++) {
            out[i] = headers.header(i, raw);
        }
        return List.of(out);
    }

    /** The value of the first header of that name (any case, compact or full form); null if absent. */
    public String header(String name) {
        int i = first(name);
        return i < 0 ? null : headers.value(i, raw);
    }

    /** The line of the first header of that name (any case, compact or full form); -1 if absent. */
    private int first(String name) {
        String canonical = HeaderNames.canonical(name);
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.name(i).equalsIgnoreCase(canonical)) {
                return i;
            }
        }
        return -1;
    }

    /** Every header of that name (any case, compact or full form), in wire order. */
    public List<SipHeader> headers(String name) {
        String canonical = HeaderNames.canonical(name);
        List<SipHeader> out = new ArrayList<>();
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.name(i).equalsIgnoreCase(canonical)) {
                out.add(headers.header(i, raw));
            }
        }
        return out;
    }

    /**
     * All values of a list header across all its lines, each line split at commas that are outside quoted strings
     * and outside {@code <...>}; values trimmed, empty ones dropped. Meant for list headers (Via, Route, Contact,
     * Allow, Supported...), not for headers whose single value contains commas (Date, WWW-Authenticate).
     */
    public List<String> values(String name) {
        return values(name, Integer.MAX_VALUE);
    }

    /** The first {@code max} of {@link #values(String)}: only the lines that hold them are read. */
    private List<String> values(String name, int max) {
        String canonical = HeaderNames.canonical(name);
        List<String> out = new ArrayList<>(max == Integer.MAX_VALUE ? 4 : max);
        for (int i = 0, n = headers.size(); i < n && out.size() < max; i++) {
            if (headers.name(i).equalsIgnoreCase(canonical)) {
                HeaderValues.splitList(headers.value(i, raw), out, max);
            }
        }
        return out;
    }

    /** The Call-ID; null if absent. */
    public String callId() {
        String v = callIdValue;
        if (v == null) {
            v = header("Call-ID");
            callIdValue = v;
        }
        return v;
    }

    /**
     * Reads From, To, the top Via and the Call-ID now, what correlation reads of every message, taking each (and the
     * Request-URI) from {@code pool} when an equal value was read lately: the messages of a dialog then hold one From
     * and one To between them. {@link #from()}, {@link #to()}, {@link #topVia()}, {@link #callId()} and
     * {@link #requestUri()} give the same values as without it. Done once; a second call, with any pool, does nothing.
     */
    public void readShared(HeaderValuePool pool) {
        if (readShared) {
            return;
        }
        readShared = true;
        if (fromValue == null) {
            int i = first("From");
            fromValue = i < 0 ? null : pool.nameAddr(headers, i, raw);
        }
        if (toValue == null) {
            int i = first("To");
            toValue = i < 0 ? null : pool.nameAddr(headers, i, raw);
        }
        if (topViaValue == null) {
            topViaValue = readSharedTopVia(pool);
        }
        if (callIdValue == null) {
            int i = first("Call-ID");
            callIdValue = i < 0 ? null : pool.text(headers, i, raw);
        }
        if (requestUri != null) {
            requestUri = pool.text(requestUri);
        }
    }

    /**
     * The top Via through a pool. When the first Via line holds one value (no comma, not empty, not folded), that
     * value is all of the line, as {@link HeaderValues#splitList} would give it (the line is already trimmed), and
     * the pool looks it up by the line; otherwise it is split from the text.
     */
    private Via readSharedTopVia(HeaderValuePool pool) {
        int i = first("Via");
        if (i >= 0 && !headers.isFolded(i)) {
            int from = headers.valueFrom(i);
            int to = headers.valueTo(i);
            if (from < to && HeaderBlock.indexOf(raw, from, to, (byte) ',') < 0) {
                return pool.via(headers, i, raw);
            }
        }
        return readTopVia(pool::via);
    }

    /** The first {@code name} header read by {@code reader}; null if absent. */
    private <T> T read(String name, Function<String, T> reader) {
        String v = header(name);
        return v == null ? null : reader.apply(v);
    }

    /** The topmost Via value read by {@code reader}; null if there is none. */
    private Via readTopVia(Function<String, Via> reader) {
        List<String> v = values("Via", 1);
        return v.isEmpty() ? null : reader.apply(v.get(0));
    }

    /** The first From header read as a name-addr; null if absent. */
    public NameAddr from() {
        NameAddr n = fromValue;
        if (n == null) {
            n = read("From", NameAddr::parse);
            fromValue = n;
        }
        return n;
    }

    /** The first To header read as a name-addr; null if absent. */
    public NameAddr to() {
        NameAddr n = toValue;
        if (n == null) {
            n = read("To", NameAddr::parse);
            toValue = n;
        }
        return n;
    }

    /** Every Via value, topmost first, across all Via lines. */
    public List<Via> vias() {
        List<Via> out = new ArrayList<>();
        for (String v : values("Via")) {
            out.add(Via.parse(v));
        }
        return out;
    }

    /**
     * The Via {@code n} hops below the top (0: the topmost, as {@link #topVia()}; 1: the one a proxy's request
     * carries from its upstream), read from only the Via lines that come before it; null if there are not so many.
     */
    public Via via(int n) {
        if (n == 0) {
            return topVia();
        }
        List<String> v = values("Via", n + 1);
        return v.size() <= n ? null : Via.parse(v.get(n));
    }

    /** The topmost Via; null if there is none. */
    public Via topVia() {
        Via t = topViaValue;
        if (t == null) {
            t = readTopVia(Via::parse);
            topViaValue = t;
        }
        return t;
    }

    /** The CSeq; null if missing or not of the form {@code number method}. */
    public CSeq cseq() {
        return cseq;
    }

    /** The message bytes as received, from the start line to the end of the body (a fresh copy). */
    public byte[] raw() {
        return raw.clone();
    }

    /** Length of {@link #raw()} without copying. */
    public int rawLength() {
        return raw.length;
    }

    /**
     * The body: Content-Length bytes after the empty line, or everything after it when Content-Length is absent or
     * unreadable, or fewer when the input ends first. Empty if none. A fresh copy.
     */
    public byte[] body() {
        return java.util.Arrays.copyOfRange(raw, bodyOffset, raw.length);
    }

    /** Length of {@link #body()} without copying. */
    public int bodyLength() {
        return raw.length - bodyOffset;
    }

    /** The Content-Type media type, lower case, without parameters ({@code "application/sdp"}); null if absent. */
    public String contentType() {
        return contentType;
    }

    /**
     * The text of every {@code application/sdp} body: the body itself, or each such part of a {@code multipart/*}
     * body (nested multiparts included), decoded as UTF-8 with bad sequences replaced. Decoded on each call (a
     * message held for correlation keeps its body once, not also as text).
     */
    public List<String> sdpTexts() {
        List<String> out = null;
        for (BodyPart p : bodyParts) {
            if ("application/sdp".equals(p.contentType())) {
                if (out == null) {
                    out = new java.util.ArrayList<>(1);
                }
                out.add(p.text());
            }
        }
        return out == null ? List.of() : List.copyOf(out);
    }

    /** The leaf parts of a multipart body, depth-first; one part for a simple body; empty when there is no body. */
    public List<BodyPart> bodyParts() {
        return bodyParts;
    }

    /** Everything that was wrong with the message, in the order found. */
    public List<Anomaly> anomalies() {
        return anomalies;
    }

    @Override
    public String toString() {
        return "SipMessage[" + startLine() + "]";
    }
}
