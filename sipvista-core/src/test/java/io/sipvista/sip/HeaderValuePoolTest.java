package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValuePoolTest {
    @Test
    void equalValuesAreReadOnceAndGiveWhatAPlainReadGives() {
        HeaderValuePool pool = new HeaderValuePool();
        String from = "\"Alice\" <sip:alice@a.example>;tag=1928301774";
        NameAddr first = pool.nameAddr(new String(from));
        assertThat(pool.nameAddr(new String(from))).isSameAs(first).isEqualTo(NameAddr.parse(from));
        String via = "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776;rport";
        assertThat(pool.via(new String(via))).isSameAs(pool.via(new String(via))).isEqualTo(Via.parse(via));
        String id = new String("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(pool.text(new String(id))).isSameAs(pool.text(id));
    }

    @Test
    void thePoolForgetsOldValuesAndNeverGrows() {
        HeaderValuePool pool = new HeaderValuePool();
        NameAddr first = pool.nameAddr("<sip:a@h>;tag=1");
        for (int i = 0; i < HeaderValuePool.SLOTS * 8; i++) {
            pool.nameAddr("<sip:u" + i + "@h>;tag=" + i);
        }
        assertThat(pool.nameAddr("<sip:a@h>;tag=1")).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void aMessageReadThroughThePoolGivesTheValuesItGivesAlone() {
        byte[] b = Wire.bytes(Wire.crlf("SIP/2.0 200 OK",
                "Via: SIP/2.0/UDP p1:5060;branch=z9hG4bKa, SIP/2.0/TCP p2;branch=z9hG4bKb",
                "From: <sip:a@h>;tag=1", "t: <sip:b@h>;tag=2", "i: c1@h", "CSeq: 1 INVITE", "", ""));
        SipMessage shared = SipParser.parse(b, 0, b.length);
        shared.readShared(new HeaderValuePool());
        SipMessage alone = SipParser.parse(b, 0, b.length);
        assertThat(shared.from()).isEqualTo(alone.from());
        assertThat(shared.to()).isEqualTo(alone.to());
        assertThat(shared.topVia()).isEqualTo(alone.topVia());
        assertThat(shared.callId()).isEqualTo(alone.callId()).isEqualTo("c1@h");
        SipMessage bare = Wire.parse("OPTIONS sip:x SIP/2.0\r\n\r\n");
        bare.readShared(new HeaderValuePool());
        assertThat(bare.from()).isNull();
        assertThat(bare.topVia()).isNull();
        assertThat(bare.callId()).isNull();
    }

    @Test
    void requestsReadThroughOnePoolShareTheirRequestUri() {
        HeaderValuePool pool = new HeaderValuePool();
        SipMessage a = Wire.parse("REGISTER sip:registrar.example SIP/2.0\r\nCall-ID: r1\r\n\r\n");
        SipMessage b = Wire.parse("REGISTER sip:registrar.example SIP/2.0\r\nCall-ID: r2\r\n\r\n");
        assertThat(b.requestUri()).isNotSameAs(a.requestUri());
        a.readShared(pool);
        b.readShared(pool);
        assertThat(b.requestUri()).isSameAs(a.requestUri()).isEqualTo("sip:registrar.example");
        assertThat(b.callId()).isEqualTo("r2");
    }
}
