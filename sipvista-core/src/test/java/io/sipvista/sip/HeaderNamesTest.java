package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderNamesTest {
    @Test
    void compactFormsOfRfc3261() {
        assertThat(HeaderNames.canonical("i")).isEqualTo("Call-ID");
        assertThat(HeaderNames.canonical("m")).isEqualTo("Contact");
        assertThat(HeaderNames.canonical("e")).isEqualTo("Content-Encoding");
        assertThat(HeaderNames.canonical("l")).isEqualTo("Content-Length");
        assertThat(HeaderNames.canonical("c")).isEqualTo("Content-Type");
        assertThat(HeaderNames.canonical("f")).isEqualTo("From");
        assertThat(HeaderNames.canonical("s")).isEqualTo("Subject");
        assertThat(HeaderNames.canonical("k")).isEqualTo("Supported");
        assertThat(HeaderNames.canonical("t")).isEqualTo("To");
        assertThat(HeaderNames.canonical("v")).isEqualTo("Via");
    }

    @Test
    void compactFormsOfExtensions() {
        assertThat(HeaderNames.canonical("o")).isEqualTo("Event");
        assertThat(HeaderNames.canonical("r")).isEqualTo("Refer-To");
        assertThat(HeaderNames.canonical("u")).isEqualTo("Allow-Events");
        assertThat(HeaderNames.canonical("x")).isEqualTo("Session-Expires");
        assertThat(HeaderNames.canonical("y")).isEqualTo("Identity");
        assertThat(HeaderNames.canonical("b")).isEqualTo("Referred-By");
        assertThat(HeaderNames.canonical("a")).isEqualTo("Accept-Contact");
    }

    @Test
    void compactFormsAreCaseInsensitive() {
        assertThat(HeaderNames.canonical("I")).isEqualTo("Call-ID");
        assertThat(HeaderNames.isCompact("V")).isTrue();
    }

    @Test
    void unknownSingleLetterStaysAsWritten() {
        assertThat(HeaderNames.canonical("q")).isEqualTo("q");
        assertThat(HeaderNames.isCompact("q")).isFalse();
    }

    @Test
    void wellKnownNamesGetTheirUsualSpelling() {
        assertThat(HeaderNames.canonical("CALL-ID")).isEqualTo("Call-ID");
        assertThat(HeaderNames.canonical("cseq")).isEqualTo("CSeq");
        assertThat(HeaderNames.canonical("www-authenticate")).isEqualTo("WWW-Authenticate");
        assertThat(HeaderNames.canonical("p-asserted-identity")).isEqualTo("P-Asserted-Identity");
        assertThat(HeaderNames.canonical("rack")).isEqualTo("RAck");
    }

    @Test
    void unknownNamesStayAsWritten() {
        assertThat(HeaderNames.canonical("X-Broadworks-Correlation-Info")).isEqualTo("X-Broadworks-Correlation-Info");
    }

    @Test
    void same() {
        assertThat(HeaderNames.same("i", "call-id")).isTrue();
        assertThat(HeaderNames.same("X-A", "x-a")).isTrue();
        assertThat(HeaderNames.same("t", "f")).isFalse();
    }

    @Test
    void aNameSpelledCanonicallyOnTheWireIsTheSharedNameOthersAreNot() {
        byte[] b = "xCall-ID: a\r\nWWW-Authenticate via i Via".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(HeaderNames.spelled(b, 1, 8)).isEqualTo("Call-ID").isSameAs(HeaderNames.canonical("Call-ID"));
        assertThat(HeaderNames.spelled(b, 13, 29)).isEqualTo("WWW-Authenticate");
        assertThat(HeaderNames.spelled(b, 30, 33)).as("another case").isNull();
        assertThat(HeaderNames.spelled(b, 34, 35)).as("a compact form").isNull();
        assertThat(HeaderNames.spelled(b, 36, 39)).isEqualTo("Via");
        assertThat(HeaderNames.spelled(b, 1, 7)).as("part of a name").isNull();
        assertThat(HeaderNames.spelled(b, 3, 3)).isNull();
    }

    @Test
    void aParsedMessageGivesTheSameNamesWhateverTheSpelling() {
        SipMessage m = SipParser.parse(("INVITE sip:b@b.example SIP/2.0\r\nCall-ID: 1\r\ncall-id: 2\r\ni: 3\r\n"
                + "X-Odd : 4\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(m.headers()).extracting(SipHeader::name).containsExactly("Call-ID", "Call-ID", "Call-ID", "X-Odd");
        assertThat(m.headers()).extracting(SipHeader::wireName).containsExactly("Call-ID", "call-id", "i", "X-Odd");
        assertThat(m.headers()).extracting(SipHeader::value).containsExactly("1", "2", "3", "4");
    }
}
