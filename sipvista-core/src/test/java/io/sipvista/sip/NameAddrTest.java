package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NameAddrTest {
    @Test
    void quotedDisplayNameUriAndTag() {
        NameAddr n = NameAddr.parse("\"Alice, the Caller\" <sip:alice@atlanta.example.com>;tag=1928301774");
        assertThat(n.displayName()).isEqualTo("Alice, the Caller");
        assertThat(n.uri()).isEqualTo("sip:alice@atlanta.example.com");
        assertThat(n.tag()).isEqualTo("1928301774");
    }

    @Test
    void escapedQuotesInDisplayName() {
        NameAddr n = NameAddr.parse("\"sipp \\\"the tester\\\"\" <sip:sipp@127.0.1.1:5061>;tag=1");
        assertThat(n.displayName()).isEqualTo("sipp \"the tester\"");
        assertThat(n.uri()).isEqualTo("sip:sipp@127.0.1.1:5061");
    }

    @Test
    void tokenDisplayName() {
        NameAddr n = NameAddr.parse("Bob Smith <sip:bob@h>");
        assertThat(n.displayName()).isEqualTo("Bob Smith");
        assertThat(n.tag()).isNull();
    }

    @Test
    void uriParametersStayInTheUri() {
        NameAddr n = NameAddr.parse("<sip:alice@pc33.example.com;transport=tcp;lr>;expires=60;q=0.5");
        assertThat(n.displayName()).isNull();
        assertThat(n.uri()).isEqualTo("sip:alice@pc33.example.com;transport=tcp;lr");
        assertThat(n.params()).isEqualTo(Map.of("expires", "60", "q", "0.5"));
    }

    @Test
    void bareUriParametersBelongToTheHeader() {
        NameAddr n = NameAddr.parse("sip:bob@biloxi.example.com;tag=a6c85cf");
        assertThat(n.uri()).isEqualTo("sip:bob@biloxi.example.com");
        assertThat(n.tag()).isEqualTo("a6c85cf");
    }

    @Test
    void quotedParameterValueAndFlags() {
        NameAddr n = NameAddr.parse("<sip:a@h>;methods=\"INVITE, BYE\";+sip.instance=\"<urn:uuid:1>\";Audio");
        assertThat(n.param("methods")).isEqualTo("INVITE, BYE");
        assertThat(n.param("+sip.instance")).isEqualTo("<urn:uuid:1>");
        assertThat(n.param("audio")).isEmpty();
        assertThat(n.param("video")).isNull();
    }

    @Test
    void parameterNamesAreCaseInsensitive() {
        assertThat(NameAddr.parse("<sip:a@h>;TAG=x").tag()).isEqualTo("x");
    }

    @Test
    void unclosedAngleBracketKeepsTheRest() {
        NameAddr n = NameAddr.parse("\"A\" <sip:a@h;tag=1");
        assertThat(n.uri()).isEqualTo("sip:a@h;tag=1");
        assertThat(n.params()).isEmpty();
    }

    @Test
    void wildcardContact() {
        assertThat(NameAddr.parse("*").uri()).isEqualTo("*");
    }

    @Test
    void fromAndToOfAMessage() {
        SipMessage m = Wire.parse(Wire.OK_200);
        assertThat(m.from().tag()).isEqualTo("1928301774");
        assertThat(m.to().tag()).isEqualTo("a6c85cf");
        assertThat(m.to().displayName()).isEqualTo("Bob");
    }
}
