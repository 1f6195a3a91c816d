package io.sipvista.testkit;

import static io.sipvista.testkit.WireCheck.u16;
import static io.sipvista.testkit.WireCheck.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4PacketTest {
    private static final byte[] DATA = new byte[24];

    @Test
    void idTtlAndTosAreWritten() {
        byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 6, DATA).id(0xbeef).ttl(254).tos(0xb8).build();
        assertThat(u16(ip, 4)).isEqualTo(0xbeef);
        assertThat(u8(ip, 8)).isEqualTo(254);
        assertThat(u8(ip, 1)).isEqualTo(0xb8);
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isTrue();
    }

    @Test
    void dontFragmentSetsOnlyTheDfBit() {
        byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, DATA).dontFragment(true).build();
        assertThat(u16(ip, 6)).isEqualTo(0x4000);
    }

    @Test
    void firstFragmentHasMoreFragmentsAndOffsetZero() {
        byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, DATA).fragment(0, true).build();
        assertThat(u16(ip, 6)).isEqualTo(0x2000);
    }

    @Test
    void lastFragmentCarriesOffsetInEightByteUnits() {
        byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, DATA).fragment(1480, false).build();
        assertThat(u16(ip, 6)).isEqualTo(185);
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isTrue();
    }

    @Test
    void fragmentOffsetNotAMultipleOfEightIsRejected() {
        assertThatThrownBy(() -> Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, DATA).fragment(100, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsArePaddedAndCountedInTheHeaderLength() {
        byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, DATA).options(new byte[] {(byte) 0x94, 4, 0}).build();
        assertThat(u8(ip, 0)).isEqualTo(0x46);
        assertThat(u16(ip, 2)).isEqualTo(24 + DATA.length);
        assertThat(u8(ip, 20)).isEqualTo(0x94);
        assertThat(u8(ip, 23)).isZero();
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isTrue();
    }

    @Test
    void totalLengthOverrideLiesButKeepsTheChecksumCorrect() {
        byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, DATA).totalLengthOverride(1000).build();
        assertThat(u16(ip, 2)).isEqualTo(1000);
        assertThat(ip).hasSize(20 + DATA.length);
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isTrue();
    }

    @Test
    void checksumOverrideWritesABadChecksum() {
        byte[] ip = Ipv4Packet.of("10.0.0.1", "10.0.0.2", 17, DATA).checksumOverride(0x1234).build();
        assertThat(u16(ip, 10)).isEqualTo(0x1234);
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isFalse();
    }

    @Test
    void ipv6AddressesAreRejected() {
        assertThatThrownBy(() -> Ipv4Packet.of("::1", "10.0.0.2", 17, DATA))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
