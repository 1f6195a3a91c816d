package io.sipvista.testkit;

import static io.sipvista.testkit.WireCheck.u16;
import static io.sipvista.testkit.WireCheck.u32;
import static io.sipvista.testkit.WireCheck.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv6PacketTest {
    private static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void withoutExtensionHeadersNextHeaderIsTheUpperLayer() {
        byte[] ip = Ipv6Packet.of("::1", "::2", 17, DATA).hopLimit(1).trafficClass(0xb8).flowLabel(0x12345).build();
        assertThat(u32(ip, 0)).isEqualTo(0x6b812345L);
        assertThat(u16(ip, 4)).isEqualTo(DATA.length);
        assertThat(u8(ip, 6)).isEqualTo(17);
        assertThat(u8(ip, 7)).isEqualTo(1);
    }

    @Test
    void fragmentHeaderCarriesOffsetMoreFlagAndId() {
        byte[] ip = Ipv6Packet.of("2001:db8::1", "2001:db8::2", 17, DATA).fragment(1448, true, 0xcafebabeL).build();
        assertThat(u8(ip, 6)).isEqualTo(44);
        assertThat(u16(ip, 4)).isEqualTo(8 + DATA.length);
        assertThat(u8(ip, 40)).isEqualTo(17);
        assertThat(u8(ip, 41)).isZero();
        assertThat(u16(ip, 42)).isEqualTo(1448 | 1);
        assertThat(u32(ip, 44)).isEqualTo(0xcafebabeL);
        assertThat(WireCheck.slice(ip, 48, ip.length)).isEqualTo(DATA);
    }

    @Test
    void headersChainInRecommendedOrderWhateverTheCallOrder() {
        byte[] ip = Ipv6Packet.of("::1", "::2", 6, DATA)
                .fragment(0, false, 1)
                .routing(0, 1, new byte[20])
                .destinationOptions(new byte[0])
                .hopByHop(new byte[] {5, 2, 0, 0})
                .build();
        int at = 40;
        assertThat(u8(ip, 6)).isEqualTo(0);
        assertThat(u8(ip, at)).isEqualTo(60);
        at += (u8(ip, at + 1) + 1) * 8;
        assertThat(u8(ip, at)).isEqualTo(43);
        at += (u8(ip, at + 1) + 1) * 8;
        assertThat(u8(ip, at)).isEqualTo(44);
        assertThat(u8(ip, at + 2)).isZero();
        assertThat(u8(ip, at + 3)).isEqualTo(1);
        at += (u8(ip, at + 1) + 1) * 8;
        assertThat(u8(ip, at)).isEqualTo(6);
        at += 8;
        assertThat(WireCheck.slice(ip, at, ip.length)).isEqualTo(DATA);
        assertThat(u16(ip, 4)).isEqualTo(ip.length - 40);
    }

    @Test
    void optionHeadersArePaddedWithPadN() {
        byte[] ip = Ipv6Packet.of("::1", "::2", 17, DATA).hopByHop(new byte[] {5, 2, 0, 0}).build();
        assertThat(u8(ip, 41)).isZero();
        assertThat(u8(ip, 46)).isEqualTo(1);
        assertThat(u8(ip, 47)).isZero();
        assertThat(WireCheck.slice(ip, 48, ip.length)).isEqualTo(DATA);
    }

    @Test
    void optionHeadersArePaddedWithPad1WhenOneByteIsMissing() {
        byte[] ip = Ipv6Packet.of("::1", "::2", 17, DATA).destinationOptions(new byte[] {1, 3, 0, 0, 0}).build();
        assertThat(u8(ip, 6)).isEqualTo(60);
        assertThat(u8(ip, 47)).isZero();
        assertThat(WireCheck.slice(ip, 48, ip.length)).isEqualTo(DATA);
    }

    @Test
    void longRoutingHeaderLengthCountsEightByteUnitsBeyondTheFirst() {
        byte[] addresses = new byte[4 + 32];
        byte[] ip = Ipv6Packet.of("::1", "::2", 17, DATA).routing(0, 2, addresses).build();
        assertThat(u8(ip, 41)).isEqualTo(4);
        assertThat(u8(ip, 42)).isZero();
        assertThat(u8(ip, 43)).isEqualTo(2);
        assertThat(WireCheck.slice(ip, 80, ip.length)).isEqualTo(DATA);
    }

    @Test
    void payloadLengthOverrideLies() {
        byte[] ip = Ipv6Packet.of("::1", "::2", 17, DATA).payloadLengthOverride(9999).build();
        assertThat(u16(ip, 4)).isEqualTo(9999);
        assertThat(ip).hasSize(40 + DATA.length);
    }

    @Test
    void ipv4AddressesAreRejected() {
        assertThatThrownBy(() -> Ipv6Packet.of("10.0.0.1", "::2", 17, DATA))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
