package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartBodyTest {
    private static final String HEAD = Wire.crlf(
            "INVITE sip:b@h SIP/2.0",
            "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
            "From: <sip:a@h>;tag=1",
            "To: <sip:b@h>",
            "Call-ID: c1",
            "CSeq: 1 INVITE");

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n";
    /** The SDP as a part: the line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1). */
    private static final String SDP_PART = SDP.substring(0, SDP.length() - 2);

    private static SipMessage with(String contentType, String body) {
        return Wire.parse(HEAD + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + Wire.bytes(body).length + "\r\n\r\n" + body);
    }

    private static List<String> ids(SipMessage m) {
        return m.anomalies().stream().map(Anomaly::id).toList();
    }

    @Test
    void sdpAndIsup() {
        String body = Wire.crlf("--unique-boundary-1",
                "Content-Type: application/sdp",
                "",
                SDP + "--unique-boundary-1",
                "Content-Type: application/ISUP; version=nxv3; base=etsi121",
                "Content-Disposition: signal; handling=optional",
                "",
                "\u0001\u0000\u0049\u0000\u0000\u0003\u0002\u0000\u0007\u0004\u0010\u0000\u0033\u0063",
                "--unique-boundary-1--", "");
        SipMessage m = with("multipart/mixed; boundary=unique-boundary-1", body);
        assertThat(m.contentType()).isEqualTo("multipart/mixed");
        assertThat(m.bodyParts()).extracting(BodyPart::contentType).containsExactly("application/sdp", "application/isup");
        assertThat(m.sdpTexts()).containsExactly(SDP_PART);
        assertThat(m.bodyParts().get(1).bytes()).hasSize(14);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void quotedBoundary() {
        String body = "--a b:c\r\nContent-Type: application/sdp\r\n\r\n" + SDP + "--a b:c--\r\n";
        SipMessage m = with("multipart/mixed;boundary=\"a b:c\"", body);
        assertThat(m.sdpTexts()).containsExactly(SDP_PART);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void preambleAndEpilogueAreIgnored() {
        String body = "This is a preamble.\r\n--xyz\r\nContent-Type: application/sdp\r\n\r\n" + SDP
                + "--xyz--\r\nThis is the epilogue.\r\n";
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(m.bodyParts()).hasSize(1);
        assertThat(m.sdpTexts()).containsExactly(SDP_PART);
    }

    @Test
    void partWithoutHeadersIsTextPlain() {
        String body = "--xyz\r\n\r\nplain words\r\n--xyz--";
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(m.bodyParts()).containsExactly(new BodyPart("text/plain", Wire.bytes("plain words")));
    }

    @Test
    void transportPaddingAfterDelimiter() {
        String body = "--xyz  \t\r\nContent-Type: application/sdp\r\n\r\n" + SDP + "--xyz-- \r\n";
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(m.sdpTexts()).containsExactly(SDP_PART);
    }

    @Test
    void longerBoundaryLineIsContentNotDelimiter() {
        String body = "--xyz\r\nContent-Type: text/plain\r\n\r\nline\r\n--xyzzy not a delimiter\r\n--xyz--";
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(m.bodyParts()).hasSize(1);
        assertThat(m.bodyParts().get(0).text()).isEqualTo("line\r\n--xyzzy not a delimiter");
    }

    @Test
    void bareLfMultipart() {
        String body = "--xyz\nContent-Type: application/sdp\n\nv=0\n--xyz\nContent-Type: text/plain\n\nhi\n--xyz--\n";
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(m.sdpTexts()).containsExactly("v=0");
        assertThat(m.bodyParts().get(1).text()).isEqualTo("hi");
    }

    @Test
    void nestedMultipart() {
        String inner = "--inner\r\nContent-Type: application/sdp\r\n\r\n" + SDP
                + "--inner\r\nContent-Type: application/pidf+xml\r\n\r\n<presence/>\r\n--inner--\r\n";
        String body = "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n" + inner
                + "--outer\r\nContent-Type: application/isup\r\n\r\nISUP\r\n--outer--\r\n";
        SipMessage m = with("multipart/mixed; boundary=outer", body);
        assertThat(m.bodyParts()).extracting(BodyPart::contentType)
                .containsExactly("application/sdp", "application/pidf+xml", "application/isup");
        assertThat(m.sdpTexts()).containsExactly(SDP_PART);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void twoSdpParts() {
        String body = "--b\r\nContent-Type: application/sdp\r\n\r\nv=0 one\r\n"
                + "--b\r\nContent-Type: application/sdp\r\n\r\nv=0 two\r\n--b--";
        SipMessage m = with("multipart/alternative; boundary=b", body);
        assertThat(m.sdpTexts()).containsExactly("v=0 one", "v=0 two");
    }

    @Test
    void noBoundaryParameter() {
        SipMessage m = with("multipart/mixed", "--x\r\n\r\nhi\r\n--x--");
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.multipart.no_boundary", "multipart/mixed without a boundary parameter"));
        assertThat(m.bodyParts()).extracting(BodyPart::contentType).containsExactly("multipart/mixed");
        assertThat(m.sdpTexts()).isEmpty();
    }

    @Test
    void boundaryNeverFound() {
        SipMessage m = with("multipart/mixed; boundary=nothere", "--other\r\n\r\nhi\r\n--other--");
        assertThat(ids(m)).containsExactly("sip.multipart.no_parts");
        assertThat(m.bodyParts()).hasSize(1);
    }

    @Test
    void unterminated() {
        String body = "--xyz\r\nContent-Type: application/sdp\r\n\r\n" + SDP;
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(ids(m)).containsExactly("sip.multipart.unterminated");
        assertThat(m.sdpTexts()).containsExactly(SDP);
    }

    @Test
    void partHeadersWithoutEmptyLine() {
        String body = "--xyz\r\nContent-Type: application/sdp\r\n--xyz--";
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(ids(m)).containsExactly("sip.multipart.bad_part");
    }

    @Test
    void emptyMultipart() {
        SipMessage m = with("multipart/mixed; boundary=xyz", "--xyz--\r\n");
        assertThat(m.bodyParts()).isEmpty();
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void tooDeep() {
        StringBuilder body = new StringBuilder();
        int levels = MultipartBody.MAX_DEPTH + 2;
        for (int i = 0; i < levels; i++) {
            body.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i + 1)
                    .append("\r\n\r\n");
        }
        body.append("--b").append(levels).append("\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b")
                .append(levels).append("--");
        SipMessage m = with("multipart/mixed; boundary=b0", body.toString());
        assertThat(ids(m)).contains("sip.multipart.too_deep");
    }

    @Test
    void foldedPartContentType() {
        String body = "--xyz\r\nContent-Type:\r\n application/sdp\r\n\r\nv=0\r\n--xyz--";
        SipMessage m = with("multipart/mixed; boundary=xyz", body);
        assertThat(m.sdpTexts()).containsExactly("v=0");
    }
}
