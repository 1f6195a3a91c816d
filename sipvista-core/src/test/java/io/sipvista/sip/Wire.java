package io.sipvista.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test messages written as text: lines joined with CRLF, and the sample messages the tests share. */
final class Wire {
    private Wire() {
    }

    /** The lines joined with CRLF (each line ends with CRLF unless it is the body, given after an empty line). */
    static String crlf(String... lines) {
        return String.join("\r\n", lines);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static SipMessage parse(String s) {
        byte[] b = bytes(s);
        return SipParser.parse(b, 0, b.length);
    }

    /** A message with the given start line, headers and body; Content-Length is added from the body. */
    static String message(String startLine, List<String> headers, String body) {
        List<String> lines = new ArrayList<>();
        lines.add(startLine);
        lines.addAll(headers);
        lines.add("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        lines.add("");
        return String.join("\r\n", lines) + "\r\n" + body;
    }

    static final String SDP = crlf(
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 192.0.2.10",
            "s=-",
            "c=IN IP4 192.0.2.10",
            "t=0 0",
            "m=audio 49170 RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=sendrecv",
            "");

    static final String INVITE = message("INVITE sip:bob@biloxi.example.com SIP/2.0", List.of(
            "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport",
            "Max-Forwards: 70",
            "To: Bob <sip:bob@biloxi.example.com>",
            "From: \"Alice, the Caller\" <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@pc33.atlanta.example.com;transport=udp>",
            "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE",
            "Content-Type: application/sdp"), SDP);

    static final String OK_200 = message("SIP/2.0 200 OK", List.of(
            "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.10",
            "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf",
            "From: \"Alice, the Caller\" <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:bob@192.0.2.4>",
            "Content-Type: application/sdp"), SDP.replace("alice", "bob").replace("192.0.2.10", "192.0.2.4"));

    static final String ACK = message("ACK sip:bob@192.0.2.4 SIP/2.0", List.of(
            "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds9",
            "Max-Forwards: 70",
            "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf",
            "From: \"Alice, the Caller\" <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 ACK"), "");

    static final String REGISTER = message("REGISTER sip:virtsanity.mtl.broadsoft.com SIP/2.0", List.of(
            "Via: SIP/2.0/UDP 192.168.9.205:5060;branch=z9hG4bK-d87543-1;rport",
            "From: <sip:4182618006@virtsanity.mtl.broadsoft.com>;tag=a1b2",
            "To: <sip:4182618006@virtsanity.mtl.broadsoft.com>",
            "Call-ID: ef1b738a-6e84666@192.168.9.205",
            "CSeq: 12607 REGISTER",
            "Max-Forwards: 70",
            "Contact: \"qq8006\" <sip:4182618006@192.168.9.205:5060>;expires=3600",
            "User-Agent: Linksys/SPA941-5.1.5"), "");
}
