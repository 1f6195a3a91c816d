package io.sipvista.sip.sdp;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser reads {@code a=rtpmap} in place; these tests hold it to the rule it replaced, which split the value
 * into fields and the encoding on slashes (kept here as {@link #splitRule}), over many generated values.
 */
class RtpMapDifferentialTest {
    private static final String HEAD = Samples.sdp("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
            "t=0 0", "m=audio 4000 RTP/AVP 0 8 101");
    private static final String[] PIECES = {"0", "8", "101", "96", "127", "128", "0101", "-1", "x", "", " ", "\t",
        "  ", "/", "//", "PCMU", "opus", "telephone-event", "a b", "(x)", "\u00e9", "8000", "48000", "0", "2",
        "99999999999", "\u0663", "\u000B", "*"};

    /** The rule as it was: fields split on blanks, the encoding part split on slashes. */
    private static RtpMap splitRule(String value) {
        String[] f = Tokens.split(value, 2);
        if (f.length != 2) {
            return null;
        }
        int pt = Tokens.number(f[0], 127);
        String[] enc = f[1].split("/", -1);
        if (pt < 0 || enc.length < 2 || enc.length > 3 || enc[0].isEmpty() || !Tokens.isToken(enc[0])) {
            return null;
        }
        int clock = Tokens.number(enc[1], Integer.MAX_VALUE);
        if (clock <= 0) {
            return null;
        }
        String channels = null;
        if (enc.length == 3) {
            if (Tokens.number(enc[2], Integer.MAX_VALUE) <= 0) {
                return null;
            }
            channels = enc[2];
        }
        return new RtpMap(pt, enc[0], clock, channels);
    }

    private static void same(String value) {
        Sdp sdp = SdpParser.parse(HEAD + "a=rtpmap:" + value + "\r\n");
        String kept = Tokens.stripEnd(value); // as the line keeps it
        RtpMap expected = splitRule(kept);
        Map<Integer, RtpMap> rtpmaps = sdp.media().get(0).rtpmaps();
        assertThat(rtpmaps).as("a=rtpmap:%s", value)
                .isEqualTo(expected == null ? Map.of() : Map.of(expected.payloadType(), expected));
        assertThat(sdp.anomalies()).extracting(Anomaly::id).as("a=rtpmap:%s", value)
                .filteredOn("sdp.rtpmap.invalid"::equals).hasSize(expected == null ? 1 : 0);
        // a payload type claimed but not on the m= line is noted whether or not the rest is valid
        String[] f = Tokens.split(kept, 2);
        int claimed = f.length > 0 ? Tokens.number(f[0], 127) : -1;
        boolean unlisted = claimed >= 0 && claimed != 0 && claimed != 8 && claimed != 101;
        assertThat(sdp.anomalies()).extracting(Anomaly::id).as("a=rtpmap:%s", value)
                .filteredOn("sdp.payload_type.unlisted"::equals).hasSize(unlisted ? 1 : 0);
    }

    @Test
    void generatedValues() {
        Random random = new Random(3551);
        int valid = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextBoolean()) { // mostly the right shape, with pieces swapped in
                sb.append(pick(random, "101")).append(pick(random, " ")).append(pick(random, "opus")).append('/')
                        .append(pick(random, "48000"));
                if (random.nextBoolean()) {
                    sb.append('/').append(pick(random, "2"));
                }
            } else {
                for (int i = random.nextInt(7); i > 0; i--) {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
            }
            String value = sb.toString();
            same(value);
            valid += splitRule(Tokens.stripEnd(value)) != null ? 1 : 0;
        }
        assertThat(valid).as("enough valid values among the generated ones").isGreaterThan(2_000);
    }

    /** Mostly {@code usual}, sometimes another piece or two. */
    private static String pick(Random random, String usual) {
        return random.nextInt(4) != 0 ? usual
                : PIECES[random.nextInt(PIECES.length)] + (random.nextBoolean() ? "" : PIECES[random.nextInt(PIECES.length)]);
    }

    @Test
    void edges() {
        for (String v : new String[] {"", " ", "0", "0 ", "0 PCMU", "0 PCMU/", "0 PCMU/8000", "0 PCMU/8000/",
                "0 PCMU/8000/1", "0 PCMU/8000/1/", "0 /8000", "0  \tPCMU/8000", " 0 PCMU/8000", "0 PCMU/0",
                "0 PCMU/8000/0", "128 PCMU/8000", "0 PC MU/8000", "0 PCMU//8000", "0\u000BPCMU/8000"}) {
            same(v);
        }
    }
}
