package io.sipvista.testkit;

import static io.sipvista.testkit.WireCheck.slice;
import static io.sipvista.testkit.WireCheck.u16;
import static io.sipvista.testkit.WireCheck.u32;
import static io.sipvista.testkit.WireCheck.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketBuilderTest {
    private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAC1 = {0, 0, 0x5e, 0, 0x53, 1};
    private static final byte[] MAC2 = {0, 0, 0x5e, 0, 0x53, 2};

    @Test
    void ethernetUsesDocumentationMacsFromOneToTwo() {
        byte[] f = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, PAYLOAD);
        assertThat(slice(f, 0, 6)).isEqualTo(MAC2);
        assertThat(slice(f, 6, 12)).isEqualTo(MAC1);
        assertThat(u16(f, 12)).isEqualTo(0x0800);
        assertThat(slice(f, 14, f.length)).isEqualTo(PAYLOAD);
    }

    @Test
    void ethernetWithGivenMacs() {
        byte[] dst = PacketBuilder.mac("ff:ff:ff:ff:ff:ff");
        byte[] f = PacketBuilder.ethernet(dst, MAC1, PacketBuilder.ETH_ARP, PAYLOAD);
        assertThat(slice(f, 0, 6)).containsOnly(0xff);
        assertThat(u16(f, 12)).isEqualTo(0x0806);
    }

    @Test
    void macParsesColonsAndDashesAndRejectsGarbage() {
        assertThat(PacketBuilder.mac("00-04-F2-1a-2b-3c")).containsExactly(0, 4, 0xf2, 0x1a, 0x2b, 0x3c);
        assertThatThrownBy(() -> PacketBuilder.mac("00:04:f2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneVlanIdGivesA8021qTag() {
        byte[] f = PacketBuilder.ethernetVlan(new int[] {100}, PacketBuilder.ETH_IPV6, PAYLOAD);
        assertThat(u16(f, 12)).isEqualTo(0x8100);
        assertThat(u16(f, 14)).isEqualTo(100);
        assertThat(u16(f, 16)).isEqualTo(0x86dd);
        assertThat(slice(f, 18, f.length)).isEqualTo(PAYLOAD);
    }

    @Test
    void twoVlanIdsGiveQinqWithOuter88a8() {
        byte[] f = PacketBuilder.ethernetVlan(new int[] {10, 4095}, PacketBuilder.ETH_IPV4, PAYLOAD);
        assertThat(u16(f, 12)).isEqualTo(0x88a8);
        assertThat(u16(f, 14)).isEqualTo(10);
        assertThat(u16(f, 16)).isEqualTo(0x8100);
        assertThat(u16(f, 18)).isEqualTo(4095);
        assertThat(u16(f, 20)).isEqualTo(0x0800);
    }

    @Test
    void vlanIdAbove4095IsRejected() {
        assertThatThrownBy(() -> PacketBuilder.ethernetVlan(new int[] {4096}, 0x0800, PAYLOAD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linuxCookedV1HeaderIs16Bytes() {
        byte[] f = PacketBuilder.sll(PacketBuilder.ETH_IPV4, PAYLOAD);
        assertThat(f).hasSize(16 + PAYLOAD.length);
        assertThat(u16(f, 0)).isZero();
        assertThat(u16(f, 2)).isEqualTo(1);
        assertThat(u16(f, 4)).isEqualTo(6);
        assertThat(slice(f, 6, 12)).isEqualTo(MAC1);
        assertThat(u16(f, 14)).isEqualTo(0x0800);
    }

    @Test
    void linuxCookedV2HeaderIs20BytesProtocolFirst() {
        byte[] f = PacketBuilder.sll2(PacketBuilder.ETH_IPV6, PAYLOAD);
        assertThat(f).hasSize(20 + PAYLOAD.length);
        assertThat(u16(f, 0)).isEqualTo(0x86dd);
        assertThat(u32(f, 4)).isEqualTo(1);
        assertThat(u16(f, 8)).isEqualTo(1);
        assertThat(u8(f, 10)).isZero();
        assertThat(u8(f, 11)).isEqualTo(6);
        assertThat(slice(f, 12, 18)).isEqualTo(MAC1);
        assertThat(slice(f, 20, f.length)).isEqualTo(PAYLOAD);
    }

    @Test
    void bsdNullFamilyFollowsTheGivenHostOrder() {
        assertThat(slice(PacketBuilder.bsdNull(2, PAYLOAD, false), 0, 4)).containsExactly(2, 0, 0, 0);
        assertThat(slice(PacketBuilder.bsdNull(30, PAYLOAD, true), 0, 4)).containsExactly(0, 0, 0, 30);
    }

    @Test
    void bsdLoopFamilyIsInNetworkOrder() {
        byte[] f = PacketBuilder.bsdLoop(24, PAYLOAD);
        assertThat(slice(f, 0, 4)).containsExactly(0, 0, 0, 24);
        assertThat(slice(f, 4, f.length)).isEqualTo(PAYLOAD);
    }

    @Test
    void ipv4HasDefaultsAndACorrectHeaderChecksum() {
        byte[] ip = PacketBuilder.ipv4("192.168.9.205", "192.168.13.180", 17, PAYLOAD);
        assertThat(u8(ip, 0)).isEqualTo(0x45);
        assertThat(u16(ip, 2)).isEqualTo(20 + PAYLOAD.length);
        assertThat(u8(ip, 8)).isEqualTo(64);
        assertThat(u8(ip, 9)).isEqualTo(17);
        assertThat(slice(ip, 12, 16)).containsExactly(192, 168, 9, 205);
        assertThat(slice(ip, 16, 20)).containsExactly(192, 168, 13, 180);
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isTrue();
    }

    @Test
    void hostNamesAreRejectedRatherThanLookedUp() {
        assertThatThrownBy(() -> PacketBuilder.ipv4("example.com", "10.0.0.1", 17, PAYLOAD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketBuilder.ipv4("10.0.0.256", "10.0.0.1", 17, PAYLOAD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6HasVersionLengthAndNextHeader() {
        byte[] ip = PacketBuilder.ipv6("2001:db8::1", "2001:db8::2", 17, PAYLOAD);
        assertThat(u8(ip, 0) >> 4).isEqualTo(6);
        assertThat(u16(ip, 4)).isEqualTo(PAYLOAD.length);
        assertThat(u8(ip, 6)).isEqualTo(17);
        assertThat(u8(ip, 7)).isEqualTo(64);
        assertThat(u8(ip, 23)).isEqualTo(1);
        assertThat(u8(ip, 39)).isEqualTo(2);
    }

    @Test
    void udp4HasPortsLengthAndCorrectChecksums() {
        byte[] ip = PacketBuilder.udp4("192.168.9.212", 5060, "192.168.13.180", 5060, PAYLOAD);
        assertThat(WireCheck.ipv4HeaderOk(ip, 0)).isTrue();
        assertThat(WireCheck.ipv4TransportOk(ip, 0)).isTrue();
        assertThat(u16(ip, 20)).isEqualTo(5060);
        assertThat(u16(ip, 22)).isEqualTo(5060);
        assertThat(u16(ip, 24)).isEqualTo(8 + PAYLOAD.length);
        assertThat(u16(ip, 26)).isNotZero();
    }

    @Test
    void udp4ChecksumCoversOddLengthPayloads() {
        byte[] ip = PacketBuilder.udp4("10.0.0.1", 1, "10.0.0.2", 2, new byte[] {(byte) 0xff, 1, 2});
        assertThat(WireCheck.ipv4TransportOk(ip, 0)).isTrue();
    }

    @Test
    void udp6HasACorrectChecksum() {
        byte[] ip = PacketBuilder.udp6("2001:db8::a", 5060, "2001:db8::b", 5062, PAYLOAD);
        assertThat(u8(ip, 6)).isEqualTo(17);
        assertThat(WireCheck.ipv6TransportOk(ip, 0, 40, 17)).isTrue();
        assertThat(u16(ip, 40)).isEqualTo(5060);
        assertThat(u16(ip, 42)).isEqualTo(5062);
    }

    @Test
    void udpRejectsMixedAddressFamilies() {
        assertThatThrownBy(() -> PacketBuilder.udp("10.0.0.1", 1, "::1", 2, PAYLOAD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arpRequestAsksForTheTargetWithAZeroTargetMac() {
        byte[] a = PacketBuilder.arpRequest("192.168.9.1", "192.168.9.212");
        assertThat(a).hasSize(28);
        assertThat(u16(a, 0)).isEqualTo(1);
        assertThat(u16(a, 2)).isEqualTo(0x0800);
        assertThat(u8(a, 4)).isEqualTo(6);
        assertThat(u8(a, 5)).isEqualTo(4);
        assertThat(u16(a, 6)).isEqualTo(1);
        assertThat(slice(a, 8, 14)).isEqualTo(MAC1);
        assertThat(slice(a, 14, 18)).containsExactly(192, 168, 9, 1);
        assertThat(slice(a, 18, 24)).containsOnly(0);
        assertThat(slice(a, 24, 28)).containsExactly(192, 168, 9, 212);
    }

    @Test
    void arpReplyAnswersFromMacTwoToMacOne() {
        byte[] a = PacketBuilder.arpReply("192.168.9.212", "192.168.9.1");
        assertThat(u16(a, 6)).isEqualTo(2);
        assertThat(slice(a, 8, 14)).isEqualTo(MAC2);
        assertThat(slice(a, 14, 18)).containsExactly(192, 168, 9, 212);
        assertThat(slice(a, 18, 24)).isEqualTo(MAC1);
    }

    @Test
    void icmp4ChecksumIsCorrect() {
        byte[] m = PacketBuilder.icmp4(8, 0, new byte[] {0, 1, 0, 2, 'a', 'b', 'c'});
        assertThat(u8(m, 0)).isEqualTo(8);
        assertThat(WireCheck.onesSum(m)).isEqualTo(0xffff);
    }

    @Test
    void icmp6ChecksumIncludesThePseudoHeader() {
        byte[] m = PacketBuilder.icmp6("fe80::1", "ff02::1", 128, 0, new byte[] {0, 1, 0, 1});
        byte[] ip = PacketBuilder.ipv6("fe80::1", "ff02::1", 58, m);
        assertThat(WireCheck.ipv6TransportOk(ip, 0, 40, 58)).isTrue();
    }

    @Test
    void rtpHeaderFields() {
        byte[] r = PacketBuilder.rtp(0, 0xfffe, 0xfffffff0L, 0xdeadbeefL, true, new byte[160]);
        assertThat(r).hasSize(172);
        assertThat(u8(r, 0)).isEqualTo(0x80);
        assertThat(u8(r, 1)).isEqualTo(0x80);
        assertThat(u16(r, 2)).isEqualTo(0xfffe);
        assertThat(u32(r, 4)).isEqualTo(0xfffffff0L);
        assertThat(u32(r, 8)).isEqualTo(0xdeadbeefL);
        assertThat(u8(PacketBuilder.rtp(101, 1, 0, 1, false, new byte[4]), 1)).isEqualTo(101);
    }
}
