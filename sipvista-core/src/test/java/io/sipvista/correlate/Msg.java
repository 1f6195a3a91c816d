package io.sipvista.correlate;

import io.sipvista.sip.SipMessage;
import io.sipvista.sip.SipParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A SIP message under construction for correlation tests: a request comes with Via, From, To, Call-ID, CSeq and
 * Max-Forwards filled in; a response copies them from its request. Every setter returns a changed copy.
 */
final class Msg {
    static final String ALICE = "<sip:alice@a.example>";
    static final String BOB = "<sip:bob@b.example>";
    static final String ALICE_VIA = "SIP/2.0/UDP 10.0.0.1:5060";

    private final String startLine;
    private final List<String[]> headers;
    private final String body;

    private Msg(String startLine, List<String[]> headers, String body) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
    }

    /** A request from Alice (tag a1) to Bob, Call-ID call-1, CSeq 1, branch z9hG4bK-{method lower case}-1. */
    static Msg request(String method) {
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"Via", ALICE_VIA + ";branch=z9hG4bK-" + method.toLowerCase() + "-1"});
        h.add(new String[] {"From", ALICE + ";tag=a1"});
        h.add(new String[] {"To", BOB});
        h.add(new String[] {"Call-ID", "call-1@a.example"});
        h.add(new String[] {"CSeq", "1 " + method});
        h.add(new String[] {"Max-Forwards", "70"});
        return new Msg(method + " sip:bob@b.example SIP/2.0", h, "");
    }

    /** A response to this request: its Vias, From, To, Call-ID and CSeq. */
    Msg response(int status, String reason) {
        List<String[]> h = new ArrayList<>();
        for (String[] kv : headers) {
            if (kv[0].equals("Via") || kv[0].equals("From") || kv[0].equals("To") || kv[0].equals("Call-ID")
                    || kv[0].equals("CSeq")) {
                h.add(kv.clone());
            }
        }
        return new Msg("SIP/2.0 " + status + " " + reason, h, "");
    }

    /** A request in the same dialog context: the same From, To, Call-ID, a new method, CSeq and branch. */
    Msg next(String method, long cseq, String branch) {
        Msg m = new Msg(method + " " + uri() + " SIP/2.0", copy(), "").remove("Content-Type");
        return m.cseq(cseq, method).branch(branch);
    }

    private String uri() {
        String[] p = startLine.split(" ");
        return startLine.startsWith("SIP/") ? "sip:bob@b.example" : p[1];
    }

    private List<String[]> copy() {
        List<String[]> h = new ArrayList<>();
        for (String[] kv : headers) {
            h.add(kv.clone());
        }
        return h;
    }

    /** Replaces the first header of that name, or appends it. */
    Msg set(String name, String value) {
        List<String[]> h = copy();
        for (String[] kv : h) {
            if (kv[0].equalsIgnoreCase(name)) {
                kv[1] = value;
                return new Msg(startLine, h, body);
            }
        }
        h.add(new String[] {name, value});
        return new Msg(startLine, h, body);
    }

    /** Appends a header line (even when one of that name exists). */
    Msg add(String name, String value) {
        List<String[]> h = copy();
        h.add(new String[] {name, value});
        return new Msg(startLine, h, body);
    }

    /** Puts a header line first (a proxy's Via). */
    Msg addFirst(String name, String value) {
        List<String[]> h = copy();
        h.add(0, new String[] {name, value});
        return new Msg(startLine, h, body);
    }

    Msg remove(String name) {
        List<String[]> h = copy();
        h.removeIf(kv -> kv[0].equalsIgnoreCase(name));
        return new Msg(startLine, h, body);
    }

    String get(String name) {
        for (String[] kv : headers) {
            if (kv[0].equalsIgnoreCase(name)) {
                return kv[1];
            }
        }
        return null;
    }

    /** Sets the branch of the top Via (keeping its sent-by). */
    Msg branch(String branch) {
        String via = get("Via");
        int semi = via.indexOf(';');
        return set("Via", (semi < 0 ? via : via.substring(0, semi)) + ";branch=" + branch);
    }

    Msg via(String value) {
        return set("Via", value);
    }

    Msg fromTag(String tag) {
        return set("From", stripTag(get("From")) + ";tag=" + tag);
    }

    Msg toTag(String tag) {
        return set("To", stripTag(get("To")) + ";tag=" + tag);
    }

    private static String stripTag(String v) {
        int i = v.indexOf(";tag=");
        return i < 0 ? v : v.substring(0, i);
    }

    /** Swaps From and To: a request sent by the other side of the dialog. */
    Msg reversed() {
        String from = get("From");
        String to = get("To");
        return set("From", to).set("To", from);
    }

    Msg callId(String id) {
        return set("Call-ID", id);
    }

    Msg cseq(long n) {
        String method = get("CSeq").substring(get("CSeq").indexOf(' ') + 1);
        return set("CSeq", n + " " + method);
    }

    Msg cseq(long n, String method) {
        return set("CSeq", n + " " + method);
    }

    Msg requestUri(String uri) {
        String[] p = startLine.split(" ", 3);
        return new Msg(p[0] + " " + uri + " " + p[2], copy(), body);
    }

    Msg sdp(String sdp) {
        return new Msg(startLine, set("Content-Type", "application/sdp").headers, sdp);
    }

    String text() {
        StringBuilder sb = new StringBuilder(startLine).append("\r\n");
        for (String[] kv : headers) {
            sb.append(kv[0]).append(": ").append(kv[1]).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        return sb.append(body).toString();
    }

    SipMessage parse() {
        return SipParser.parse(text().getBytes(StandardCharsets.UTF_8));
    }

    /** A one-stream audio description: {@code a=<direction>}, address and port as given. */
    static String audio(String address, int port, String direction) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=" + direction + "\r\n";
    }

    @Override
    public String toString() {
        return startLine;
    }
}
