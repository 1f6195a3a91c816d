package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts one direction of a reliable byte stream (SIP over TCP, or decrypted TLS) into SIP
 * messages (RFC 3261 §18.3). A resumable state machine: feed it segments in stream order, however they are
 * split; it returns each message when its last byte arrives. Not thread-safe; one instance per stream direction.
 *
 * <p>Framing rules:
 * <ul>
 *   <li>headers end at an empty line (CRLF CRLF, also bare LF LF); the body is Content-Length (or {@code l})
 *       bytes. A missing Content-Length is {@code sip.content_length.missing} and the body is taken as empty;</li>
 *   <li>CR/LF between messages (RFC 5626 keep-alives) are skipped silently;</li>
 *   <li>where a message should start but the line is not a SIP start line: {@code sip.stream.garbage}, and bytes
 *       are skipped line by line up to the next start line;</li>
 *   <li>an unreadable Content-Length (negative, not a number, beyond 2^31-1): {@code sip.content_length.invalid};
 *       the headers are delivered as a message without body, then the framer resynchronises;</li>
 *   <li>headers longer than {@link SipLimits#maxHeaderBytes()} ({@code sip.headers.too_large}) or a message longer
 *       than {@link SipLimits#maxMessageBytes()} ({@code sip.message.too_large}): dropped, then resynchronised.
 *       No more than the limits is ever buffered, and the buffer grows as bytes arrive, not on the sender's word;</li>
 *   <li>resynchronising skips bytes until a line that looks like a SIP start line; the count is reported as
 *       {@code sip.stream.resync}.</li>
 * </ul>
 *
 * <p>{@link #feed} returns only messages, so anomalies about bytes that formed no message (garbage, dropped
 * messages) ride on the next message framed, before its own, in stream order; {@link #reset} and {@link #flush}
 * return those still waiting. The outcome never depends on where the stream was split into segments.
 */
public final class SipStreamFramer {
    private enum State { SEEK, HEADERS, BODY }

    private final SipLimits limits;
    private final List<Anomaly> waiting = new ArrayList<>();
    private byte[] buf = new byte[512];
    private int size;
    private State state = State.SEEK;

    // SEEK: looking for the first byte of the next message
    private boolean atLineStart = true;
    /** Skipping because sync was lost (gap, dropped message), not because garbage stood at a message boundary. */
    private boolean resyncing;
    /** Bytes skipped since the last start line, not yet reported. */
    private long skipped;

    // HEADERS
    /** 0 inside a line, 1 at the start of a line, 2 at the start of a line after a CR (as in HeaderBlock.end). */
    private int eol;
    /** Index in buf of the LF ending the start line, -1 while it is incomplete. */
    private int firstLineEnd = -1;
    /** Buffered length at which an incomplete start line is next checked (doubling: the check stays linear). */
    private int nextCheck;
    private long firstTag;
    private long lastTag;

    // BODY
    private long declared;
    private long remaining;

    public SipStreamFramer(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SipStreamFramer() {
        this(SipLimits.DEFAULT);
    }

    /**
     * Takes the next bytes of the stream. {@code tag} identifies the segment (its frame number) and is reported as
     * {@link FramedMessage#firstTag()} / {@link FramedMessage#lastTag()} of the messages it starts or ends.
     *
     * @return the messages completed by these bytes, in stream order (often none, sometimes several)
     */
    public List<FramedMessage> feed(byte[] b, int off, int len, long tag) {
        Objects.checkFromIndexSize(off, len, b.length);
        List<FramedMessage> out = new ArrayList<>(1);
        int p = off;
        int end = off + len;
        while (p < end) {
            p = switch (state) {
                case SEEK -> seek(b, p, end, tag);
                case HEADERS -> headers(b, p, end, tag, out);
                case BODY -> body(b, p, end, tag, out);
            };
        }
        return out;
    }

    /** Bytes buffered of a message not yet complete. */
    public int pending() {
        return state == State.SEEK ? 0 : size;
    }

    /**
     * Forgets the buffered part of a message because the stream has a hole (bytes missing from the capture). Returns
     * the anomalies still waiting and {@code sip.stream.gap} naming what was dropped (nothing when nothing was
     * buffered). The framer then resynchronises: it skips bytes until a line that looks like a SIP start line (the
     * very next byte may begin one).
     */
    public List<Anomaly> reset(String reason) {
        List<Anomaly> out = takeWaiting();
        if (state != State.SEEK && size > 0) {
            out.add(Anomaly.of("sip.stream.gap", reason + ": dropped " + partial()));
        }
        size = 0;
        state = State.SEEK;
        atLineStart = true;
        resyncing = true;
        return out;
    }

    /**
     * The stream has ended: returns the anomalies still waiting and {@code sip.stream.incomplete} for a message
     * that never completed; empty when nothing is pending. The framer is then ready for a new stream.
     */
    public List<Anomaly> flush() {
        List<Anomaly> out = takeWaiting();
        if (state != State.SEEK && size > 0) {
            out.add(Anomaly.of("sip.stream.incomplete", "stream ends inside " + partial()));
        }
        size = 0;
        state = State.SEEK;
        atLineStart = true;
        resyncing = false;
        return out;
    }

    private List<Anomaly> takeWaiting() {
        List<Anomaly> out = new ArrayList<>(waiting);
        waiting.clear();
        if (skipped > 0) {
            out.add(skippedAnomaly());
            skipped = 0;
        }
        return out;
    }

    private int seek(byte[] b, int p, int end, long tag) {
        while (p < end) {
            byte c = b[p];
            if (!atLineStart) {
                skipped++;
                p++;
                if (c == '\n') {
                    atLineStart = true;
                }
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (skipped > 0) {
                    skipped++;
                }
                p++;
                continue;
            }
            state = State.HEADERS;
            size = 0;
            eol = 0;
            firstLineEnd = -1;
            nextCheck = 1;
            firstTag = tag;
            return p;
        }
        return p;
    }

    private int headers(byte[] b, int p, int end, long tag, List<FramedMessage> out) {
        lastTag = tag;
        int max = limits.maxHeaderBytes();
        while (p < end) {
            if (size == max) {
                if (firstLineEnd < 0 && SipDetector.startLine(buf, 0, size) == SipDetector.NO) {
                    rejectStartLine();
                } else {
                    if (skipped > 0) {
                        waiting.add(skippedAnomaly());
                        skipped = 0;
                    }
                    waiting.add(Anomaly.of("sip.headers.too_large", describe() + ": no end of headers within "
                            + max + " bytes; dropped"));
                    resync(buf[size - 1] == '\n');
                }
                return p;
            }
            byte c = b[p++];
            append(c);
            if (c == '\n') {
                if (eol != 0) {
                    headersComplete(out);
                    return p;
                }
                eol = 1;
                if (firstLineEnd < 0) {
                    firstLineEnd = size - 1;
                    if (SipDetector.startLine(buf, 0, size) != SipDetector.YES) {
                        rejectStartLine();
                        return p;
                    }
                    if (skipped > 0) {
                        waiting.add(skippedAnomaly());
                        skipped = 0;
                    }
                }
            } else if (c == '\r') {
                eol = eol == 1 ? 2 : 0;
            } else {
                eol = 0;
            }
            if (firstLineEnd < 0 && size >= nextCheck) {
                if (SipDetector.startLine(buf, 0, size) == SipDetector.NO) {
                    rejectStartLine();
                    return p;
                }
                nextCheck = size * 2;
            }
        }
        return p;
    }

    /** The line where a message should start is not a start line: skip it, and go on looking. */
    private void rejectStartLine() {
        skipped += size;
        boolean lineDone = buf[size - 1] == '\n';
        size = 0;
        state = State.SEEK;
        atLineStart = lineDone;
    }

    private void headersComplete(List<FramedMessage> out) {
        ContentLength cl = HeaderBlock.contentLength(buf, 0, size);
        switch (cl.state()) {
            case MISSING -> {
                waiting.add(Anomaly.of("sip.content_length.missing",
                        describe() + " on a stream has no Content-Length; body taken as empty"));
                emit(out);
            }
            case INVALID -> {
                waiting.add(cl.invalid());
                emit(out);
                resyncing = true;
            }
            case VALID -> {
                if (size + cl.value() > limits.maxMessageBytes()) {
                    waiting.add(Anomaly.of("sip.message.too_large", describe() + ": " + size
                            + " header bytes and Content-Length " + cl.value() + " exceed "
                            + limits.maxMessageBytes() + " bytes; dropped"));
                    resync(true);
                } else if (cl.value() == 0) {
                    emit(out);
                } else {
                    declared = cl.value();
                    remaining = declared;
                    state = State.BODY;
                }
            }
        }
    }

    private int body(byte[] b, int p, int end, long tag, List<FramedMessage> out) {
        int n = (int) Math.min(remaining, end - p);
        ensureCapacity(size + n, size + remaining);
        System.arraycopy(b, p, buf, size, n);
        size += n;
        remaining -= n;
        lastTag = tag;
        if (remaining == 0) {
            emit(out);
        }
        return p + n;
    }

    private void emit(List<FramedMessage> out) {
        out.add(new FramedMessage(Arrays.copyOf(buf, size), firstTag, lastTag, waiting));
        waiting.clear();
        size = 0;
        state = State.SEEK;
        atLineStart = true;
        resyncing = false;
        if (buf.length > 4096) {
            buf = new byte[512];
        }
    }

    /** Drops the buffered message and skips to the next start line. */
    private void resync(boolean lineStart) {
        size = 0;
        state = State.SEEK;
        atLineStart = lineStart;
        resyncing = true;
    }

    private Anomaly skippedAnomaly() {
        return resyncing
                ? Anomaly.of("sip.stream.resync", skipped + " bytes skipped to reach the next SIP start line")
                : Anomaly.of("sip.stream.garbage", skipped + " bytes that do not begin a SIP message skipped");
    }

    private void append(byte c) {
        if (size == buf.length) {
            ensureCapacity(size + 1, limits.maxHeaderBytes());
        }
        buf[size++] = c;
    }

    private void ensureCapacity(int needed, long cap) {
        if (needed <= buf.length) {
            return;
        }
        long grown = Math.max((long) buf.length * 2, needed);
        buf = Arrays.copyOf(buf, (int) Math.min(grown, Math.max(cap, needed)));
    }

    /** What is buffered, in words: "412 bytes of an INVITE, Content-Length 900, 300 body bytes present". */
    private String partial() {
        if (state == State.BODY) {
            return size + " bytes of " + describe() + ", Content-Length " + declared + ", " + (declared - remaining)
                    + " body bytes present";
        }
        if (firstLineEnd < 0) {
            return size + " bytes of an incomplete start line";
        }
        return size + " bytes of " + describe() + ", headers incomplete";
    }

    /** The buffered message named by its start line: "an INVITE", "a 200 response", "a SIP message". */
    private String describe() {
        int lineEnd = firstLineEnd >= 0 ? firstLineEnd : size;
        if (lineEnd >= 4 && SipText.upper(buf[0]) == 'S' && SipText.upper(buf[1]) == 'I' && SipText.upper(buf[2]) == 'P'
                && buf[3] == '/') {
            int p = 4;
            while (p < lineEnd && !HeaderBlock.isWs(buf[p])) {
                p++;
            }
            while (p < lineEnd && HeaderBlock.isWs(buf[p])) {
                p++;
            }
            if (p + 3 <= lineEnd && isDigit(buf[p]) && isDigit(buf[p + 1]) && isDigit(buf[p + 2])) {
                return "a " + (char) buf[p] + (char) buf[p + 1] + (char) buf[p + 2] + " response";
            }
            return "a response";
        }
        int p = 0;
        while (p < lineEnd && p < 64 && SipText.isTokenChar(buf[p])) {
            p++;
        }
        if (p == 0 || p == 64) {
            return "a SIP message";
        }
        String method = new String(buf, 0, p, java.nio.charset.StandardCharsets.US_ASCII);
        return ("AEIOU".indexOf(SipText.upper(buf[0])) >= 0 ? "an " : "a ") + method;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
