package io.sipvista.testkit;

import static io.sipvista.testkit.WireCheck.u16;
import static io.sipvista.testkit.WireCheck.u32;
import static io.sipvista.testkit.WireCheck.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TcpSegmentTest {
    private static final byte[] SIP = "OPTIONS sip:a@b SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void ipv4SegmentHasFieldsAndCorrectChecksums() {
        byte[] ip = TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 5060)
                .seq(0xfffffff0L).ack(77).flags(TcpSegment.PSH | TcpSegment.ACK).window(512).payload(SIP)
                .ipId(9).ipv4();
        assertThat(u8(ip, 9)).isEqualTo(6);
        assertThat(u16(ip, 4)).isEqualTo(9);
        assertThat(u16(ip, 20)).isEqualTo(40000);
        assertThat(u16(ip, 22)).isEqualTo(5060);
        assertThat(u32(ip, 24)).isEqualTo(0xfffffff0L);
        assertThat(u32(ip, 28)).isEqualTo(77);
        assertThat(u8(ip, 32) >> 4).isEqualTo(5);
        assertThat(u8(ip, 33)).isEqualTo(0x18);
        assertThat(u16(ip, 34)).isEqualTo(512);
        assertThat(WireCheck.slice(ip, 40, ip.length)).isEqualTo(SIP);
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isTrue();
        assertThat(WireCheck.ipv4TransportOk(ip, 0)).isTrue();
    }

    @Test
    void synWithMssOptionGrowsTheDataOffset() {
        byte[] ip = TcpSegment.from("10.0.0.1", 1).to("10.0.0.2", 2).flags(TcpSegment.SYN)
                .options(new byte[] {2, 4, 5, (byte) 0xb4, 1}).ipv4();
        assertThat(u8(ip, 32) >> 4).isEqualTo(7);
        assertThat(u8(ip, 33)).isEqualTo(0x02);
        assertThat(ip).hasSize(20 + 28);
        assertThat(WireCheck.ipv4TransportOk(ip, 0)).isTrue();
    }

    @Test
    void ipv6SegmentChecksumUsesTheIpv6PseudoHeader() {
        byte[] ip = TcpSegment.from("2001:db8::1", 5061).to("2001:db8::2", 5061)
                .flags(TcpSegment.FIN | TcpSegment.ACK).payload(SIP).ipv6();
        assertThat(u8(ip, 6)).isEqualTo(6);
        assertThat(u8(ip, 40 + 13)).isEqualTo(0x11);
        assertThat(WireCheck.ipv6TransportOk(ip, 0, 40, 6)).isTrue();
    }

    @Test
    void badChecksumIsWrongOnPurpose() {
        byte[] ip = TcpSegment.from("10.0.0.1", 1).to("10.0.0.2", 2).flags(TcpSegment.RST).badChecksum().ipv4();
        assertThat(WireCheck.ipv4TransportOk(ip, 0)).isFalse();
    }

    @Test
    void missingDestinationIsAProgrammingError() {
        assertThatThrownBy(() -> TcpSegment.from("10.0.0.1", 1).ipv4()).isInstanceOf(IllegalStateException.class);
    }
}
