package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The n-th Via of a message read alone equals the n-th of every Via, across lines and comma lists. */
class SipMessageViaTest {
    private static SipMessage request(String... vias) {
        StringBuilder sb = new StringBuilder("INVITE sip:b@h SIP/2.0\r\n");
        for (String v : vias) {
            sb.append("Via: ").append(v).append("\r\n");
        }
        sb.append("From: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        return Wire.parse(sb.toString());
    }

    private static void agreesWithEveryVia(SipMessage m) {
        var all = m.vias();
        for (int n = 0; n < all.size() + 2; n++) {
            Via v = m.via(n);
            if (n < all.size()) {
                assertThat(v).as("via %d", n).isNotNull();
                assertThat(v).isEqualTo(all.get(n));
            } else {
                assertThat(v).as("via %d", n).isNull();
            }
        }
        assertThat(m.topVia()).isEqualTo(all.isEmpty() ? null : all.get(0));
    }

    @Test
    void oneViaPerLine() {
        SipMessage m = request("SIP/2.0/UDP p1:5060;branch=z9hG4bKp1", "SIP/2.0/UDP ua:5062;branch=z9hG4bKua");
        agreesWithEveryVia(m);
        assertThat(m.via(1).branch()).isEqualTo("z9hG4bKua");
    }

    @Test
    void severalViasOnOneLineAndAcrossLines() {
        SipMessage m = request("SIP/2.0/UDP p1;branch=z9hG4bKa , SIP/2.0/TCP p2;branch=z9hG4bKb",
                "SIP/2.0/UDP ua;branch=z9hG4bKc;received=\"x,y\"");
        agreesWithEveryVia(m);
        assertThat(m.via(1).branch()).isEqualTo("z9hG4bKb");
        assertThat(m.via(2).branch()).isEqualTo("z9hG4bKc");
    }

    @Test
    void emptyElementsAndLinesAreSkippedAsEverywhere() {
        SipMessage m = request(",", "SIP/2.0/UDP p1;branch=z9hG4bKa,,", "  ", "SIP/2.0/UDP ua;branch=z9hG4bKc");
        agreesWithEveryVia(m);
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bKa");
        assertThat(m.via(1).branch()).isEqualTo("z9hG4bKc");
    }

    @Test
    void noViaAtAll() {
        agreesWithEveryVia(request());
    }
}
