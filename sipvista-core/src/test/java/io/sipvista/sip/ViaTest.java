package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViaTest {
    @Test
    void typical() {
        Via v = Via.parse("SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport");
        assertThat(v.protocol()).isEqualTo("SIP/2.0");
        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.sentBy()).isEqualTo("pc33.atlanta.example.com:5060");
        assertThat(v.branch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(v.param("rport")).isEmpty();
        assertThat(v.rport()).isEmpty();
        assertThat(v.param("RPORT")).isEmpty();
        assertThat(v.param("received")).isNull();
        assertThat(v.received()).isNull();
    }

    @Test
    void whitespaceAroundSlashes() {
        Via v = Via.parse("SIP / 2.0 / tcp  host.example.com ;branch=z9hG4bKx");
        assertThat(v.protocol()).isEqualTo("SIP/2.0");
        assertThat(v.transport()).isEqualTo("TCP");
        assertThat(v.sentBy()).isEqualTo("host.example.com");
        assertThat(v.branch()).isEqualTo("z9hG4bKx");
    }

    @Test
    void ipv6SentBy() {
        Via v = Via.parse("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3;received=[2001:db8::9:255]");
        assertThat(v.sentBy()).isEqualTo("[2001:db8::9:1]:5060");
        assertThat(v.param("received")).isEqualTo("[2001:db8::9:255]");
        assertThat(v.received()).isEqualTo("[2001:db8::9:255]");
        assertThat(v.param("Received")).isEqualTo("[2001:db8::9:255]");
        assertThat(v.rport()).isNull();
    }

    @Test
    void missingTransportIsEmpty() {
        Via v = Via.parse("SIP/2.0 host");
        assertThat(v.protocol()).isEqualTo("SIP/2.0");
        assertThat(v.transport()).isEmpty();
        assertThat(v.sentBy()).isEqualTo("host");
    }

    @Test
    void garbageDoesNotThrow() {
        Via v = Via.parse(";;=;\"");
        assertThat(v.sentBy()).isEmpty();
    }

    @Test
    void viasOfAMessageTopmostFirst() {
        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP p1:5060;branch=z9hG4bKa, SIP/2.0/TCP p2;branch=z9hG4bKb",
                "v: SIP/2.0/UDP uac;branch=z9hG4bKc", "", ""));
        assertThat(m.vias()).extracting(Via::branch).containsExactly("z9hG4bKa", "z9hG4bKb", "z9hG4bKc");
        assertThat(m.topVia().sentBy()).isEqualTo("p1:5060");
        assertThat(Wire.parse("SIP/2.0 200 OK\r\n\r\n").topVia()).isNull();
    }

    @Test
    void protocolAndKnownTransportsAreSharedStrings() {
        Via a = Via.parse("SIP/2.0/UDP a;branch=z9hG4bK1");
        Via b = Via.parse("sip / 2.0 / udp b;branch=z9hG4bK2");
        assertThat(b.protocol()).isEqualTo("SIP/2.0").isSameAs(a.protocol());
        assertThat(b.transport()).isEqualTo("UDP").isSameAs(a.transport());
        assertThat(Via.parse("SIP/2.0/wss c").transport()).isSameAs(Via.parse("SIP/2.0/WSS d").transport());
        assertThat(Via.parse("SIP/3.0/QUIC e").protocol()).isEqualTo("SIP/3.0");
        assertThat(Via.parse("SIP/3.0/QUIC e").transport()).isEqualTo("QUIC");
    }
}
