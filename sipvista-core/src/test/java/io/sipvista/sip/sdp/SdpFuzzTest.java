package io.sipvista.sip.sdp;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.anomaly.AnomalyCatalog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated input never makes the parser throw, and the result keeps its promises: every line is there in
 * order and as written, line numbers run 1..n, every anomaly id is in the catalog, numbers stay in range.
 */
class SdpFuzzTest {
    private static final List<String> SEEDS = List.of(Samples.POLYCOM, Samples.BROADWORKS_REOFFER, Samples.WEBRTC,
            Samples.SDES, Samples.T38);
    private static final String[] TOKENS = {"=", ":", "/", " ", "\t", "\r", "\n", "\r\n", "a=", "m=", "c=", "o=",
        "t=", "v=", "b=", "k=", "a=rtpmap:", "a=fmtp:", "a=crypto:", "a=candidate:", "a=rtcp:", "typ", "raddr",
        "rport", "inline:", "|", ";", "IP4", "IP6", "::", "0.0.0.0", "999999999999999999999", "-1", "65536", "127",
        "128", "96", "\u0000", "\uFFFD", "é", "☎", "*", "sendonly", "a=inactive"};
    private static final String ALPHABET = "av=omscbtkrzeipu0123456789:/ .-\r\n\tIPNRTPAVPudptl*|;";

    @Test
    void mutatedDescriptionsNeverThrow() {
        Random r = new Random(0x5D9_2024L);
        for (int i = 0; i < 3000; i++) {
            String text = mutate(SEEDS.get(r.nextInt(SEEDS.size())), r, 1 + r.nextInt(6));
            Sdp s = SdpParser.parse(text);
            check(text, s);
        }
    }

    @Test
    void mutatedBytesNeverThrow() {
        Random r = new Random(0xB17E5L);
        for (int i = 0; i < 1500; i++) {
            byte[] b = SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
            int flips = 1 + r.nextInt(8);
            for (int f = 0; f < flips; f++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            int off = r.nextInt(b.length / 4 + 1);
            int len = r.nextInt(b.length - off + 1);
            Sdp s = SdpParser.parse(b, off, len);
            check(new String(b, off, len, StandardCharsets.UTF_8), s);
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(42);
        for (int i = 0; i < 1500; i++) {
            byte[] b = new byte[r.nextInt(400)];
            for (int j = 0; j < b.length; j++) {
                b[j] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : (byte) ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            }
            Sdp s = SdpParser.parse(b, 0, b.length);
            check(new String(b, StandardCharsets.UTF_8), s);
        }
    }

    @Test
    void everyPrefixOfADescriptionParses() {
        String text = Samples.WEBRTC;
        for (int cut = 0; cut <= text.length(); cut++) {
            String prefix = text.substring(0, cut);
            check(prefix, SdpParser.parse(prefix));
        }
    }

    private static String mutate(String seed, Random r, int times) {
        StringBuilder sb = new StringBuilder(seed);
        for (int t = 0; t < times; t++) {
            int n = sb.length();
            int at = n == 0 ? 0 : r.nextInt(n);
            switch (r.nextInt(7)) {
                case 0 -> {
                    if (n > 0) {
                        sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                    }
                }
                case 1 -> sb.delete(at, Math.min(n, at + 1 + r.nextInt(20)));
                case 2 -> sb.insert(at, sb.substring(at, Math.min(n, at + 1 + r.nextInt(40))));
                case 3 -> sb.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 4 -> sb.setLength(at);
                case 5 -> {
                    List<String> lines = new ArrayList<>(Arrays.asList(sb.toString().split("\r\n", -1)));
                    if (lines.size() > 1) {
                        java.util.Collections.swap(lines, r.nextInt(lines.size()), r.nextInt(lines.size()));
                    }
                    sb.setLength(0);
                    sb.append(String.join("\r\n", lines));
                }
                default -> sb.insert(at, (char) r.nextInt(0x3000));
            }
        }
        return sb.toString();
    }

    /** The promises every result keeps, whatever the input. */
    private static void check(String input, Sdp s) {
        int from = 0;
        for (int i = 0; i < s.lines().size(); i++) {
            Sdp.Line l = s.lines().get(i);
            assertThat(l.number()).isEqualTo(i + 1);
            String written = l.typed() ? l.type() + "=" + l.value() : l.value();
            int at = input.indexOf(written, from);
            assertThat(at).as("line %d %s kept as written in %s", l.number(), written, input).isGreaterThanOrEqualTo(0);
            from = at + written.length();
            assertThat(l.toString()).isNotNull();
        }
        for (Anomaly a : s.anomalies()) {
            assertThat(AnomalyCatalog.standard().contains(a.id())).as(a.id()).isTrue();
        }
        for (SdpMedia m : s.media()) {
            assertThat(m.port()).isBetween(-1, 65535);
            assertThat(m.portCount()).isGreaterThanOrEqualTo(1);
            assertThat(m.codecNames()).hasSameSizeAs(m.formats());
            assertThat(m.effectiveDirection()).isIn("sendrecv", "sendonly", "recvonly", "inactive");
            assertThat(m.toString()).isNotNull();
            m.held();
            m.mid();
            for (Crypto c : m.crypto()) {
                String key = c.keyParams().substring(c.keyParams().indexOf(':') + 1).split("\\|")[0];
                if (key.length() >= 8) {
                    assertThat(c.redacted()).doesNotContain(key);
                }
                assertThat(c.redacted()).doesNotContain("PS1uQCVe").doesNotContain("NzB4d1BI");
            }
        }
        assertThat(s.toString()).isNotNull();
    }
}
