package io.sipvista.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link FrameFilter}: request parameters checked and normalised, and the text matches. */
class FrameFilterTest {
    private static FrameFilter of(String... kv) throws FrameFilter.Invalid {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return FrameFilter.of(m);
    }

    @Test
    void emptyParametersAreNoFilter() throws Exception {
        assertThat(of().isEmpty()).isTrue();
        assertThat(of("call", "", "q", "", "method", " ").isEmpty()).isTrue();
    }

    @Test
    void statusCodeOrClass() throws Exception {
        assertThat(of("status", "486").statusLow()).isEqualTo(486);
        assertThat(of("status", "486").statusHigh()).isEqualTo(486);
        assertThat(of("status", "2XX").statusLow()).isEqualTo(200);
        assertThat(of("status", "2xx").statusHigh()).isEqualTo(299);
        assertThatThrownBy(() -> of("status", "700")).isInstanceOf(FrameFilter.Invalid.class).hasMessageContaining("4xx");
        assertThatThrownBy(() -> of("status", "2x")).isInstanceOf(FrameFilter.Invalid.class);
    }

    @Test
    void addressesAreNormalisedAsFramesWriteThem() throws Exception {
        assertThat(of("addr", "10.0.0.1").addrHost()).isEqualTo("10.0.0.1");
        assertThat(of("addr", "010.0.0.1:05060").addrFull()).isEqualTo("10.0.0.1:5060");
        assertThat(of("addr", "2001:DB8:0:0:0:0:0:1").addrHost()).isEqualTo("2001:db8::1");
        assertThat(of("addr", "[2001:db8::1]:5060").addrFull()).isEqualTo("[2001:db8::1]:5060");
        assertThat(of("addr", "[::ffff:10.0.0.1]").addrHost()).isEqualTo("::ffff:10.0.0.1");
    }

    @Test
    void namesAreNeverLookedUp() {
        assertThatThrownBy(() -> of("addr", "example.com")).isInstanceOf(FrameFilter.Invalid.class)
                .hasMessageContaining("not a name");
        assertThatThrownBy(() -> of("addr", "1:2:3")).isInstanceOf(FrameFilter.Invalid.class);
        assertThatThrownBy(() -> of("addr", "[fe80::1%eth0]")).isInstanceOf(FrameFilter.Invalid.class);
    }

    @Test
    void hostOfEachAddressForm() {
        assertThat(FrameFilter.host("10.0.0.1:5060")).isEqualTo("10.0.0.1");
        assertThat(FrameFilter.host("[2001:db8::1]:5060")).isEqualTo("2001:db8::1");
        assertThat(FrameFilter.host("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(FrameFilter.host("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(FrameFilter.host(null)).isNull();
    }

    @Test
    void textSearchIgnoresCaseAsciiAndOtherwise() throws Exception {
        byte[] json = "{\"label\":\"SIP INVITE sip:Ünïcode@Example.com\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(FrameFilter.contains(json, 0, json.length, of("q", "invite SIP:").q())).isTrue();
        assertThat(FrameFilter.contains(json, 0, json.length, of("q", "EXAMPLE.COM\"}").q())).isTrue();
        assertThat(FrameFilter.contains(json, 0, json.length, of("q", "ÜNÏCODE").q())).isTrue();
        assertThat(FrameFilter.contains(json, 0, json.length, of("q", "invites").q())).isFalse();
        assertThat(FrameFilter.contains(json, 5, 10, of("q", "invite").q())).as("only within the range").isFalse();
    }

    @Test
    void methodsAreTokens() throws Exception {
        assertThat(of("method", "invite").method()).isEqualTo("INVITE");
        assertThatThrownBy(() -> of("method", "IN VITE")).isInstanceOf(FrameFilter.Invalid.class);
        assertThatThrownBy(() -> of("call", "call 1")).isInstanceOf(FrameFilter.Invalid.class);
    }
}
