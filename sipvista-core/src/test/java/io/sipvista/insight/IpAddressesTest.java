package io.sipvista.insight;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Private and public IPv4 literals for NAT findings, and the address parts the detector reads. */
class IpAddressesTest {
    @Test
    void rfc1918RangesArePrivate() {
        assertThat(IpAddresses.privateV4("10.1.2.3")).isTrue();
        assertThat(IpAddresses.privateV4("172.16.0.1")).isTrue();
        assertThat(IpAddresses.privateV4("172.31.255.255")).isTrue();
        assertThat(IpAddresses.privateV4("192.168.8.53")).isTrue();
    }

    @Test
    void theEdgesOf172Slash12AreNotPrivate() {
        assertThat(IpAddresses.privateV4("172.15.0.1")).isFalse();
        assertThat(IpAddresses.privateV4("172.32.0.1")).isFalse();
    }

    @Test
    void rfc6598SharedSpaceIsPrivate() {
        assertThat(IpAddresses.privateV4("100.64.0.1")).isTrue();
        assertThat(IpAddresses.privateV4("100.127.255.1")).isTrue();
        assertThat(IpAddresses.privateV4("100.128.0.1")).isFalse();
    }

    @Test
    void loopbackLinkLocalMulticastAndPrivateAreNotPublic() {
        assertThat(IpAddresses.publicV4("127.0.0.1")).isFalse();
        assertThat(IpAddresses.publicV4("169.254.1.1")).isFalse();
        assertThat(IpAddresses.publicV4("224.0.0.1")).isFalse();
        assertThat(IpAddresses.publicV4("0.0.0.0")).isFalse();
        assertThat(IpAddresses.publicV4("192.168.1.1")).isFalse();
        assertThat(IpAddresses.publicV4("203.0.113.5")).isTrue();
    }

    @Test
    void namesIpv6AndMalformedLiteralsAreNeither() {
        for (String s : List.of("a.example", "fe80::1", "1.2.3", "1.2.3.256", "", "1..2.3")) {
            assertThat(IpAddresses.privateV4(s)).as(s).isFalse();
            assertThat(IpAddresses.publicV4(s)).as(s).isFalse();
        }
        assertThat(IpAddresses.publicV4(null)).isFalse();
    }

    @Test
    void octetsArePackedBigEndianWithoutAllocatingAndOnlyForFourAsciiParts() {
        assertThat(IpAddresses.octets("192.168.8.53")).isEqualTo(0xC0A80835L);
        assertThat(IpAddresses.octets("255.255.255.255")).isEqualTo(0xFFFFFFFFL);
        assertThat(IpAddresses.octets("01.2.3.4")).isEqualTo(0x01020304L);
        for (String s : List.of("1.2.3.4.", ".1.2.3.4", "1.2.3.4:5060", "0001.2.3.4", "1.2.3.4 ", "1.2.3.\u0664",
                "1.2.3.-4", "256.1.1.1")) {
            assertThat(IpAddresses.octets(s)).as(s).isEqualTo(-1);
        }
    }

    @Test
    void hostOfAnAddressWithPort() {
        assertThat(FindingDetector.host("10.0.0.1:5060")).isEqualTo("10.0.0.1");
        assertThat(FindingDetector.host("[fe80::1]:5060")).isEqualTo("fe80::1");
        assertThat(FindingDetector.host("10.0.0.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void hostOfASipUri() {
        assertThat(FindingDetector.uriHost("sip:alice@192.168.1.2:5060;transport=udp")).isEqualTo("192.168.1.2");
        assertThat(FindingDetector.uriHost("sips:10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(FindingDetector.uriHost("sip:alice@a.example")).isEqualTo("a.example");
        assertThat(FindingDetector.uriHost(null)).isEmpty();
    }

    @Test
    void aFindingWithoutEvidenceIsAProgrammingError() {
        assertThatThrownBy(() -> FindingCatalog.standard().finding("call.busy",
                Map.of("call", "c", "caller", "a", "callee", "b", "code", "486", "reason", "Busy"), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEndpointIsPublicExactlyWhenItsHostAsIpTextReadsItIs() {
        List<String> hosts = List.of("203.0.113.5", "8.8.8.8", "10.1.0.1", "192.168.1.1", "127.0.0.1", "0.0.0.0",
                "224.0.0.1", "1.2.3", "1.2.3.256", "a.example", "", "fe80::1", "[2001:db8::1]", "[2001:db8::1",
                "203.0.113.5 ", "2O3.0.113.5", "203.0.113.5.", "::ffff:203.0.113.5");
        List<String> ports = List.of("", ":5060", ":", ":x", ":5060:1");
        java.util.Random r = new java.util.Random(11);
        List<String> endpoints = new java.util.ArrayList<>();
        for (String h : hosts) {
            for (String p : ports) {
                endpoints.add(h + p);
            }
        }
        String alphabet = "0123456789.:[]a";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(18); n > 0; n--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            endpoints.add(sb.toString());
            endpoints.add(r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256)
                    + (r.nextBoolean() ? ":" + r.nextInt(65536) : ""));
        }
        int publics = 0;
        for (String e : endpoints) {
            boolean expected = IpAddresses.publicV4(io.sipvista.bytes.IpText.host(e));
            assertThat(IpAddresses.publicV4Endpoint(e)).as(e).isEqualTo(expected);
            publics += expected ? 1 : 0;
        }
        assertThat(publics).isGreaterThan(1_000); // the generated dotted quads reach both answers
        assertThat(IpAddresses.publicV4Endpoint(null)).isFalse();
    }
}
