package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DhcpLabelTest {
    static ByteWriter bootp(int op, String yiaddr) {
        ByteWriter w = new ByteWriter().u8(op).u8(1).u8(6).u8(0).u32(0x3903f326L).u16(0).u16(0x8000)
                .zeros(4).hex(yiaddr).zeros(8)
                .hex("00 0b 82 01 fc 42").zeros(10).zeros(64).zeros(128);
        return w;
    }

    private static Label udp(byte[] b, int src, int dst) {
        return UdpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    @Test
    void discoverNamesTheClientMac() {
        byte[] b = bootp(1, "00000000").u32(0x63825363L).hex("35 01 01").hex("32 04 00 00 00 00").hex("37 03 01 03 06")
                .u8(255).build();
        Label l = udp(b, 68, 67);
        assertThat(l.protocol()).isEqualTo("dhcp");
        assertThat(l.text()).isEqualTo("DHCP Discover from 00:0b:82:01:fc:42, transaction 0x3903f326");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void ackWithLeaseSipServerAndTftpServer() {
        ByteWriter w = bootp(2, "c0 a8 00 0a").u32(0x63825363L).hex("35 01 05").hex("36 04 c0 a8 00 01")
                .hex("33 04 00 00 0e 10");
        w.u8(120).u8(1 + 17).u8(0).dnsName("sip.example.com");
        w.u8(66).u8(16).ascii("tftp.example.com").u8(255);
        Label l = udp(w.build(), 67, 68);
        assertThat(l.text()).isEqualTo("DHCP ACK 192.168.0.10 to 00:0b:82:01:fc:42, server 192.168.0.1, lease 3600 s, "
                + "transaction 0x3903f326, SIP server sip.example.com, TFTP server tftp.example.com");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void sipServerOptionWithAddresses() {
        ByteWriter w = bootp(2, "c0 a8 00 0a").u32(0x63825363L).hex("35 01 02").hex("78 09 01 0a 00 00 05 0a 00 00 06")
                .u8(255);
        assertThat(udp(w.build(), 67, 68).text()).isEqualTo("DHCP Offer 192.168.0.10 to 00:0b:82:01:fc:42, "
                + "transaction 0x3903f326, SIP server 10.0.0.5 (+1 more)");
    }

    @Test
    void requestNamesTheRequestedAddress() {
        byte[] b = bootp(1, "00000000").u32(0x63825363L).hex("35 01 03 32 04 c0 a8 00 0a 36 04 c0 a8 00 01 0c 06")
                .ascii("phone1").u8(255).build();
        assertThat(udp(b, 68, 67).text()).isEqualTo("DHCP Request 192.168.0.10 from 00:0b:82:01:fc:42, "
                + "server 192.168.0.1, transaction 0x3903f326, host \"phone1\"");
    }

    @Test
    void withoutMagicCookieItIsBootp() {
        byte[] b = bootp(1, "00000000").zeros(64).build();
        assertThat(udp(b, 68, 67).text()).isEqualTo("BOOTP request from 00:0b:82:01:fc:42, transaction 0x3903f326");
    }

    @Test
    void optionRunningPastTheEnd() {
        byte[] b = bootp(1, "00000000").u32(0x63825363L).hex("35 01 01 0c 20 41 42").build();
        Label l = udp(b, 68, 67);
        assertThat(l.text()).startsWith("DHCP Discover from 00:0b:82:01:fc:42");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dhcp.option.invalid");
    }

    @Test
    void missingMessageType() {
        byte[] b = bootp(1, "00000000").u32(0x63825363L).u8(255).build();
        Label l = udp(b, 68, 67);
        assertThat(l.text()).startsWith("DHCP request from 00:0b:82:01:fc:42");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dhcp.no_message_type");
    }

    @Test
    void cutShortBeforeTheFixedPartEnds() {
        byte[] b = Arrays.copyOf(bootp(1, "00000000").build(), 100);
        Label l = udp(b, 68, 67);
        assertThat(l.text()).isEqualTo("DHCP/BOOTP request, cut short");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.dhcp.truncated");
    }

    @Test
    void dhcpv6SolicitNamesTypeAndTransaction() {
        byte[] b = new ByteWriter().u8(1).u24(0x1a2b3c).u16(8).u16(2).u16(0).build();
        Label l = udp(b, 546, 547);
        assertThat(l.protocol()).isEqualTo("dhcpv6");
        assertThat(l.text()).isEqualTo("DHCPv6 Solicit, transaction 0x1a2b3c");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void dhcpv6ReplyWithSipServerAddress() {
        byte[] b = new ByteWriter().u8(7).u24(0x000001).u16(22).u16(16).hex("20010db8000000000000000000005060").build();
        assertThat(udp(b, 547, 546).text()).isEqualTo("DHCPv6 Reply, transaction 0x000001, SIP server 2001:db8::5060");
    }

    @Test
    void dhcpv6OptionOverrun() {
        byte[] b = new ByteWriter().u8(7).u24(1).u16(22).u16(40).zeros(4).build();
        assertThat(udp(b, 547, 546).anomalies()).extracting(Anomaly::id).containsExactly("label.dhcpv6.truncated");
    }

    @Test
    void dhcpv6RelayForward() {
        byte[] b = new ByteWriter().u8(12).u8(0).hex("20010db8000000000000000000000001")
                .hex("fe800000000000000000000000000002").build();
        assertThat(udp(b, 547, 547).text()).isEqualTo("DHCPv6 Relay-forward, hop 0, peer fe80::2, link 2001:db8::1");
    }
}
