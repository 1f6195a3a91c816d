package io.sipvista.bytes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpTextTest {
    private static byte[] v6(int... words) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (words[i] >>> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return b;
    }

    @Test
    void ipv4DottedQuad() {
        assertThat(IpText.v4(new byte[]{(byte) 192, (byte) 168, 9, (byte) 205}, 0)).isEqualTo("192.168.9.205");
    }

    @Test
    void ipv6CompressesTheLongestZeroRun() {
        assertThat(IpText.v6(v6(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1), 0)).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpText.v6(v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 0)).isEqualTo("2001:db8::1");
        assertThat(IpText.v6(v6(0, 0, 0, 0, 0, 0, 0, 0), 0)).isEqualTo("::");
    }

    @Test
    void ipv6SingleZeroGroupIsNotCompressed() {
        assertThat(IpText.v6(v6(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), 0)).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    @Test
    void ipv6LowerCaseHexWithoutLeadingZeros() {
        assertThat(IpText.v6(v6(0xFE80, 0, 0, 0, 0x0A00, 0x27FF, 0xFE00, 0x0001), 0)).isEqualTo("fe80::a00:27ff:fe00:1");
    }

    @Test
    void ipv4MappedIsShownDotted() {
        assertThat(IpText.v6(v6(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201), 0)).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void firstOfEqualZeroRunsIsCompressed() {
        assertThat(IpText.v6(v6(1, 0, 0, 2, 3, 0, 0, 4), 0)).isEqualTo("1::2:3:0:0:4");
    }
}
