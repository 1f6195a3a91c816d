package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DnsLabelTest {
    private static Label udp(byte[] b, int src, int dst) {
        return UdpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    static byte[] query(int type, String name) {
        return new ByteWriter().u16(0xbeef).u16(0x0100).u16(1).u16(0).u16(0).u16(0).dnsName(name).u16(type).u16(1).build();
    }

    /** A NAPTR response for example.com with two answers, names compressed against the question at byte 12. */
    static byte[] naptrResponse() {
        ByteWriter w = new ByteWriter().u16(0x1234).u16(0x8180).u16(1).u16(2).u16(0).u16(0)
                .dnsName("example.com").u16(35).u16(1);
        ByteWriter r1 = new ByteWriter().u16(10).u16(100).charString("s").charString("SIPS+D2T").charString("")
                .u8(5).ascii("_sips").u8(4).ascii("_tcp").hex("c0 0c");
        ByteWriter r2 = new ByteWriter().u16(20).u16(100).charString("s").charString("SIP+D2U").charString("")
                .u8(4).ascii("_sip").u8(4).ascii("_udp").hex("c0 0c");
        w.hex("c0 0c").u16(35).u16(1).u32(3600).u16(r1.size()).bytes(r1.build());
        w.hex("c0 0c").u16(35).u16(1).u32(3600).u16(r2.size()).bytes(r2.build());
        return w.build();
    }

    @Test
    void queryForAnAddress() {
        Label l = udp(query(1, "example.com"), 40000, 53);
        assertThat(l.protocol()).isEqualTo("dns");
        assertThat(l.text()).isEqualTo("DNS query A example.com");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void naptrResponseShowsServicesAndReplacements() {
        Label l = udp(naptrResponse(), 53, 40000);
        assertThat(l.text()).isEqualTo("DNS response NAPTR example.com, 2 answers: "
                + "10 100 \"s\" \"SIPS+D2T\" \"\" _sips._tcp.example.com, "
                + "20 100 \"s\" \"SIP+D2U\" \"\" _sip._udp.example.com");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void srvResponseShowsTargetsAndPorts() {
        ByteWriter w = new ByteWriter().u16(7).u16(0x8580).u16(1).u16(2).u16(0).u16(1)
                .dnsName("_sip._udp.example.com").u16(33).u16(1);
        // targets: sip1.example.com, sip2 via pointer to "example.com" at byte 12+5+5 = 22
        ByteWriter t1 = new ByteWriter().u16(10).u16(60).u16(5060).u8(4).ascii("sip1").hex("c0 16");
        ByteWriter t2 = new ByteWriter().u16(20).u16(60).u16(5060).u8(4).ascii("sip2").hex("c0 16");
        w.hex("c0 0c").u16(33).u16(1).u32(300).u16(t1.size()).bytes(t1.build());
        w.hex("c0 0c").u16(33).u16(1).u32(300).u16(t2.size()).bytes(t2.build());
        w.hex("c0 39").u16(1).u16(1).u32(300).u16(4).hex("c0 00 02 0a"); // A for sip1 (its name is at byte 57)
        Label l = udp(w.build(), 53, 40000);
        assertThat(l.text()).isEqualTo("DNS response SRV _sip._udp.example.com, 2 answers: "
                + "10 60 5060 sip1.example.com, 20 60 5060 sip2.example.com");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void nxdomainResponse() {
        byte[] b = new ByteWriter().u16(1).u16(0x8183).u16(1).u16(0).u16(0).u16(0).dnsName("nosuch.example.com")
                .u16(1).u16(1).build();
        assertThat(udp(b, 53, 40000).text()).isEqualTo("DNS response NXDOMAIN for A nosuch.example.com");
    }

    @Test
    void cnameThenAddressAnswers() {
        ByteWriter w = new ByteWriter().u16(1).u16(0x8180).u16(1).u16(2).u16(0).u16(0).dnsName("www.example.com")
                .u16(1).u16(1);
        w.hex("c0 0c").u16(5).u16(1).u32(60).u16(6).u8(3).ascii("web").hex("c0 10");
        w.hex("c0 2d").u16(1).u16(1).u32(60).u16(4).hex("5d b8 d8 22");
        assertThat(udp(w.build(), 53, 40000).text())
                .isEqualTo("DNS response A www.example.com, 2 answers: CNAME web.example.com, 93.184.216.34");
    }

    @Test
    void aaaaAnswerIsWrittenCompressed() {
        ByteWriter w = new ByteWriter().u16(1).u16(0x8180).u16(1).u16(1).u16(0).u16(0).dnsName("v6.example")
                .u16(28).u16(1);
        w.hex("c0 0c").u16(28).u16(1).u32(60).u16(16).hex("20010db8000000000000000000000001");
        assertThat(udp(w.build(), 53, 40000).text()).isEqualTo("DNS response AAAA v6.example, 1 answer: 2001:db8::1");
    }

    @Test
    void noAnswersWithAuthority() {
        ByteWriter w = new ByteWriter().u16(1).u16(0x8180).u16(1).u16(0).u16(1).u16(0).dnsName("example.com")
                .u16(28).u16(1);
        w.hex("c0 0c").u16(6).u16(1).u32(60).u16(2).hex("c0 0c");
        assertThat(udp(w.build(), 53, 40000).text()).isEqualTo("DNS response AAAA example.com, no answers, "
                + "1 authority record");
    }

    @Test
    void selfPointingNameIsALoopNotAHang() {
        byte[] b = new ByteWriter().u16(1).u16(0x0100).u16(1).u16(0).u16(0).u16(0).hex("c0 0c").u16(1).u16(1).build();
        Label l = udp(b, 40000, 53);
        assertThat(l.text()).isEqualTo("DNS query, question unreadable");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dns.name.loop");
    }

    @Test
    void twoPointersPointingAtEachOtherAreALoop() {
        byte[] b = new ByteWriter().u16(1).u16(0x0100).u16(1).u16(0).u16(0).u16(0).hex("c0 0e c0 0c").u16(1).u16(1)
                .build();
        Label l = udp(b, 40000, 53);
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dns.name.loop");
        assertThat(l.anomalies().get(0).detail()).contains("more than 32 compression pointers");
    }

    @Test
    void pointerPastTheEndIsInvalid() {
        byte[] b = new ByteWriter().u16(1).u16(0x0100).u16(1).u16(0).u16(0).u16(0).hex("c1 00").u16(1).u16(1).build();
        assertThat(udp(b, 40000, 53).anomalies()).extracting(Anomaly::id).containsExactly("label.dns.name.invalid");
    }

    @Test
    void answerCountLargerThanTheMessageIsTruncation() {
        byte[] full = naptrResponse();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
        Label l = udp(cut, 53, 40000);
        assertThat(l.text()).startsWith("DNS response NAPTR example.com, 2 answers: 10 100 \"s\" \"SIPS+D2T\"");
        assertThat(l.text()).endsWith(", …");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dns.truncated");
        assertThat(l.anomalies().get(0).detail()).startsWith("answer 2 of 2 (NAPTR) says");
    }

    @Test
    void unreadableAnswersAreSaidSo() {
        byte[] b = new ByteWriter().u16(1).u16(0x8180).u16(1).u16(1).u16(0).u16(0).dnsName("example.com").u16(1).u16(1)
                .hex("80 00").build();
        Label l = udp(b, 53, 40000);
        assertThat(l.text()).isEqualTo("DNS response A example.com, 1 answer (unreadable)");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dns.name.invalid");
    }

    @Test
    void headerOnlyIsTooShort() {
        byte[] b = new byte[7];
        Label l = udp(b, 40000, 53);
        assertThat(l.text()).isEqualTo("DNS, 7 bytes: too short for a message header");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dns.truncated");
    }

    @Test
    void truncatedFlagIsReported() {
        byte[] b = new ByteWriter().u16(1).u16(0x8380).u16(1).u16(0).u16(0).u16(0).dnsName("big.example").u16(35).u16(1)
                .build();
        Label l = udp(b, 53, 40000);
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dns.tc_flag");
    }

    @Test
    void multicastDnsQueryForSipServices() {
        byte[] b = new ByteWriter().u16(0).u16(0).u16(1).u16(0).u16(0).u16(0).dnsName("_sip._udp.local").u16(12)
                .u16(0x8001).build();
        Label l = udp(b, 5353, 5353);
        assertThat(l.protocol()).isEqualTo("mdns");
        assertThat(l.text()).isEqualTo("mDNS query PTR _sip._udp.local");
    }

    @Test
    void multicastDnsAnnouncementWithoutQuestion() {
        ByteWriter w = new ByteWriter().u16(0).u16(0x8400).u16(0).u16(1).u16(0).u16(0);
        w.dnsName("_sip._udp.local").u16(12).u16(1).u32(120).u16(8).u8(5).ascii("phone").hex("c0 0c");
        assertThat(udp(w.build(), 5353, 5353).text())
                .isEqualTo("mDNS response, 1 answer: PTR _sip._udp.local → phone._sip._udp.local");
    }

    @Test
    void dnsOnAnotherPortIsFoundByShape() {
        Label l = udp(query(33, "_sip._tcp.example.com"), 40000, 40002);
        assertThat(l.protocol()).isEqualTo("dns");
        assertThat(l.text()).isEqualTo("DNS query SRV _sip._tcp.example.com");
    }

    @Test
    void shapeDetectionRejectsLeftoverBytes() {
        byte[] q = query(1, "example.com");
        byte[] b = java.util.Arrays.copyOf(q, q.length + 3);
        assertThat(DnsLabeler.strict(b, 0, b.length)).isNull();
    }

    @Test
    void dnsOverTcpWithLengthPrefix() {
        byte[] m = naptrResponse();
        byte[] b = new ByteWriter().u16(m.length).bytes(m).build();
        Label l = TcpPayloadClassifier.classify(b, 0, b.length, 53, 40000);
        assertThat(l.text()).startsWith("DNS over TCP response NAPTR example.com, 2 answers: 10 100");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void dnsOverTcpMessageContinuingLaterIsNotAnAnomaly() {
        byte[] m = naptrResponse();
        byte[] b = new ByteWriter().u16(m.length).bytes(java.util.Arrays.copyOf(m, 40)).build();
        Label l = TcpPayloadClassifier.classify(b, 0, b.length, 53, 40000);
        assertThat(l.text()).startsWith("DNS over TCP response NAPTR example.com")
                .endsWith("(40 of " + m.length + " bytes here, continues in a later segment)");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void escapedLabelCharacters() {
        byte[] b = new ByteWriter().u16(1).u16(0x0100).u16(1).u16(0).u16(0).u16(0).u8(3).hex("61 2e 07").u8(0).u16(1)
                .u16(1).build();
        assertThat(udp(b, 40000, 53).text()).isEqualTo("DNS query A a\\.\\007");
    }
}
