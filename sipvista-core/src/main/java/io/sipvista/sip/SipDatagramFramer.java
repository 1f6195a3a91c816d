package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a datagram (UDP, or one SCTP chunk) into SIP messages. A datagram normally holds one message
 * (RFC 3261 §18.3); Content-Length says where it ends, and bytes after it that begin another SIP message become
 * another slice.
 *
 * <ul>
 *   <li>leading and trailing CR/LF (keep-alives, padding) are skipped silently; a datagram of only CR/LF gives no
 *       slice;</li>
 *   <li>no Content-Length, or an unreadable one: the message runs to the end of the datagram (the parser reports
 *       an unreadable one);</li>
 *   <li>a Content-Length larger than what is there: {@code sip.content_length.mismatch} and the message runs to
 *       the end (the very anomaly {@link SipParser} reports for that slice, so merged lists can be de-duplicated);
 *       </li>
 *   <li>bytes after a message that do not begin a SIP message: {@code sip.datagram.trailing_bytes}.</li>
 * </ul>
 * The first message is sliced whatever it looks like: deciding whether a datagram is SIP is
 * {@link SipDetector}'s job.
 */
public final class SipDatagramFramer {
    /** One message inside the datagram: absolute offset into the array given, and length. */
    public record Slice(int offset, int length) {
    }

    /** The messages found, and the anomalies of the datagram's division. */
    public record Result(List<Slice> messages, List<Anomaly> anomalies) {
        public Result {
            messages = List.copyOf(messages);
            anomalies = List.copyOf(anomalies);
        }
    }

    private SipDatagramFramer() {
    }

    public static Result frame(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        List<Slice> slices = new ArrayList<>(1);
        List<Anomaly> anomalies = new ArrayList<>(0);
        int p = off;
        long declared = 0;
        while (true) {
            while (p < end && (b[p] == '\r' || b[p] == '\n')) {
                p++;
            }
            if (p == end) {
                break;
            }
            if (!slices.isEmpty() && SipDetector.startLine(b, p, end) < SipDetector.AT_END) {
                anomalies.add(Anomaly.of("sip.datagram.trailing_bytes", (end - p) + " bytes after the "
                        + declared + "-byte body its Content-Length declares do not begin a SIP message"));
                break;
            }
            int headerEnd = HeaderBlock.end(b, p, end);
            if (headerEnd < 0) {
                slices.add(new Slice(p, end - p));
                break;
            }
            ContentLength cl = HeaderBlock.contentLength(b, p, headerEnd);
            if (!cl.valid()) {
                slices.add(new Slice(p, end - p));
                break;
            }
            long present = end - headerEnd;
            if (cl.value() > present) {
                anomalies.add(ContentLength.shortBody(cl.value(), present));
                slices.add(new Slice(p, end - p));
                break;
            }
            declared = cl.value();
            int messageEnd = headerEnd + (int) declared;
            slices.add(new Slice(p, messageEnd - p));
            p = messageEnd;
        }
        return new Result(slices, anomalies);
    }
}
