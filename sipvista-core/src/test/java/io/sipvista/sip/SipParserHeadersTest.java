package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SipParserHeadersTest {
    private static final String BASE = Wire.crlf(
            "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
            "From: <sip:a@h>;tag=1",
            "To: <sip:b@h>",
            "Call-ID: c1",
            "CSeq: 1 OPTIONS");

    /** An OPTIONS with the mandatory headers, then the given lines, then an empty body. */
    private static SipMessage with(String... lines) {
        return Wire.parse("OPTIONS sip:b@h SIP/2.0\r\n" + BASE + "\r\n"
                + (lines.length == 0 ? "" : String.join("\r\n", lines) + "\r\n") + "Content-Length: 0\r\n\r\n");
    }

    private static List<String> ids(SipMessage m) {
        return m.anomalies().stream().map(Anomaly::id).toList();
    }

    @Test
    void headersInWireOrderWithLineNumbers() {
        SipMessage m = with("Subject: hi");
        assertThat(m.headers()).extracting(SipHeader::name)
                .containsExactly("Via", "From", "To", "Call-ID", "CSeq", "Subject", "Content-Length");
        assertThat(m.headers()).extracting(SipHeader::line).containsExactly(2, 3, 4, 5, 6, 7, 8);
    }

    /**
     * Values are kept as positions in the message's bytes and read when asked for; a folded value is the one kept as
     * text. Forty lines (more than the table starts with), folded lines among them, UTF-8 in values.
     */
    @Test
    void manyLinesFoldedOrNotReadBackAsWritten() {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("X-H" + i + ":   v" + i + " \u00e9t\u00e9  ");
            if (i % 13 == 12) {
                lines.add("  more " + i);
            }
        }
        SipMessage m = with(lines.toArray(String[]::new));
        for (int i = 0; i < 40; i++) {
            assertThat(m.header("x-h" + i)).isEqualTo("v" + i + " \u00e9t\u00e9" + (i % 13 == 12 ? " more " + i : ""));
        }
        assertThat(m.headers()).hasSize(5 + 40 + 1);
        assertThat(m.headers().get(5 + 13)).isEqualTo(new SipHeader("X-H13", "X-H13", "v13 \u00e9t\u00e9", 21));
        assertThat(m.headers("X-H12")).singleElement().extracting(SipHeader::value).isEqualTo("v12 \u00e9t\u00e9 more 12");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void knownMethodsAreSharedStringsAndOthersStayAsWritten() {
        SipMessage a = Wire.parse("INVITE sip:b@h SIP/2.0\r\n" + BASE.replace("1 OPTIONS", "1 INVITE")
                + "\r\nContent-Length: 0\r\n\r\n");
        SipMessage b = Wire.parse("INVITE sip:c@h SIP/2.0\r\n" + BASE.replace("1 OPTIONS", "2 INVITE")
                + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(a.method()).isEqualTo("INVITE").isSameAs(b.method()).isSameAs(a.cseq().method())
                .isSameAs(b.cseq().method());
        SipMessage odd = Wire.parse("invite sip:b@h SIP/2.0\r\n" + BASE.replace("1 OPTIONS", "1 invite")
                + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(odd.method()).isEqualTo("invite");
        assertThat(odd.cseq().method()).isEqualTo("invite");
    }

    /**
     * Value positions are kept as 16-bit offsets in a message under 64 KiB and as ints past it: a header section of
     * more than 64 KiB reads back the same, the values after the long one included.
     */
    @Test
    void headersPast64KiBReadBackAsWritten() {
        String big = "x".repeat(70_000);
        SipMessage m = with("X-Big: " + big, "subject: after the big one", "X-Last: \u00e9");
        assertThat(m.header("X-Big")).isEqualTo(big);
        assertThat(m.header("Subject")).isEqualTo("after the big one");
        assertThat(m.header("X-Last")).isEqualTo("\u00e9");
        SipHeader subject = m.headers().get(6);
        assertThat(subject).isEqualTo(new SipHeader("Subject", "subject", "after the big one", 8));
        assertThat(m.headers().get(0).wireName()).isEqualTo("Via");
    }

    @Test
    void nameLookupIgnoresCase() {
        SipMessage m = with("X-Custom-Thing: 42");
        assertThat(m.header("x-custom-thing")).isEqualTo("42");
        assertThat(m.header("X-CUSTOM-THING")).isEqualTo("42");
        assertThat(m.header("call-id")).isEqualTo("c1");
    }

    @Test
    void wireNameKeptAndKnownNameCanonical() {
        SipMessage m = Wire.parse(Wire.crlf("OPTIONS sip:b@h SIP/2.0", "VIA: SIP/2.0/UDP h", "call-ID: c",
                "cseq: 1 OPTIONS", "from: <sip:a@h>", "TO: <sip:b@h>", "", ""));
        assertThat(m.headers()).extracting(SipHeader::name).containsExactly("Via", "Call-ID", "CSeq", "From", "To");
        assertThat(m.headers()).extracting(SipHeader::wireName)
                .containsExactly("VIA", "call-ID", "cseq", "from", "TO");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void unknownNameKeptAsOnWire() {
        SipMessage m = with("x-VeNdOr: 1");
        assertThat(m.headers().get(5).name()).isEqualTo("x-VeNdOr");
    }

    @Test
    void compactForms() {
        SipMessage m = Wire.parse(Wire.crlf("INVITE sip:b@h SIP/2.0",
                "v: SIP/2.0/UDP h;branch=z9hG4bK1",
                "f: <sip:a@h>;tag=1",
                "t: <sip:b@h>",
                "i: compact-call",
                "CSeq: 1 INVITE",
                "m: <sip:a@10.0.0.1>",
                "k: 100rel",
                "o: refer",
                "r: <sip:c@h>",
                "u: presence",
                "s: Lunch",
                "e: gzip",
                "x: 1800",
                "y: abc",
                "b: <sip:d@h>",
                "a: *;audio",
                "c: application/sdp",
                "l: 4",
                "",
                "v=0\n"));
        assertThat(m.headers()).extracting(SipHeader::name).containsExactly("Via", "From", "To", "Call-ID", "CSeq",
                "Contact", "Supported", "Event", "Refer-To", "Allow-Events", "Subject", "Content-Encoding",
                "Session-Expires", "Identity", "Referred-By", "Accept-Contact", "Content-Type", "Content-Length");
        assertThat(m.callId()).isEqualTo("compact-call");
        assertThat(m.header("Call-ID")).isEqualTo("compact-call");
        assertThat(m.header("i")).isEqualTo("compact-call");
        assertThat(m.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(m.header("Event")).isEqualTo("refer");
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.sdpTexts()).containsExactly("v=0\n");
        assertThat(m.headers().get(0).wireName()).isEqualTo("v");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void upperCaseCompactForm() {
        SipMessage m = with("K: timer");
        assertThat(m.header("Supported")).isEqualTo("timer");
    }

    @Test
    void lookupByCompactFindsFullForm() {
        SipMessage m = with("Supported: replaces");
        assertThat(m.header("k")).isEqualTo("replaces");
        assertThat(m.values("K")).containsExactly("replaces");
    }

    @Test
    void missingHeaderIsNull() {
        assertThat(with().header("Subject")).isNull();
        assertThat(with().values("Subject")).isEmpty();
    }

    @Test
    void foldedValueIsUnfolded() {
        SipMessage m = with("Subject: I know you're there,", "   pick up the phone", "\tand talk to me!");
        assertThat(m.header("Subject")).isEqualTo("I know you're there, pick up the phone and talk to me!");
        assertThat(m.headers().get(5).line()).isEqualTo(7);
        assertThat(m.headers().get(6).line()).isEqualTo(10);
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void foldAfterEmptyValue() {
        SipMessage m = with("Subject:", "  folded only");
        assertThat(m.header("Subject")).isEqualTo("folded only");
    }

    @Test
    void whitespaceAroundNameAndValueIsTrimmed() {
        SipMessage m = with("Subject \t:   spaced out  \t");
        assertThat(m.header("Subject")).isEqualTo("spaced out");
        assertThat(m.headers().get(5).wireName()).isEqualTo("Subject");
    }

    @Test
    void valueWithColons() {
        SipMessage m = with("Contact: <sip:a@10.0.0.1:5060>");
        assertThat(m.header("Contact")).isEqualTo("<sip:a@10.0.0.1:5060>");
    }

    @Test
    void emptyValue() {
        SipMessage m = with("Subject:");
        assertThat(m.header("Subject")).isEmpty();
    }

    @Test
    void displayNameWithQuotedComma() {
        SipMessage m = with("Contact: \"Doe, John\" <sip:john@h>;q=0.7, <sip:j@10.0.0.2>;expires=60");
        assertThat(m.values("Contact")).containsExactly("\"Doe, John\" <sip:john@h>;q=0.7",
                "<sip:j@10.0.0.2>;expires=60");
        assertThat(m.headers("Contact")).hasSize(1);
    }

    @Test
    void escapedQuoteInsideDisplayName() {
        SipMessage m = with("Contact: \"say \\\"hi, there\\\"\" <sip:x@h>, <sip:y@h>");
        assertThat(m.values("m")).containsExactly("\"say \\\"hi, there\\\"\" <sip:x@h>", "<sip:y@h>");
    }

    @Test
    void commaInsideAngleBrackets() {
        SipMessage m = with("Route: <sip:p1@h;lr;x=a,b>, <sip:p2@h;lr>");
        assertThat(m.values("Route")).containsExactly("<sip:p1@h;lr;x=a,b>", "<sip:p2@h;lr>");
    }

    @Test
    void valuesAcrossSeveralLines() {
        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP p1:5060;branch=z9hG4bKa, SIP/2.0/TCP p2;branch=z9hG4bKb",
                "v: SIP/2.0/UDP uac;branch=z9hG4bKc;received=10.0.0.9",
                "From: <sip:a@h>;tag=1", "To: <sip:b@h>;tag=2", "Call-ID: c", "CSeq: 7 INVITE",
                "Content-Length: 0", "", ""));
        assertThat(m.headers("Via")).hasSize(2);
        assertThat(m.header("Via")).isEqualTo("SIP/2.0/UDP p1:5060;branch=z9hG4bKa, SIP/2.0/TCP p2;branch=z9hG4bKb");
        assertThat(m.values("Via")).containsExactly("SIP/2.0/UDP p1:5060;branch=z9hG4bKa",
                "SIP/2.0/TCP p2;branch=z9hG4bKb", "SIP/2.0/UDP uac;branch=z9hG4bKc;received=10.0.0.9");
    }

    @Test
    void emptyListElementsAreDropped() {
        SipMessage m = with("Allow: INVITE, , ACK,", "Allow:  BYE ");
        assertThat(m.values("Allow")).containsExactly("INVITE", "ACK", "BYE");
    }

    @Test
    void lineWithoutColon() {
        SipMessage m = with("This line has no colon", "Subject: after");
        assertThat(ids(m)).containsExactly("sip.header.no_colon");
        assertThat(m.anomalies().get(0).detail()).contains("line 7").contains("This line has no colon");
        assertThat(m.header("Subject")).isEqualTo("after");
    }

    @Test
    void emptyHeaderName() {
        SipMessage m = with(": orphan value", "Subject: after");
        assertThat(ids(m)).containsExactly("sip.header.empty_name");
        assertThat(m.headers()).extracting(SipHeader::value).doesNotContain("orphan value");
        assertThat(m.header("Subject")).isEqualTo("after");
    }

    @Test
    void headerNameWithSpace() {
        SipMessage m = with("Bad Name: v");
        assertThat(ids(m)).containsExactly("sip.header.bad_name");
        assertThat(m.header("Bad Name")).isEqualTo("v");
    }

    @Test
    void continuationWithoutHeader() {
        SipMessage m = Wire.parse("OPTIONS sip:b@h SIP/2.0\r\n  stray continuation\r\n" + BASE + "\r\n\r\n");
        assertThat(ids(m)).containsExactly("sip.header.bad_fold");
        assertThat(m.callId()).isEqualTo("c1");
    }

    @Test
    void missingMandatoryHeaders() {
        SipMessage m = Wire.parse(Wire.crlf("OPTIONS sip:b@h SIP/2.0", "From: <sip:a@h>", "Content-Length: 0", "", ""));
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.header.missing", "Call-ID"),
                Anomaly.of("sip.header.missing", "CSeq"),
                Anomaly.of("sip.header.missing", "To"),
                Anomaly.of("sip.header.missing", "Via"));
        assertThat(m.callId()).isNull();
        assertThat(m.cseq()).isNull();
    }

    @Test
    void duplicateSingleValuedHeader() {
        SipMessage m = with("t: <sip:other@h>");
        assertThat(ids(m)).containsExactly("sip.header.duplicate");
        assertThat(m.anomalies().get(0).detail()).startsWith("To appears 2 times (lines 4 and 7)");
        assertThat(m.header("To")).isEqualTo("<sip:b@h>");
    }

    @Test
    void repeatedListHeaderIsNotADuplicate() {
        SipMessage m = with("Via: SIP/2.0/UDP second");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void cseq() {
        SipMessage m = with();
        assertThat(m.cseq()).isEqualTo(new CSeq(1, "OPTIONS"));
    }

    @Test
    void cseqWithExtraWhitespace() {
        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP h", "From: <sip:a@h>", "To: <sip:b@h>", "Call-ID: c", "CSeq:   4711 \t INVITE  ",
                "", ""));
        assertThat(m.cseq()).isEqualTo(new CSeq(4711, "INVITE"));
    }

    @Test
    void cseqNotNumeric() {
        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK", "Via: SIP/2.0/UDP h", "From: <sip:a@h>",
                "To: <sip:b@h>", "Call-ID: c", "CSeq: abc INVITE", "", ""));
        assertThat(m.cseq()).isNull();
        assertThat(m.anomalies()).containsExactly(Anomaly.of("sip.cseq.invalid", "\"abc INVITE\""));
    }

    @Test
    void cseqWithoutMethod() {
        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK", "Via: SIP/2.0/UDP h", "From: <sip:a@h>",
                "To: <sip:b@h>", "Call-ID: c", "CSeq: 12", "", ""));
        assertThat(m.cseq()).isNull();
        assertThat(ids(m)).containsExactly("sip.cseq.invalid");
    }

    @Test
    void cseqTooLargeIsKeptAndFlagged() {
        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK", "Via: SIP/2.0/UDP h", "From: <sip:a@h>",
                "To: <sip:b@h>", "Call-ID: c", "CSeq: 4294967295 BYE", "", ""));
        assertThat(m.cseq()).isEqualTo(new CSeq(4294967295L, "BYE"));
        assertThat(ids(m)).containsExactly("sip.cseq.invalid");
    }

    @Test
    void cseqWithElevenDigitsIsInvalid() {
        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK", "Via: SIP/2.0/UDP h", "From: <sip:a@h>",
                "To: <sip:b@h>", "Call-ID: c", "CSeq: 12345678901 BYE", "", ""));
        assertThat(m.cseq()).isNull();
        assertThat(ids(m)).containsExactly("sip.cseq.invalid");
    }

    @Test
    void cseqMethodDiffersFromRequestMethod() {
        SipMessage m = Wire.parse(Wire.crlf("BYE sip:b@h SIP/2.0", "Via: SIP/2.0/UDP h", "From: <sip:a@h>",
                "To: <sip:b@h>", "Call-ID: c", "CSeq: 2 INVITE", "", ""));
        assertThat(m.cseq()).isEqualTo(new CSeq(2, "INVITE"));
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.cseq.method_mismatch", "request BYE, CSeq method INVITE"));
    }

    @Test
    void nonUtf8BytesAreReplacedAndRawKept() {
        byte[] head = Wire.bytes("OPTIONS sip:b@h SIP/2.0\r\n" + BASE + "\r\nSubject: caf");
        byte[] tail = Wire.bytes("\r\n\r\n");
        byte[] b = Wire.concat(head, new byte[] {(byte) 0xe9}, tail);
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(m.header("Subject")).isEqualTo("caf\uFFFD");
        assertThat(m.raw()).isEqualTo(b);
        assertThat(m.anomalies()).containsExactly(
                Anomaly.of("sip.text.bad_utf8", "byte 0xe9 on line 7 is not UTF-8; shown as \uFFFD"));
    }

    @Test
    void validUtf8IsDecoded() {
        SipMessage m = with("Subject: caf\u00e9 \u2603 \uD83D\uDE00");
        assertThat(m.header("Subject")).isEqualTo("caf\u00e9 \u2603 \uD83D\uDE00");
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void overlongUtf8IsFlagged() {
        byte[] b = Wire.concat(Wire.bytes("OPTIONS sip:b@h SIP/2.0\r\n" + BASE + "\r\nSubject: "),
                new byte[] {(byte) 0xc0, (byte) 0xaf}, Wire.bytes("\r\n\r\n"));
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(ids(m)).containsExactly("sip.text.bad_utf8");
    }

    @Test
    void truncatedUtf8AtEndOfHeadersIsFlagged() {
        byte[] b = Wire.concat(Wire.bytes("OPTIONS sip:b@h SIP/2.0\r\n" + BASE + "\r\nSubject: x"),
                new byte[] {(byte) 0xe2, (byte) 0x98});
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(ids(m)).contains("sip.text.bad_utf8", "sip.headers.unterminated");
    }

    @Test
    void nulByteIsFlaggedAndKept() {
        SipMessage m = with("Subject: a\u0000b");
        assertThat(m.header("Subject")).isEqualTo("a\u0000b");
        assertThat(m.anomalies()).containsExactly(Anomaly.of("sip.text.nul", "NUL byte on line 7"));
    }

    @Test
    void tooManyHeaders() {
        StringBuilder sb = new StringBuilder("OPTIONS sip:b@h SIP/2.0\r\n" + BASE + "\r\nContent-Type: text/plain\r\n");
        for (int i = 0; i < 300; i++) {
            sb.append("X-H: ").append(i).append("\r\n");
        }
        sb.append("Content-Length: 2\r\n\r\nhi");
        byte[] b = Wire.bytes(sb.toString());
        SipMessage m = SipParser.parse(b, 0, b.length, new SipLimits(1 << 20, 64 << 10, 100));
        assertThat(m.headers()).hasSize(100);
        assertThat(ids(m)).containsExactly("sip.header.too_many");
        assertThat(m.anomalies().get(0).detail()).contains("from line 102");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void headersWithoutEmptyLine() {
        SipMessage m = Wire.parse("OPTIONS sip:b@h SIP/2.0\r\n" + BASE + "\r\nSubject: cut");
        assertThat(ids(m)).containsExactly("sip.headers.unterminated");
        assertThat(m.header("Subject")).isEqualTo("cut");
        assertThat(m.body()).isEmpty();
    }

    @Test
    void headerIsMethodOnHeaderRecord() {
        SipHeader h = new SipHeader("Call-ID", "i", "x", 2);
        assertThat(h.is("i")).isTrue();
        assertThat(h.is("CALL-ID")).isTrue();
        assertThat(h.is("To")).isFalse();
    }
}
