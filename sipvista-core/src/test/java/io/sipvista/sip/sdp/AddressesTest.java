package io.sipvista.sip.sdp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Textual address checks used for o= and c=. */
class AddressesTest {
    @Test
    void dottedQuads() {
        assertThat(Addresses.isIp4("192.168.9.212")).isTrue();
        assertThat(Addresses.isIp4("0.0.0.0")).isTrue();
        assertThat(Addresses.isIp4("255.255.255.255")).isTrue();
    }

    @Test
    void brokenDottedQuads() {
        assertThat(Addresses.isIp4("256.1.1.1")).isFalse();
        assertThat(Addresses.isIp4("1.2.3")).isFalse();
        assertThat(Addresses.isIp4("1.2.3.4.5")).isFalse();
        assertThat(Addresses.isIp4("1..3.4")).isFalse();
        assertThat(Addresses.isIp4("0001.2.3.4")).isFalse();
        assertThat(Addresses.isIp4("+1.2.3.4")).isFalse();
    }

    @Test
    void ipv6Forms() {
        assertThat(Addresses.isIp6("2001:db8::1")).isTrue();
        assertThat(Addresses.isIp6("::")).isTrue();
        assertThat(Addresses.isIp6("::1")).isTrue();
        assertThat(Addresses.isIp6("fe80::")).isTrue();
        assertThat(Addresses.isIp6("FF15::101")).isTrue();
        assertThat(Addresses.isIp6("1:2:3:4:5:6:7:8")).isTrue();
        assertThat(Addresses.isIp6("::ffff:192.0.2.1")).isTrue();
        assertThat(Addresses.isIp6("1:2:3:4:5:6:192.0.2.1")).isTrue();
    }

    @Test
    void brokenIpv6() {
        assertThat(Addresses.isIp6("1:2:3:4:5:6:7")).isFalse();
        assertThat(Addresses.isIp6("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(Addresses.isIp6("1::2::3")).isFalse();
        assertThat(Addresses.isIp6(":::")).isFalse();
        assertThat(Addresses.isIp6("12345::")).isFalse();
        assertThat(Addresses.isIp6("g::1")).isFalse();
        assertThat(Addresses.isIp6("::192.0.2.1:1")).isFalse();
        assertThat(Addresses.isIp6("10.0.0.1")).isFalse();
        assertThat(Addresses.isIp6("1:2:3:4:5:6:7::8")).isFalse();
    }

    @Test
    void hostNames() {
        assertThat(Addresses.isHostName("virtsanity.mtl.broadsoft.com")).isTrue();
        assertThat(Addresses.isHostName("host-1")).isTrue();
        assertThat(Addresses.isHostName("example.com.")).isTrue();
        assertThat(Addresses.isHostName("1f4c2b7e-3d1a-4b8f-9c2e-0a1b2c3d4e5f.local")).isTrue();
    }

    @Test
    void notHostNames() {
        assertThat(Addresses.isHostName("1.2.3")).isFalse();
        assertThat(Addresses.isHostName("")).isFalse();
        assertThat(Addresses.isHostName(".example.com")).isFalse();
        assertThat(Addresses.isHostName("a..b")).isFalse();
        assertThat(Addresses.isHostName("'/**/OR/**/'1'")).isFalse();
    }
}
