package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Header parameters: names in lower case whatever their spelling, values trimmed or unquoted, the first wins. */
class HeaderParamsTest {
    @Test
    void commonAndUncommonNamesAreLowerCaseAndValuesTrimmed() {
        assertThat(HeaderParams.parse("SIP/2.0/UDP h;BRANCH= z9hG4bK1 ; Rport;X-Thing=Ab ;Tag=\"a;b\\\"c\"", 0))
                .containsExactly(java.util.Map.entry("branch", "z9hG4bK1"), java.util.Map.entry("rport", ""),
                        java.util.Map.entry("x-thing", "Ab"), java.util.Map.entry("tag", "a;b\"c"));
    }

    @Test
    void theFirstOfTwoSpellingsOfOneNameWins() {
        assertThat(HeaderParams.parse("<sip:a@b>;tag=1;TAG=2", 9)).containsExactly(java.util.Map.entry("tag", "1"));
    }

    @Test
    void aNameThatOnlyLooksLikeACommonOneOutsideAsciiStaysItself() {
        // LATIN SMALL LETTER LONG S upper-cases to S, but "tranſport" is not "transport"
        assertThat(HeaderParams.parse("h;tran\u017Fport=tcp;TRANSPORT=udp", 0)).containsExactly(
                java.util.Map.entry("tran\u017Fport", "tcp"), java.util.Map.entry("transport", "udp"));
    }
}
