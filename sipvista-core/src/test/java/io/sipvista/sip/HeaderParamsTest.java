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

    @Test
    void aParameterIsFoundByItsNameInAnySpelling() {
        java.util.Map<String, String> p = HeaderParams.parse("h;received=192.0.2.1;rport=5062;x-k=1", 0);
        assertThat(HeaderParams.get(p, "received")).isEqualTo("192.0.2.1");
        assertThat(HeaderParams.get(p, "RECEIVED")).isEqualTo("192.0.2.1");
        assertThat(HeaderParams.get(p, "Rport")).isEqualTo("5062");
        assertThat(HeaderParams.get(p, "maddr")).isNull();
        // KELVIN SIGN lower-cases to k: a name outside ASCII is lower-cased as before, not taken as it is
        assertThat(HeaderParams.get(p, "x-\u212A")).isEqualTo("1");
    }

    @Test
    void lookingUpAnyNameGivesWhatLowerCasingItFirstGives() {
        char[] alphabet = {'a', 'k', 'r', 'A', 'K', 'R', '-', '1', '\u212A', '\u017F', '\u0130', 'i'};
        java.util.Random random = new java.util.Random(7);
        java.util.Map<String, String> params = new java.util.HashMap<>();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            names.add(b.toString());
            if (i % 3 == 0) {
                params.put(b.toString().toLowerCase(java.util.Locale.ROOT), "v" + i);
            }
        }
        for (String name : names) {
            assertThat(HeaderParams.get(params, name)).as(name)
                    .isEqualTo(params.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
