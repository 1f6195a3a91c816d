package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages as real user agents write them: every field read, and no anomaly on a healthy message. */
class RealMessagesTest {
    @Test
    void register() {
        SipMessage m = Wire.parse(Wire.REGISTER);
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("REGISTER");
        assertThat(m.requestUri()).isEqualTo("sip:virtsanity.mtl.broadsoft.com");
        assertThat(m.callId()).isEqualTo("ef1b738a-6e84666@192.168.9.205");
        assertThat(m.cseq()).isEqualTo(new CSeq(12607, "REGISTER"));
        assertThat(m.header("Contact")).isEqualTo("\"qq8006\" <sip:4182618006@192.168.9.205:5060>;expires=3600");
        assertThat(m.header("User-Agent")).isEqualTo("Linksys/SPA941-5.1.5");
        assertThat(m.body()).isEmpty();
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void registerWithPolycomMethodsList() {
        String reg = Wire.message("REGISTER sip:virtsanity.mtl.broadsoft.com SIP/2.0", List.of(
                "Via: SIP/2.0/UDP 192.168.9.121;branch=z9hG4bK7c2d6f9a8d8dda5e",
                "From: <sip:6010_SCA1@virtsanity.mtl.broadsoft.com>;tag=A7E5B8CC-EF6E9A5F",
                "To: <sip:6010_SCA1@virtsanity.mtl.broadsoft.com>",
                "CSeq: 1 REGISTER",
                "Call-ID: 86a1892a-addef550-61641e4b@192.168.9.121",
                "Contact: <sip:6010_SCA1@192.168.9.121>;methods=\"INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, MESSAGE,"
                        + " SUBSCRIBE, NOTIFY, PRACK, UPDATE, REFER\"",
                "User-Agent: PolycomSoundPointIP-SPIP_600-UA/2.0.3.0127",
                "Accept-Language: en",
                "Max-Forwards: 70",
                "Expires: 3600"), "");
        SipMessage m = Wire.parse(reg);
        assertThat(m.values("Contact")).hasSize(1);
        assertThat(m.values("Contact").get(0)).endsWith("REFER\"");
        assertThat(m.header("Expires")).isEqualTo("3600");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void inviteWithSdp() {
        SipMessage m = Wire.parse(Wire.INVITE);
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.header("From")).isEqualTo("\"Alice, the Caller\" <sip:alice@atlanta.example.com>;tag=1928301774");
        assertThat(m.values("From")).hasSize(1);
        assertThat(m.values("Allow")).containsExactly("INVITE", "ACK", "CANCEL", "OPTIONS", "BYE");
        assertThat(m.header("Max-Forwards")).isEqualTo("70");
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.sdpTexts()).containsExactly(Wire.SDP);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void okWithSdp() {
        SipMessage m = Wire.parse(Wire.OK_200);
        assertThat(m.isResponse()).isTrue();
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.reason()).isEqualTo("OK");
        assertThat(m.cseq()).isEqualTo(new CSeq(314159, "INVITE"));
        assertThat(m.header("To")).endsWith(";tag=a6c85cf");
        assertThat(m.sdpTexts()).hasSize(1);
        assertThat(m.sdpTexts().get(0)).contains("c=IN IP4 192.0.2.4");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void notifyWithCallInfo() {
        String notify = Wire.message("NOTIFY sip:6010_SCA1@192.168.9.121:5060 SIP/2.0", List.of(
                "Via: SIP/2.0/UDP 192.168.9.2:5060;branch=z9hG4bKbjogk620d0ihcjg2q0k1.1",
                "From: <sip:6010_SCA1@virtsanity.mtl.broadsoft.com>;tag=1479447596-1276779589451",
                "To: <sip:6010_SCA1@virtsanity.mtl.broadsoft.com>;tag=9F2A2B2C-A3C1F5F2",
                "Call-ID: 8a828c02-69a66330-599a7565@192.168.9.121",
                "CSeq: 100560711 NOTIFY",
                "Contact: <sip:virtsanity.mtl.broadsoft.com:5060>",
                "Event: call-info",
                "Subscription-State: terminated;reason=noresource",
                "Call-Info: <sip:virtsanity.mtl.broadsoft.com>;appearance-index=*;appearance-state=idle",
                "Max-Forwards: 10"), "");
        SipMessage m = Wire.parse(notify);
        assertThat(m.method()).isEqualTo("NOTIFY");
        assertThat(m.header("o")).isEqualTo("call-info");
        assertThat(m.header("Subscription-State")).isEqualTo("terminated;reason=noresource");
        assertThat(m.cseq()).isEqualTo(new CSeq(100560711, "NOTIFY"));
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void notifyWithSipfragBody() {
        String notify = Wire.message("NOTIFY sip:alice@192.0.2.10 SIP/2.0", List.of(
                "Via: SIP/2.0/TCP 192.0.2.4;branch=z9hG4bK9922ef992-25",
                "From: <sip:bob@biloxi.example.com>;tag=a6c85cf",
                "To: <sip:alice@atlanta.example.com>;tag=1928301774",
                "Call-ID: a84b4c76e66710",
                "CSeq: 993402 NOTIFY",
                "Event: refer",
                "Subscription-State: terminated;reason=noresource",
                "Content-Type: message/sipfrag;version=2.0"), "SIP/2.0 200 OK\r\n");
        SipMessage m = Wire.parse(notify);
        assertThat(m.contentType()).isEqualTo("message/sipfrag");
        assertThat(m.bodyParts()).extracting(BodyPart::text).containsExactly("SIP/2.0 200 OK\r\n");
        assertThat(m.sdpTexts()).isEmpty();
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void sipIInviteWithSdpAndIsup() {
        byte[] isup = {0x01, 0x00, 0x49, 0x00, 0x00, 0x03, 0x02, 0x00, 0x07, 0x04, 0x10, 0x00, 0x33, 0x63, 0x21, 0x43,
            0x00, 0x0a, 0x0d, 0x0a, 0x2d, 0x2d, (byte) 0x80, (byte) 0xff};
        String sdp = Wire.crlf("v=0", "o=- 1 1 IN IP4 10.1.1.1", "s=-", "c=IN IP4 10.1.1.1", "t=0 0",
                "m=audio 20000 RTP/AVP 8", "a=rtpmap:8 PCMA/8000", "a=ptime:20", "");
        byte[] body = Wire.concat(
                Wire.bytes("--MIME_boundary\r\nContent-Type: application/sdp\r\n\r\n" + sdp
                        + "\r\n--MIME_boundary\r\nContent-Type: application/ISUP;base=itu-t92+;version=itu-t92+\r\n"
                        + "Content-Disposition: signal;handling=required\r\nContent-Transfer-Encoding: binary\r\n\r\n"),
                isup,
                Wire.bytes("\r\n--MIME_boundary--\r\n"));
        String head = Wire.crlf("INVITE sip:+4930123456@gw.example.net;user=phone SIP/2.0",
                "Via: SIP/2.0/SCTP 10.1.1.1:5060;branch=z9hG4bK-isup-1",
                "Max-Forwards: 70",
                "From: <sip:+4930999@10.1.1.1;user=phone>;tag=f1",
                "To: <sip:+4930123456@gw.example.net;user=phone>",
                "Call-ID: sipi-1@10.1.1.1",
                "CSeq: 1 INVITE",
                "Contact: <sip:+4930999@10.1.1.1:5060;transport=sctp>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed;boundary=MIME_boundary",
                "Content-Length: " + body.length, "", "");
        byte[] b = Wire.concat(Wire.bytes(head), body);
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(m.contentType()).isEqualTo("multipart/mixed");
        assertThat(m.bodyParts()).extracting(BodyPart::contentType).containsExactly("application/sdp", "application/isup");
        assertThat(m.bodyParts().get(1).bytes()).isEqualTo(isup);
        assertThat(m.sdpTexts()).containsExactly(sdp);
        assertThat(m.body()).isEqualTo(body);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void compactFormInviteWithEscapedQuoteInDisplayName() {
        String invite = Wire.crlf("INVITE sip:service@172.16.3.11:5060 SIP/2.0",
                "v: SIP/2.0/UDP 127.0.1.1:5061;branch=z9hG4bK-2159-1-0",
                "f: \"sipp \\\"the tester\\\"\" <sip:sipp@127.0.1.1:5061>;tag=1",
                "t: sut <sip:service@172.16.3.11:5060>",
                "i: 1-2159@127.0.1.1",
                "CSeq: 1 INVITE",
                "m: sip:sipp@127.0.1.1:5061",
                "Max-Forwards: 70",
                "s: Performance Test",
                "c: application/sdp",
                "l: 4", "", "v=0\n");
        SipMessage m = Wire.parse(invite);
        assertThat(m.header("From")).isEqualTo("\"sipp \\\"the tester\\\"\" <sip:sipp@127.0.1.1:5061>;tag=1");
        assertThat(m.values("f")).hasSize(1);
        assertThat(m.header("Contact")).isEqualTo("sip:sipp@127.0.1.1:5061");
        assertThat(m.header("Subject")).isEqualTo("Performance Test");
        assertThat(m.callId()).isEqualTo("1-2159@127.0.1.1");
        assertThat(m.sdpTexts()).containsExactly("v=0\n");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void challengeWithCommasInAuthenticateHeader() {
        String resp = Wire.message("SIP/2.0 401 Unauthorized", List.of(
                "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;received=10.0.0.5",
                "From: <sip:100@example.com>;tag=abc",
                "To: <sip:100@example.com>;tag=srv1",
                "Call-ID: reg-1",
                "CSeq: 2 REGISTER",
                "WWW-Authenticate: Digest realm=\"example.com, inc\", nonce=\"4b6c\", algorithm=MD5, qop=\"auth\""),
                "");
        SipMessage m = Wire.parse(resp);
        assertThat(m.status()).isEqualTo(401);
        assertThat(m.header("www-authenticate"))
                .isEqualTo("Digest realm=\"example.com, inc\", nonce=\"4b6c\", algorithm=MD5, qop=\"auth\"");
        assertThat(m.headers("WWW-Authenticate").get(0).name()).isEqualTo("WWW-Authenticate");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void rawIsExactlyTheMessageBytes() {
        byte[] b = Wire.bytes(Wire.INVITE);
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(m.raw()).isEqualTo(b);
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo(Wire.SDP);
    }
}
