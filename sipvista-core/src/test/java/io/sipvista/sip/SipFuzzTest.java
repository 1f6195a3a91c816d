package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.anomaly.AnomalyCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Random and mutated inputs, from fixed seeds: nothing throws, and what comes back is consistent. */
class SipFuzzTest {
    private static final String MULTIPART = Wire.message("INVITE sip:b@h SIP/2.0", List.of(
            "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "From: \"A, B\" <sip:a@h>;tag=1", "To: <sip:b@h>", "Call-ID: c",
            "CSeq: 1 INVITE", "Content-Type: multipart/mixed;boundary=\"bb\""),
            "--bb\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--bb\r\nContent-Type: multipart/mixed; boundary=cc\r\n"
                    + "\r\n--cc\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--cc--\r\n--bb--\r\n");

    private static final List<byte[]> SEEDS = List.of(Wire.bytes(Wire.INVITE), Wire.bytes(Wire.OK_200),
            Wire.bytes(Wire.ACK), Wire.bytes(Wire.REGISTER), Wire.bytes(MULTIPART));

    private static final byte[][] TOKENS = {
        Wire.bytes("\r\n"), Wire.bytes("\n"), Wire.bytes("\r\n\r\n"), Wire.bytes(":"), Wire.bytes("\""),
        Wire.bytes("<"), Wire.bytes(">"), Wire.bytes(","), Wire.bytes(" "), Wire.bytes("\t"), Wire.bytes("--bb"),
        Wire.bytes("--bb--"), Wire.bytes("Content-Length: 99999\r\n"), Wire.bytes("l: -1\r\n"),
        Wire.bytes("c: multipart/mixed\r\n"), Wire.bytes("SIP/2.0 "), Wire.bytes("\u0000"), {(byte) 0xff},
        {(byte) 0xe2, (byte) 0x82}, Wire.bytes("\r\n "),
    };

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(20240617);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[rnd.nextInt(600)];
            rnd.nextBytes(b);
            if (rnd.nextBoolean() && b.length > 10) {
                System.arraycopy(Wire.bytes("SIP/2.0 "), 0, b, 0, 8); // sometimes a plausible start
            }
            exercise(b, rnd);
        }
    }

    @Test
    void randomTextNeverThrows() {
        Random rnd = new Random(3261);
        String alphabet = "INVITESIP/2.0 :;,<>\"\\\r\n\t=-abc123@l";
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[rnd.nextInt(400)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
            }
            exercise(b, rnd);
        }
    }

    @Test
    void mutatedMessagesNeverThrow() {
        Random rnd = new Random(5060);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 4000; i++) {
            byte[] b = SEEDS.get(rnd.nextInt(SEEDS.size()));
            int mutations = 1 + rnd.nextInt(6);
            for (int m = 0; m < mutations; m++) {
                b = mutate(b, rnd);
            }
            exercise(b, rnd);
            SipParser.parse(b, 0, b.length).anomalies().forEach(a -> seen.add(a.id()));
        }
        // the mutations reach the interesting paths, not only the happy one
        assertThat(seen).contains("sip.header.no_colon", "sip.content_length.mismatch", "sip.content_length.invalid",
                "sip.text.bad_utf8", "sip.text.nul", "sip.start_line.invalid", "sip.header.missing",
                "sip.multipart.unterminated", "sip.headers.unterminated");
    }

    @Test
    void mutatedStreamsFrameAlikeWhateverTheSplit() {
        Random rnd = new Random(5626);
        SipLimits limits = new SipLimits(1500, 600, 32);
        for (int i = 0; i < 300; i++) {
            List<byte[]> parts = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                byte[] m = SEEDS.get(rnd.nextInt(SEEDS.size()));
                parts.add(rnd.nextInt(3) == 0 ? mutate(m, rnd) : m);
            }
            byte[] stream = Wire.concat(parts.toArray(new byte[0][]));
            List<Object> whole = frameAll(limits, stream, new int[0]);
            List<Object> bytewise = frameAll(limits, stream, everyOffset(stream.length));
            assertThat(bytewise).as("stream %d", i).isEqualTo(whole);
            for (int s = 0; s < 5; s++) {
                int[] cuts = rnd.ints(rnd.nextInt(8), 0, stream.length + 1).sorted().toArray();
                assertThat(frameAll(limits, stream, cuts)).as("stream %d cuts %s", i, Arrays.toString(cuts))
                        .isEqualTo(whole);
            }
        }
    }

    @Test
    void randomHeaderValuesNeverThrow() {
        Random rnd = new Random(2046);
        String alphabet = "\"\\<>;=,: \tsip@ab/2.0UDP[]";
        for (int i = 0; i < 5000; i++) {
            char[] c = new char[rnd.nextInt(40)];
            for (int k = 0; k < c.length; k++) {
                c[k] = alphabet.charAt(rnd.nextInt(alphabet.length()));
            }
            String v = new String(c);
            NameAddr.parse(v);
            Via.parse(v);
            CSeq.parse(v);
            HeaderValues.split(v);
            MediaType m = MediaType.parse(v);
            if (m != null) {
                m.param("boundary");
            }
        }
    }

    /** Runs every entry point on the bytes and checks the invariants of what comes back. */
    private static void exercise(byte[] b, Random rnd) {
        SipDetector.looksLikeSip(b, 0, b.length);
        checkMessage(SipParser.parse(b, 0, b.length), b);

        SipDatagramFramer.Result r = SipDatagramFramer.frame(b, 0, b.length);
        int last = 0;
        for (SipDatagramFramer.Slice s : r.messages()) {
            if (s.offset() < last || s.length() <= 0 || s.offset() + s.length() > b.length) {
                fail("bad slice " + s + " in " + r.messages());
            }
            last = s.offset() + s.length();
            checkMessage(SipParser.parse(b, s.offset(), s.length()), b);
        }
        checkIds(r.anomalies());

        SipStreamFramer f = new SipStreamFramer(new SipLimits(4096, 1024, 64));
        int p = 0;
        while (p < b.length) {
            int n = Math.min(b.length - p, 1 + rnd.nextInt(64));
            for (FramedMessage m : f.feed(b, p, n, p)) {
                checkIds(m.anomalies());
                checkMessage(m.parse(), m.bytes());
            }
            p += n;
        }
        checkIds(f.flush());
    }

    private static void checkMessage(SipMessage m, byte[] input) {
        // plain checks: this runs tens of thousands of times
        byte[] raw = m.raw();
        byte[] body = m.body();
        if (m.startLine() == null || m.headers() == null || raw.length > input.length || indexOf(input, raw) < 0) {
            fail("raw is not a part of the input: " + m);
        }
        if (!Arrays.equals(Arrays.copyOfRange(raw, raw.length - body.length, raw.length), body)) {
            fail("body is not the end of raw: " + m);
        }
        int line = 0;
        for (SipHeader h : m.headers()) {
            if (h.line() <= line) {
                fail("header lines out of order: " + m.headers());
            }
            line = h.line();
        }
        if (m.isRequest() && (m.method() == null || m.status() != 0)) {
            fail("request without method: " + m);
        }
        m.vias();
        m.from();
        m.to();
        for (String c : m.values("Contact")) {
            NameAddr.parse(c);
        }
        m.header("i");
        m.cseq();
        m.sdpTexts();
        checkIds(m.anomalies());
    }

    private static void checkIds(List<Anomaly> anomalies) {
        for (Anomaly a : anomalies) {
            if (!AnomalyCatalog.standard().contains(a.id())) {
                fail("not in the catalog: " + a.id());
            }
        }
    }

    private static List<Object> frameAll(SipLimits limits, byte[] b, int[] cuts) {
        SipStreamFramer f = new SipStreamFramer(limits);
        List<Object> out = new ArrayList<>();
        int prev = 0;
        for (int c : cuts) {
            f.feed(b, prev, c - prev, 0).forEach(m -> out.add(List.of(Arrays.toString(m.bytes()), m.anomalies())));
            prev = c;
        }
        f.feed(b, prev, b.length - prev, 0).forEach(m -> out.add(List.of(Arrays.toString(m.bytes()), m.anomalies())));
        out.add(f.flush());
        return out;
    }

    private static int[] everyOffset(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i;
        }
        return c;
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        if (b.length == 0) {
            return TOKENS[rnd.nextInt(TOKENS.length)];
        }
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(6)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] = (byte) rnd.nextInt(256);
                return c;
            }
            case 1 -> {
                byte[] t = TOKENS[rnd.nextInt(TOKENS.length)];
                return Wire.concat(Arrays.copyOfRange(b, 0, at), t, Arrays.copyOfRange(b, at, b.length));
            }
            case 2 -> {
                int end = Math.min(b.length, at + 1 + rnd.nextInt(40));
                return Wire.concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, end, b.length));
            }
            case 3 -> {
                return Arrays.copyOf(b, at);
            }
            case 4 -> {
                int end = Math.min(b.length, at + 1 + rnd.nextInt(80));
                return Wire.concat(Arrays.copyOfRange(b, 0, end), Arrays.copyOfRange(b, at, b.length));
            }
            default -> {
                byte[] c = b.clone();
                int i = rnd.nextInt(c.length);
                c[i] = c[i] == '\n' ? (byte) ' ' : (byte) '\n';
                return c;
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        if (needle.length == 0) {
            return 0;
        }
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
