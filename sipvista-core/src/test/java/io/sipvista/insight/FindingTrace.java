package io.sipvista.insight;

import io.sipvista.correlate.CallAssembler;
import io.sipvista.correlate.Correlation;
import io.sipvista.correlate.Correlator;
import io.sipvista.correlate.SipEvent;
import io.sipvista.sip.SipParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP messages written as text for finding tests: each {@link #send} is the next frame at a capture time in
 * milliseconds after a fixed start; {@code Content-Length} is filled in. {@link #findings()} correlates them,
 * assembles calls and detects.
 */
final class FindingTrace {
    static final long START = 1_700_000_000L;
    static final String A = "10.0.0.1:5060";
    static final String B = "10.0.0.2:5060";

    private final List<SipEvent> events = new ArrayList<>();

    /** Sends from A to B (requests) or B to A (responses) at {@code ms}. */
    long send(long ms, String head) {
        return send(ms, head, "");
    }

    long send(long ms, String head, String body) {
        boolean response = head.startsWith("SIP/");
        return send(ms, response ? B : A, response ? A : B, head, body);
    }

    /** Sends the reverse way: B to A for requests, A to B for responses. */
    long back(long ms, String head) {
        boolean response = head.startsWith("SIP/");
        return send(ms, response ? A : B, response ? B : A, head, "");
    }

    long send(long ms, String src, String dst, String head, String body) {
        String crlf = body.replace("\n", "\r\n");
        String text = head.strip().replace("\n", "\r\n") + "\r\nContent-Length: "
                + crlf.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + crlf;
        long at = START * 1000 + ms;
        long frame = events.size() + 1;
        events.add(new SipEvent(frame, at / 1000, (int) (at % 1000) * 1_000_000, src, dst, "udp",
                SipParser.parse(text.getBytes(StandardCharsets.UTF_8))));
        return frame;
    }

    List<Finding> findings() {
        return findings(null);
    }

    /** The findings of a capture that ends at {@code end}; null: at its last message. */
    List<Finding> findings(java.time.Instant end) {
        Correlator c = new Correlator();
        for (SipEvent e : events) {
            c.accept(e);
        }
        Correlation model = c.finish();
        return end == null ? FindingDetector.detect(model, CallAssembler.assemble(model, events), events)
                : FindingDetector.detect(model, CallAssembler.assemble(model, events), events, end);
    }

    /**
     * {@link #findings()}, with the detector given the messages in reverse (as no analysis gives them): it finds a
     * frame's message by a table then, not by searching frame numbers in order.
     */
    List<Finding> findingsFromReversedEvents() {
        Correlator c = new Correlator();
        for (SipEvent e : events) {
            c.accept(e);
        }
        Correlation model = c.finish();
        List<SipEvent> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);
        return FindingDetector.detect(model, CallAssembler.assemble(model, events), reversed,
                events.get(events.size() - 1).time());
    }

    List<String> ids() {
        return findings().stream().map(Finding::id).toList();
    }

    /** The only finding with this id. */
    Finding only(String id) {
        List<Finding> f = findings().stream().filter(x -> x.id().equals(id)).toList();
        if (f.size() != 1) {
            throw new AssertionError("expected one " + id + " finding, got " + findings());
        }
        return f.get(0);
    }

    /** A request head from A (Alice, tag a1) to Bob; extra lines after the usual ones. */
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

    static String request(String method, String branch, String toTag, long cseq, String... more) {
        return request(method, "call-1@a.example", branch, toTag, cseq, more);
    }

    /** A response head to a {@link #request}. */
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

    static String response(int status, String reason, String method, String branch, String toTag, long cseq,
                           String... more) {
        return response(status, reason, "call-1@a.example", method, branch, toTag, cseq, more);
    }

    /** One audio stream at {@code ip:port} with these payload types, o= session version {@code version}. */
    static String sdp(String ip, int port, String formats, long version) {
        return "v=0\no=- 1 " + version + " IN IP4 " + ip + "\ns=-\nc=IN IP4 " + ip + "\nt=0 0\nm=audio " + port
                + " RTP/AVP " + formats + "\n";
    }

    static final String SDP_TYPE = "Content-Type: application/sdp";
}
