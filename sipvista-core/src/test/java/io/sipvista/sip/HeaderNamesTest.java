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
}
