package io.sipvista.sip.sdp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SdpStringsTest {
    private static String offer(String host, int port, String session) {
        return String.join("\r\n",
                "v=0",
                "o=- " + session + " " + session + " IN IP4 " + host,
                "s=-",
                "c=IN IP4 " + host,
                "t=0 0",
                "m=audio " + port + " RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv", "");
    }

    @Test
    void twoBodiesOfOneCaptureShareTheirRepeatedWordsAndLines() {
        SdpStrings pool = new SdpStrings();
        Sdp a = SdpParser.parse(offer("10.0.0.5", 40000, "111"), pool);
        Sdp b = SdpParser.parse(offer("10.0.0.5", 40002, "222"), pool);

        assertThat(b.origin().netType()).isSameAs(a.origin().netType());
        assertThat(b.origin().addrType()).isSameAs(a.origin().addrType());
        assertThat(b.origin().address()).isSameAs(a.origin().address());
        assertThat(b.connection().address()).isSameAs(a.connection().address());
        assertThat(b.sessionName()).isSameAs(a.sessionName());
        SdpMedia ma = a.media().get(0);
        SdpMedia mb = b.media().get(0);
        assertThat(mb.type()).isSameAs(ma.type());
        assertThat(mb.protocol()).isSameAs(ma.protocol());
        for (int i = 0; i < 3; i++) {
            assertThat(mb.formats().get(i)).isSameAs(ma.formats().get(i));
        }
        assertThat(mb.rtpmaps().get(101).encoding()).isSameAs(ma.rtpmaps().get(101).encoding());
        assertThat(mb.fmtps().get(101)).isSameAs(ma.fmtps().get(101));
        // the same line in the same place is one object; lines that differ stay apart
        assertThat(b.lines().get(6)).isSameAs(a.lines().get(6)); // a=rtpmap:0 PCMU/8000
        assertThat(b.lines().get(5)).isNotSameAs(a.lines().get(5)).isNotEqualTo(a.lines().get(5)); // m= ports differ
        assertThat(mb.attributes().get(0)).isSameAs(ma.attributes().get(0));
    }

    @Test
    void aPooledParseGivesTheSameDescriptionAsAPlainOne() {
        SdpStrings pool = new SdpStrings();
        for (String text : new String[]{offer("10.0.0.5", 40000, "1"), offer("192.0.2.9", 5004, "2"),
                "v=0\r\nbad line\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n", ""}) {
            assertThat(SdpParser.parse(text, pool)).isEqualTo(SdpParser.parse(text));
        }
    }

    @Test
    void thePoolIsBoundedAndLongValuesAreNotPooled() {
        SdpStrings pool = new SdpStrings();
        String first = new String("sendrecv");
        assertThat(pool.share(first)).isSameAs(first);
        assertThat(pool.share(new String("sendrecv"))).isSameAs(first);
        // many other values later, the table has forgotten it: it holds at most SLOTS strings
        for (int i = 0; i < SdpStrings.SLOTS * 8; i++) {
            pool.share("v" + i);
        }
        String again = new String("sendrecv");
        assertThat(pool.share(again)).isSameAs(again);
        String longValue = "x".repeat(SdpStrings.MAX_LENGTH + 1);
        pool.share(longValue);
        String copy = new String(longValue);
        assertThat(pool.share(copy)).isSameAs(copy);
    }
}
