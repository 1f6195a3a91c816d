package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SipParserBodyTest {
    private static final String HEAD = Wire.crlf(
            "MESSAGE sip:b@h SIP/2.0",
            "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
            "From: <sip:a@h>;tag=1",
            "To: <sip:b@h>",
            "Call-ID: c1",
            "CSeq: 1 MESSAGE");

    private static SipMessage msg(String extraHeaders, String body) {
        return Wire.parse(HEAD + "\r\n" + extraHeaders + "\r\n\r\n" + body);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> ids(SipMessage m) {
        return m.anomalies().stream().map(Anomaly::id).toList();
    }

    @Test
    void bodyByContentLength() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 5", "hello");
        assertThat(text(m.body())).isEqualTo("hello");
        assertThat(m.contentType()).isEqualTo("text/plain");
        assertThat(m.bodyParts()).containsExactly(new BodyPart("text/plain", Wire.bytes("hello")));
        assertThat(m.anomalies()).isEmpty();
    }

    /**
     * A part the parser makes is a range of the message's own bytes, not a copy of them; it behaves as a part made from
     * its own array: equal with the same hash, and what it gives out is a copy.
     */
    @Test
    void aPartIsARangeOfTheMessageAndBehavesAsACopy() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 5", "h\u00e9lo");
        BodyPart part = m.bodyParts().get(0);
        BodyPart alone = new BodyPart("text/plain", Wire.bytes("h\u00e9lo"));
        assertThat(part).isEqualTo(alone).hasSameHashCodeAs(alone);
        assertThat(part.length()).isEqualTo(5);
        assertThat(part.text()).isEqualTo("h\u00e9lo");
        byte[] given = part.bytes();
        given[0] = 'X';
        assertThat(part.text()).isEqualTo("h\u00e9lo");
        assertThat(text(m.raw())).endsWith("h\u00e9lo");
        assertThat(part).isNotEqualTo(new BodyPart("text/html", Wire.bytes("h\u00e9lo")))
                .isNotEqualTo(new BodyPart("text/plain", Wire.bytes("hello")));
    }

    @Test
    void rawIsStartLineToEndOfBody() {
        String all = HEAD + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
        SipMessage m = Wire.parse("\r\n" + all + "\r\n");
        assertThat(text(m.raw())).isEqualTo(all);
        assertThat(m.rawLength()).isEqualTo(all.length());
        assertThat(m.bodyLength()).isEqualTo(5);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void compactContentLength() {
        SipMessage m = msg("c: text/plain\r\nl: 3", "abcdef");
        assertThat(text(m.body())).isEqualTo("abc");
    }

    @Test
    void noContentLengthTakesTheRest() {
        SipMessage m = msg("Content-Type: text/plain", "the rest\r\nof it");
        assertThat(text(m.body())).isEqualTo("the rest\r\nof it");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void lineBreaksWithoutContentLengthAreNoBody() {
        SipMessage m = msg("Call-Info: x", "\r\n");
        assertThat(m.body()).isEmpty();
        assertThat(m.bodyParts()).isEmpty();
        assertThat(text(m.raw())).endsWith("Call-Info: x\r\n\r\n");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void zeroContentLengthAndNoBody() {
        SipMessage m = msg("Content-Length: 0", "");
        assertThat(m.body()).isEmpty();
        assertThat(m.bodyParts()).isEmpty();
        assertThat(m.sdpTexts()).isEmpty();
        assertThat(m.contentType()).isNull();
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void shorterBodyThanDeclared() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 900", "only this");
        assertThat(text(m.body())).isEqualTo("only this");
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.content_length.mismatch", "Content-Length 900, 9 body bytes present"));
    }

    @Test
    void longerBodyThanDeclared() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 4", "fourmore");
        assertThat(text(m.body())).isEqualTo("four");
        assertThat(text(m.raw())).endsWith("\r\n\r\nfour");
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.content_length.mismatch", "Content-Length 4, 4 more bytes follow the body"));
    }

    @Test
    void trailingLineBreaksAfterBodyAreNotAMismatch() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 4", "four\r\n\r\n");
        assertThat(text(m.body())).isEqualTo("four");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void nonNumericContentLength() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: ten", "body");
        assertThat(text(m.body())).isEqualTo("body");
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.content_length.invalid", "\"ten\" is not a byte count"));
    }

    @Test
    void negativeContentLength() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: -1", "body");
        assertThat(text(m.body())).isEqualTo("body");
        assertThat(ids(m)).containsExactly("sip.content_length.invalid");
    }

    @Test
    void hugeContentLength() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 99999999999", "body");
        assertThat(ids(m)).containsExactly("sip.content_length.invalid");
    }

    @Test
    void emptyContentLength() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length:", "body");
        assertThat(ids(m)).containsExactly("sip.content_length.invalid");
    }

    @Test
    void foldedContentLength() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length:\r\n   3", "abcdef");
        assertThat(text(m.body())).isEqualTo("abc");
    }

    @Test
    void firstOfTwoContentLengthsCounts() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 2\r\nl: 4", "abcd");
        assertThat(text(m.body())).isEqualTo("ab");
        assertThat(ids(m)).containsExactly("sip.header.duplicate", "sip.content_length.mismatch");
    }

    @Test
    void bodyWithoutContentType() {
        SipMessage m = msg("Content-Length: 3", "abc");
        assertThat(m.contentType()).isNull();
        assertThat(m.bodyParts()).hasSize(1);
        assertThat(m.bodyParts().get(0).contentType()).isNull();
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.content_type.missing", "3 body bytes but no Content-Type"));
    }

    @Test
    void contentTypeIsLowerCaseWithoutParameters() {
        SipMessage m = msg("Content-Type: Application/SDP ; charset=UTF-8\r\nContent-Length: 4", "v=0\n");
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.sdpTexts()).containsExactly("v=0\n");
    }

    @Test
    void sdpBody() {
        SipMessage m = Wire.parse(Wire.INVITE);
        assertThat(m.sdpTexts()).containsExactly(Wire.SDP);
        assertThat(m.bodyParts()).extracting(BodyPart::contentType).containsExactly("application/sdp");
    }

    @Test
    void nonSdpBodyGivesNoSdpText() {
        SipMessage m = msg("Content-Type: application/dtmf-relay\r\nContent-Length: 10", "Signal=5\r\n");
        assertThat(m.sdpTexts()).isEmpty();
        assertThat(m.bodyParts()).extracting(BodyPart::contentType).containsExactly("application/dtmf-relay");
    }

    @Test
    void sdpWithBadUtf8IsDecodedLeniently() {
        byte[] body = Wire.concat(Wire.bytes("v=0\r\ns="), new byte[] {(byte) 0xff}, Wire.bytes("\r\n"));
        byte[] b = Wire.concat(Wire.bytes(HEAD + "\r\nContent-Type: application/sdp\r\nContent-Length: "
                + body.length + "\r\n\r\n"), body);
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(m.sdpTexts()).containsExactly("v=0\r\ns=\uFFFD\r\n");
        assertThat(m.body()).isEqualTo(body);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void binaryBodyIsKeptExactly() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        byte[] b = Wire.concat(Wire.bytes(HEAD + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 256"
                + "\r\n\r\n"), body);
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(m.body()).isEqualTo(body);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void bodyAccessorsReturnCopies() {
        SipMessage m = msg("Content-Type: text/plain\r\nContent-Length: 5", "hello");
        m.body()[0] = 'X';
        m.raw()[0] = 'X';
        m.bodyParts().get(0).bytes()[0] = 'X';
        assertThat(text(m.body())).isEqualTo("hello");
        assertThat(m.startLine()).startsWith("MESSAGE");
        assertThat(m.raw()[0]).isEqualTo((byte) 'M');
        assertThat(m.bodyParts().get(0).text()).isEqualTo("hello");
    }

    @Test
    void bareLfHeaderEnd() {
        SipMessage m = Wire.parse(HEAD.replace("\r\n", "\n") + "\nContent-Type: text/plain\nContent-Length: 2\n\nok");
        assertThat(text(m.body())).isEqualTo("ok");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void lineOfSpacesIsAFoldNotTheEnd() {
        SipMessage m = Wire.parse(HEAD + "\r\nSubject: a\r\n   \r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");
        assertThat(m.header("Subject")).isEqualTo("a");
        assertThat(text(m.body())).isEqualTo("ok");
    }
}
