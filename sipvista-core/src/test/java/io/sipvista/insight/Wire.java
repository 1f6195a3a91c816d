package io.sipvista.insight;

import io.sipvista.correlate.SipEvent;
import io.sipvista.sip.SipParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP messages written as text for explanation tests: each {@link #send} is the next frame, at a capture time in
 * milliseconds after a fixed start; {@code Content-Length} is filled in.
 */
final class Wire {
    static final long START = 1_276_779_588L;
    static final String A = "10.0.0.1:5060";
    static final String B = "10.0.0.2:5060";

    private final List<SipEvent> events = new ArrayList<>();
    private List<Insight> insights;

    /** A message from A to B at {@code ms}; head lines joined, a blank line, the body. */
    Wire send(long ms, String head, String body) {
        return send(ms, A, B, head, body);
    }

    Wire send(long ms, String head) {
        return send(ms, head, "");
    }

    /** A message from B to A. */
    Wire back(long ms, String head) {
        return send(ms, B, A, head, "");
    }

    Wire back(long ms, String head, String body) {
        return send(ms, B, A, head, body);
    }

    private Wire send(long ms, String src, String dst, String head, String body) {
        String crlf = body.replace("\n", "\r\n");
        String text = head.strip().replace("\n", "\r\n") + "\r\nContent-Length: "
                + crlf.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + crlf;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        long at = START * 1000 + ms;
        events.add(new SipEvent(events.size() + 1, at / 1000, (int) (at % 1000) * 1_000_000, src, dst, "udp",
                SipParser.parse(b)));
        insights = null;
        return this;
    }

    /** The insight of frame {@code n} (1-based). */
    Insight frame(int n) {
        if (insights == null) {
            insights = MessageExplainer.explainAll(events);
        }
        return insights.get(n - 1);
    }

    String text(int n) {
        return frame(n).text();
    }

    /** A request head: Via branch, From tag, To (tag when given), Call-ID, CSeq; more lines after. */
    static String request(String method, String branch, String toTag, long cseq, String... more) {
        return request(method, "call-1@a.example", branch, toTag, cseq, more);
    }

    static String request(String method, String callId, String branch, String toTag, long cseq, String... more) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(" sip:bob@b.example SIP/2.0\n");
        b.append("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=").append(branch).append('\n');
        b.append("From: \"Alice\" <sip:alice@a.example>;tag=a1\n");
        b.append("To: <sip:bob@b.example>").append(toTag == null ? "" : ";tag=" + toTag).append('\n');
        b.append("Call-ID: ").append(callId).append('\n');
        b.append("CSeq: ").append(cseq).append(' ').append(method).append('\n');
        b.append("Max-Forwards: 70\n");
        for (String m : more) {
            b.append(m).append('\n');
        }
        return b.toString();
    }

    /** A response head to a request written by {@link #request}. */
    static String response(int status, String reason, String method, String branch, String toTag, long cseq,
                           String... more) {
        return response(status, reason, "call-1@a.example", method, branch, toTag, cseq, more);
    }

    static String response(int status, String reason, String callId, String method, String branch, String toTag,
                           long cseq, String... more) {
        StringBuilder b = new StringBuilder();
        b.append("SIP/2.0 ").append(status).append(' ').append(reason).append('\n');
        b.append("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=").append(branch).append('\n');
        b.append("From: \"Alice\" <sip:alice@a.example>;tag=a1\n");
        b.append("To: <sip:bob@b.example>").append(toTag == null ? "" : ";tag=" + toTag).append('\n');
        b.append("Call-ID: ").append(callId).append('\n');
        b.append("CSeq: ").append(cseq).append(' ').append(method).append('\n');
        for (String m : more) {
            b.append(m).append('\n');
        }
        return b.toString();
    }

    /** An SDP body: one audio stream at {@code ip:port} with these payload types, and an optional direction. */
    static String sdp(String ip, int port, String formats, String direction) {
        return "v=0\no=- 1 1 IN IP4 " + ip + "\ns=-\nc=IN IP4 " + ip + "\nt=0 0\nm=audio " + port + " RTP/AVP "
                + formats + "\n" + (direction == null ? "" : "a=" + direction + "\n");
    }

    static final String SDP_TYPE = "Content-Type: application/sdp";
}
