package io.sipvista.label;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StunLabelTest {
    private static final String TXID = "b7 e7 a7 01 bc 34 d6 86 fa 87 df ae";

    private static Label udp(byte[] b, int src, int dst) {
        return UdpPayloadClassifier.classify(b, 0, b.length, src, dst);
    }

    /** RFC 5769 section 2.2 in spirit: a Binding success response mapping 192.0.2.1:32853. */
    static byte[] bindingResponse() {
        return new ByteWriter().u16(0x0101).u16(12).u32(0x2112A442L).hex(TXID)
                .u16(0x0020).u16(8).hex("00 01 a1 47 e1 12 a6 43").build();
    }

    @Test
    void bindingResponseDecodesXorMappedAddress() {
        Label l = udp(bindingResponse(), 3478, 40000);
        assertThat(l.protocol()).isEqualTo("stun");
        assertThat(l.text()).isEqualTo("STUN Binding success response: XOR-MAPPED-ADDRESS 192.0.2.1:32853");
        assertThat(l.anomalies()).isEmpty();
    }

    @Test
    void stunIsRecognisedOnMediaPortsBeforeRtp() {
        assertThat(udp(bindingResponse(), 40000, 40002).protocol()).isEqualTo("stun");
    }

    @Test
    void bindingRequestWithUserAndIceAttributes() {
        byte[] b = new ByteWriter().u16(0x0001).u16(20).u32(0x2112A442L).hex(TXID)
                .u16(0x0006).u16(9).ascii("abcd:efgh").zeros(3).u16(0x0025).u16(0).build();
        assertThat(udp(b, 40000, 40002).text()).isEqualTo("STUN Binding request: user \"abcd:efgh\", use-candidate");
    }

    @Test
    void ipv6XorMappedAddress() {
        // 2001:db8::1 XOR (cookie || transaction id), port 5060 XOR 0x2112
        byte[] addr = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        byte[] key = new ByteWriter().u32(0x2112A442L).hex(TXID).build();
        byte[] x = new byte[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (byte) (addr[i] ^ key[i]);
        }
        byte[] b = new ByteWriter().u16(0x0101).u16(24).u32(0x2112A442L).hex(TXID)
                .u16(0x0020).u16(20).u8(0).u8(2).u16(5060 ^ 0x2112).bytes(x).build();
        assertThat(udp(b, 3478, 40000).text())
                .isEqualTo("STUN Binding success response: XOR-MAPPED-ADDRESS [2001:db8::1]:5060");
    }

    @Test
    void errorResponseWithCode() {
        byte[] b = new ByteWriter().u16(0x0113).u16(20).u32(0x2112A442L).hex(TXID)
                .u16(0x0009).u16(16).u16(0).u8(4).u8(1).ascii("Unauthorized").build();
        assertThat(udp(b, 3478, 40000).text()).isEqualTo("STUN Allocate error response: 401 Unauthorized");
    }

    @Test
    void allocateSuccessWithRelayedAddressAndLifetime() {
        byte[] b = new ByteWriter().u16(0x0103).u16(20).u32(0x2112A442L).hex(TXID)
                .u16(0x0016).u16(8).hex("00 01 a1 47 e1 12 a6 43").u16(0x000d).u16(4).u32(600).build();
        assertThat(udp(b, 3478, 40000).text()).isEqualTo("STUN Allocate success response: "
                + "XOR-RELAYED-ADDRESS 192.0.2.1:32853, lifetime 600 s");
    }

    @Test
    void messageLongerThanDatagramIsTruncated() {
        byte[] full = bindingResponse();
        byte[] cut = Arrays.copyOf(full, full.length - 4);
        Label l = udp(cut, 3478, 40000);
        assertThat(l.text()).startsWith("STUN Binding success response");
        assertThat(l.anomalies()).extracting(Anomaly::id).containsExactly("label.stun.truncated");
    }

    @Test
    void attributeRunningPastTheMessage() {
        byte[] b = new ByteWriter().u16(0x0101).u16(8).u32(0x2112A442L).hex(TXID).u16(0x0020).u16(40).u32(0).build();
        assertThat(udp(b, 3478, 40000).anomalies()).extracting(Anomaly::id)
                .containsExactly("label.stun.attribute.invalid");
    }

    @Test
    void channelDataCarryingRtp() {
        byte[] rtp = RtpLabelTest.rtp(false, 0, 1, 160, 0x11, 160);
        byte[] b = new ByteWriter().u16(0x4001).u16(rtp.length).bytes(rtp).build();
        Label l = udp(b, 40000, 3478);
        assertThat(l.protocol()).isEqualTo("stun");
        assertThat(l.text()).isEqualTo("TURN ChannelData on channel 0x4001, 172 bytes: RTP PCMU, SSRC 0x00000011, "
                + "seq 1, ts 160, 160 bytes payload");
    }

    @Test
    void stunOverTcpFollowedByAnotherMessage() {
        byte[] one = bindingResponse();
        byte[] b = new ByteWriter().bytes(one).bytes(Arrays.copyOf(one, 10)).build();
        Label l = TcpPayloadClassifier.classify(b, 0, b.length, 3478, 40000);
        assertThat(l.text()).endsWith("(+10 bytes of a further message)");
        assertThat(l.anomalies()).isEmpty();
    }
}
