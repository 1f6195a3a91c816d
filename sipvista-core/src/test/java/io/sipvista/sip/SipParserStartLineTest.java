package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SipParserStartLineTest {
    private static final String HEADERS = Wire.crlf(
            "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
            "From: <sip:a@h>;tag=1",
            "To: <sip:b@h>",
            "Call-ID: c1",
            "CSeq: 1 OPTIONS",
            "Content-Length: 0", "", "");

    private static SipMessage withStartLine(String line) {
        return Wire.parse(line + "\r\n" + HEADERS);
    }

    private static List<String> ids(SipMessage m) {
        return m.anomalies().stream().map(Anomaly::id).toList();
    }

    @Test
    void request() {
        SipMessage m = withStartLine("OPTIONS sip:b@h SIP/2.0");
        assertThat(m.isRequest()).isTrue();
        assertThat(m.isResponse()).isFalse();
        assertThat(m.method()).isEqualTo("OPTIONS");
        assertThat(m.requestUri()).isEqualTo("sip:b@h");
        assertThat(m.status()).isZero();
        assertThat(m.reason()).isNull();
        assertThat(m.startLine()).isEqualTo("OPTIONS sip:b@h SIP/2.0");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void response() {
        SipMessage m = withStartLine("SIP/2.0 486 Busy Here");
        assertThat(m.isRequest()).isFalse();
        assertThat(m.isResponse()).isTrue();
        assertThat(m.status()).isEqualTo(486);
        assertThat(m.reason()).isEqualTo("Busy Here");
        assertThat(m.method()).isNull();
        assertThat(m.requestUri()).isNull();
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void responseWithEmptyReason() {
        SipMessage m = withStartLine("SIP/2.0 200 ");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.reason()).isEmpty();
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void reasonAndStartLineAreReadFromTheMessageBytesAsParsed() {
        // the message keeps its start line as bytes; what it gives back is what the parser read
        SipMessage spaced = withStartLine("  SIP/2.0 \t 503 \t Service  Unavailable \t ");
        assertThat(spaced.status()).isEqualTo(503);
        assertThat(spaced.reason()).isEqualTo("Service  Unavailable");
        assertThat(spaced.startLine()).isEqualTo("SIP/2.0 \t 503 \t Service  Unavailable");
        SipMessage utf8 = withStartLine("SIP/2.0 200 D\u00e9j\u00e0 vu \u2713");
        assertThat(utf8.reason()).isEqualTo("D\u00e9j\u00e0 vu \u2713");
        assertThat(utf8.startLine()).isEqualTo("SIP/2.0 200 D\u00e9j\u00e0 vu \u2713");
        SipMessage bad = withStartLine("SIP/2.0 2x0 Odd");
        assertThat(bad.reason()).isEqualTo("Odd");
        SipMessage afterBlankLines = Wire.parse("\r\n\r\nSIP/2.0 180 Ringing\r\n" + HEADERS);
        assertThat(afterBlankLines.reason()).isEqualTo("Ringing");
        assertThat(afterBlankLines.startLine()).isEqualTo("SIP/2.0 180 Ringing");
    }

    @Test
    void responseWithoutReason() {
        SipMessage m = withStartLine("SIP/2.0 180");
        assertThat(m.status()).isEqualTo(180);
        assertThat(m.reason()).isEmpty();
    }

    @Test
    void unknownMethodIsARequest() {
        SipMessage m = withStartLine("OPTIONS-X sip:b@h SIP/2.0");
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("OPTIONS-X");
        assertThat(ids(m)).containsExactly("sip.cseq.method_mismatch");
    }

    @Test
    void methodCaseIsKept() {
        SipMessage m = withStartLine("REGIStER sip:b@h SIP/2.0");
        assertThat(m.method()).isEqualTo("REGIStER");
    }

    @Test
    void uriWithParametersAndHeaders() {
        SipMessage m = withStartLine("OPTIONS sip:b@h:5070;transport=tcp;lr?Subject=x%20y SIP/2.0");
        assertThat(m.requestUri()).isEqualTo("sip:b@h:5070;transport=tcp;lr?Subject=x%20y");
    }

    @Test
    void statusOutOfRange() {
        SipMessage m = withStartLine("SIP/2.0 700 Weird");
        assertThat(m.status()).isEqualTo(700);
        assertThat(ids(m)).containsExactly("sip.status.invalid");
    }

    @Test
    void statusNotNumeric() {
        SipMessage m = withStartLine("SIP/2.0 2x0 OK");
        assertThat(m.isResponse()).isTrue();
        assertThat(m.status()).isZero();
        assertThat(m.reason()).isEqualTo("OK");
        assertThat(ids(m)).containsExactly("sip.status.invalid");
    }

    @Test
    void statusMissing() {
        SipMessage m = withStartLine("SIP/2.0");
        assertThat(m.isResponse()).isTrue();
        assertThat(m.anomalies()).extracting(Anomaly::detail).containsExactly("status line has no status code");
    }

    @Test
    void otherVersionInResponse() {
        SipMessage m = withStartLine("SIP/1.0 200 OK");
        assertThat(m.status()).isEqualTo(200);
        assertThat(ids(m)).containsExactly("sip.version.unsupported");
    }

    @Test
    void otherVersionInRequest() {
        SipMessage m = withStartLine("OPTIONS sip:b@h SIP/3.0");
        assertThat(m.method()).isEqualTo("OPTIONS");
        assertThat(ids(m)).containsExactly("sip.version.unsupported");
    }

    @Test
    void requestWithoutVersion() {
        SipMessage m = withStartLine("OPTIONS sip:b@h");
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("OPTIONS");
        assertThat(m.requestUri()).isEqualTo("sip:b@h");
        assertThat(ids(m)).containsExactly("sip.start_line.invalid");
        assertThat(m.header("Call-ID")).isEqualTo("c1");
    }

    @Test
    void requestUriWithSpace() {
        SipMessage m = withStartLine("OPTIONS sip:b @h SIP/2.0");
        assertThat(m.requestUri()).isEqualTo("sip:b @h");
        assertThat(ids(m)).containsExactly("sip.start_line.invalid");
    }

    @Test
    void methodNotAToken() {
        SipMessage m = withStartLine("OPT<IONS sip:b@h SIP/2.0");
        assertThat(m.method()).isEqualTo("OPT<IONS");
        assertThat(ids(m)).contains("sip.start_line.invalid");
    }

    @Test
    void garbageStartLineKeepsHeaders() {
        SipMessage m = withStartLine("\u0001\u0002garbage");
        assertThat(m.isRequest()).isFalse();
        assertThat(m.isResponse()).isFalse();
        assertThat(m.method()).isNull();
        assertThat(ids(m)).containsExactly("sip.start_line.invalid");
        assertThat(m.callId()).isEqualTo("c1");
    }

    @Test
    void extraSpacesBetweenPartsAreRead() {
        SipMessage m = withStartLine("OPTIONS   sip:b@h  SIP/2.0");
        assertThat(m.method()).isEqualTo("OPTIONS");
        assertThat(m.requestUri()).isEqualTo("sip:b@h");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void leadingLineBreaksAreSkipped() {
        SipMessage m = Wire.parse("\r\n\r\nOPTIONS sip:b@h SIP/2.0\r\n" + HEADERS);
        assertThat(m.method()).isEqualTo("OPTIONS");
        assertThat(new String(m.raw(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("OPTIONS ");
        assertThat(m.headers().get(0).line()).isEqualTo(2);
    }

    @Test
    void emptyInput() {
        SipMessage m = SipParser.parse(new byte[0], 0, 0);
        assertThat(ids(m)).containsExactly("sip.message.empty");
        assertThat(m.headers()).isEmpty();
        assertThat(m.raw()).isEmpty();
        assertThat(m.body()).isEmpty();
        assertThat(m.startLine()).isEmpty();
    }

    @Test
    void onlyLineBreaks() {
        SipMessage m = Wire.parse("\r\n\r\n");
        assertThat(ids(m)).containsExactly("sip.message.empty");
    }

    @Test
    void bareLfLineEnds() {
        SipMessage m = Wire.parse("SIP/2.0 100 Trying\n" + HEADERS.replace("\r\n", "\n"));
        assertThat(m.status()).isEqualTo(100);
        assertThat(m.reason()).isEqualTo("Trying");
        assertThat(m.callId()).isEqualTo("c1");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void parsesAtOffset() {
        byte[] inner = Wire.bytes("SIP/2.0 200 OK\r\n" + HEADERS);
        byte[] b = Wire.concat(Wire.bytes("junk"), inner, Wire.bytes("more junk"));
        SipMessage m = SipParser.parse(b, 4, inner.length);
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.raw()).isEqualTo(inner);
        assertThat(m.anomalies()).isEmpty();
    }
}
