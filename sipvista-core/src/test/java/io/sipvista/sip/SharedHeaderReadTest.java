package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SipMessage#readShared} looks values up by their bytes; what it gives must be what reading the message alone
 * gives, and which values are one object must be what a pool fed the decoded strings (the way it was read before)
 * gives: the same hits, the same values pushed out.
 */
class SharedHeaderReadTest {
    /** Pieces of header values: plain ASCII, UTF-8, bytes that are not UTF-8, NUL, commas, quotes, blanks. */
    private static final byte[][] PIECES = {
        ascii("<sip:alice@a.example>"), ascii("sip:bob@b.example"), ascii(";tag="), ascii(";branch=z9hG4bK"),
        ascii("SIP/2.0/UDP "), ascii("SIP / 2.0 / tcp "), ascii("10.0.0.1:5060"), ascii("\"A, B\" "),
        ascii("\"q\\\"x\" "), ascii(","), ascii(", "), ascii(" ,"), ascii(" "), ascii("\t"), ascii("<"), ascii(">"),
        ascii(";rport"), ascii("x"), ascii("y"), ascii("0"), ascii("\u0000"), ascii("\u007f"),
        "J\u00fcrgen ".getBytes(StandardCharsets.UTF_8), "\u20ac".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xe2, ','}, {(byte) 0xc3, ' '},
        {(byte) 0x80, 'a'}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
    };

    @Test
    void valuesReadByTheirBytesAreWhatReadingThemAloneGivesAndShareAsBefore() {
        Random rnd = new Random(20261201);
        // a few thousand values, more than the pool holds, so that some are found again and some pushed out
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            values.add(value(rnd, i));
        }
        HeaderValuePool pool = new HeaderValuePool();
        HeaderValuePool before = new HeaderValuePool();
        List<Object[]> shared = new ArrayList<>();
        List<Object[]> pooledAsBefore = new ArrayList<>();
        for (int m = 0; m < 12000; m++) {
            byte[] b = message(rnd, values);
            SipMessage viaPool = SipParser.parse(b, 0, b.length);
            SipMessage alone = SipParser.parse(b, 0, b.length);
            viaPool.readShared(pool);
            assertThat(viaPool.from()).isEqualTo(alone.from());
            assertThat(viaPool.to()).isEqualTo(alone.to());
            assertThat(viaPool.topVia()).isEqualTo(alone.topVia());
            assertThat(viaPool.callId()).isEqualTo(alone.callId());
            assertThat(viaPool.requestUri()).isEqualTo(alone.requestUri());
            shared.add(new Object[] {viaPool.from(), viaPool.to(), viaPool.topVia(), viaPool.callId(),
                viaPool.requestUri()});
            pooledAsBefore.add(readAsBefore(alone, before));
        }
        // which messages hold one object for an equal value: the same as with the strings
        for (int k = 0; k < 5; k++) {
            Map<Object, Integer> last = new HashMap<>();
            for (int m = 0; m < shared.size(); m++) {
                Object v = shared.get(m)[k];
                if (v == null) {
                    continue;
                }
                Integer prev = last.put(v, m);
                if (prev != null) {
                    boolean same = shared.get(prev)[k] == v;
                    boolean sameBefore = pooledAsBefore.get(prev)[k] == pooledAsBefore.get(m)[k];
                    assertThat(same).as("value %d of messages %d and %d: %s", k, prev, m, v).isEqualTo(sameBefore);
                }
            }
        }
    }

    @Test
    void anEqualValueWrittenAnotherWayIsTheSameObject() {
        HeaderValuePool pool = new HeaderValuePool();
        SipMessage a = Wire.parse(Wire.crlf("SIP/2.0 200 OK", "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
                "From: <sip:a@h> ;tag=1", "t: <sip:b@h>", "Call-ID: c1", "", ""));
        SipMessage b = Wire.parse(Wire.crlf("SIP/2.0 180 Ringing", "v: SIP/2.0/UDP h;branch=z9hG4bK1, SIP/2.0/UDP g",
                "f: <sip:a@h>", "  ;tag=1", "To:  <sip:b@h>\t", "i: c1", "", ""));
        a.readShared(pool);
        b.readShared(pool);
        assertThat(b.from()).isSameAs(a.from());
        assertThat(b.to()).isSameAs(a.to());
        assertThat(b.topVia()).isSameAs(a.topVia());
        assertThat(b.callId()).isSameAs(a.callId()).isEqualTo("c1");
    }

    @Test
    void valuesThatDifferInOneByteAreNotTakenForEachOther() {
        // values of one length that differ in their first or last byte only (the pool's own table spreads them over
        // its buckets: RecentValuesAsciiTest puts such keys in one bucket)
        HeaderValuePool pool = new HeaderValuePool();
        for (int pass = 0; pass < 2; pass++) {
            for (String prefix : new String[] {"", "c", "<sip:a@h>;tag=", "SIP/2.0/UDP h;branch=z9hG4bK"}) {
                for (char c = '!'; c <= '~'; c++) {
                    if (c == ',') {
                        continue;
                    }
                    for (String v : new String[] {prefix + c, c + prefix}) {
                        SipMessage m = Wire.parse(Wire.crlf("SIP/2.0 200 OK", "Via: " + v, "From: " + v,
                                "To: " + v, "Call-ID: " + v, "", ""));
                        m.readShared(pool);
                        SipMessage alone = Wire.parse(Wire.crlf("SIP/2.0 200 OK", "Via: " + v, "From: " + v,
                                "To: " + v, "Call-ID: " + v, "", ""));
                        assertThat(m.callId()).isEqualTo(v);
                        assertThat(m.from()).isEqualTo(alone.from());
                        assertThat(m.to()).isEqualTo(alone.to());
                        assertThat(m.topVia()).isEqualTo(alone.topVia());
                    }
                }
            }
        }
    }

    /** What readShared gave before values were looked up by their bytes: each decoded, then looked up. */
    private static Object[] readAsBefore(SipMessage m, HeaderValuePool pool) {
        String from = m.header("From");
        String to = m.header("To");
        List<String> vias = m.values("Via");
        String callId = m.header("Call-ID");
        return new Object[] {from == null ? null : pool.nameAddr(from), to == null ? null : pool.nameAddr(to),
            vias.isEmpty() ? null : pool.via(vias.get(0)), callId == null ? null : pool.text(callId),
            m.requestUri() == null ? null : pool.text(m.requestUri())};
    }

    /** A header value: mostly plain ASCII, often with UTF-8, bytes that are not UTF-8, commas or blanks. */
    private static byte[] value(Random rnd, int i) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            return new byte[0];
        }
        if (kind < 6) {
            out.writeBytes(ascii("<sip:u" + i + "@h" + rnd.nextInt(5) + ">;tag=" + Integer.toHexString(i * 7919)));
            return out.toByteArray();
        }
        int n = 1 + rnd.nextInt(6);
        for (int p = 0; p < n; p++) {
            out.writeBytes(PIECES[rnd.nextInt(PIECES.length)]);
        }
        out.writeBytes(ascii(Integer.toString(i % 50)));
        return out.toByteArray();
    }

    /** A message whose From, To, Via and Call-ID lines take values from the list, in various spellings. */
    private static byte[] message(Random rnd, List<byte[]> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(rnd.nextBoolean() ? "SIP/2.0 200 OK\r\n" : "INVITE sip:x" + rnd.nextInt(20) + " SIP/2.0\r\n"));
        String[][] names = {{"From", "f", "FROM"}, {"To", "t", "tO"}, {"Via", "v", "VIA"}, {"Call-ID", "i", "call-id"}};
        for (int line = 0, lines = 3 + rnd.nextInt(6); line < lines; line++) {
            String[] name = names[rnd.nextInt(names.length)];
            if (rnd.nextInt(8) == 0) {
                out.writeBytes(ascii("X-Other: " + line + "\r\n")); // a line of another name between them
            }
            out.writeBytes(ascii(name[rnd.nextInt(name.length)] + ":" + (rnd.nextInt(4) == 0 ? "\t " : " ")));
            // a small part of the list often, so that values come again
            byte[] v = values.get(rnd.nextInt(4) == 0 ? rnd.nextInt(values.size()) : rnd.nextInt(300));
            if (rnd.nextInt(6) == 0 && v.length > 2) {
                // folded over two lines at some point
                int at = 1 + rnd.nextInt(v.length - 1);
                out.write(v, 0, at);
                out.writeBytes(ascii(rnd.nextBoolean() ? "\r\n " : "\r\n\t  "));
                out.write(v, at, v.length - at);
            } else {
                out.writeBytes(v);
            }
            out.writeBytes(ascii(rnd.nextInt(5) == 0 ? " \r\n" : "\r\n"));
        }
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
