package io.sipvista.sip;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SipStreamFramerTest {
    private static final String MESSAGE = Wire.crlf("MESSAGE sip:b@h SIP/2.0", "Via: SIP/2.0/TCP h;branch=z9hG4bK9",
            "From: <sip:a@h>;tag=1", "To: <sip:b@h>", "Call-ID: m1", "CSeq: 2 MESSAGE", "Content-Type: text/plain",
            "l: 12", "", "hello\r\nworld");

    /** Several messages with bodies, keep-alives between them, bare-LF framing in one. */
    private static final byte[] STREAM = Wire.concat(
            Wire.bytes("\r\n\r\n"),
            Wire.bytes(Wire.INVITE),
            Wire.bytes("\r\n\r\n"),
            Wire.bytes(Wire.OK_200),
            Wire.bytes(Wire.ACK),
            Wire.bytes("\r\n"),
            Wire.bytes(MESSAGE),
            Wire.bytes("SIP/2.0 200 OK\nVia: SIP/2.0/TCP h\nCall-ID: m1\nContent-Length: 3\n\nabc"),
            Wire.bytes("\r\n\r\n\r\n\r\n"),
            Wire.bytes(Wire.REGISTER));

    /** Messages and damage: garbage, a missing and a bad Content-Length, an oversized message. */
    private static final byte[] DAMAGED = Wire.concat(
            Wire.bytes("garbage line\r\n\u0000\u0001\u0002\r\n"),
            Wire.bytes(Wire.ACK),
            Wire.bytes("OPTIONS sip:x SIP/2.0\r\nCall-ID: nolen\r\n\r\n"),
            Wire.bytes("stray body\r\n"),
            Wire.bytes("INFO sip:x SIP/2.0\r\nContent-Length: -5\r\n\r\nbody of bad length\r\n"),
            Wire.bytes(Wire.ACK),
            Wire.bytes("MESSAGE sip:x SIP/2.0\r\nContent-Length: 5000\r\n\r\n" + "z".repeat(300) + "\r\n"),
            Wire.bytes(Wire.REGISTER),
            Wire.bytes("X".repeat(700) + "\r\n"),
            Wire.bytes(Wire.ACK),
            Wire.bytes("tail garbage"));

    private static final SipLimits SMALL = new SipLimits(2048, 512, 64);

    private record Run(List<FramedMessage> messages, List<Anomaly> end) {
        List<String> texts() {
            return messages.stream().map(m -> new String(m.bytes(), StandardCharsets.UTF_8)).toList();
        }

        List<List<Anomaly>> anomalies() {
            return messages.stream().map(FramedMessage::anomalies).toList();
        }
    }

    private static Run feedChunks(SipLimits limits, byte[] b, int... cuts) {
        SipStreamFramer f = new SipStreamFramer(limits);
        List<FramedMessage> out = new ArrayList<>();
        int prev = 0;
        long tag = 1;
        for (int c : cuts) {
            out.addAll(f.feed(b, prev, c - prev, tag++));
            prev = c;
        }
        out.addAll(f.feed(b, prev, b.length - prev, tag));
        return new Run(out, f.flush());
    }

    private static Run oneByteAtATime(SipLimits limits, byte[] b) {
        SipStreamFramer f = new SipStreamFramer(limits);
        List<FramedMessage> out = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            out.addAll(f.feed(b, i, 1, i));
            assertThat(f.pending()).isLessThanOrEqualTo(limits.maxMessageBytes());
        }
        return new Run(out, f.flush());
    }

    private static void assertSame(Run actual, Run expected) {
        assertThat(actual.texts()).isEqualTo(expected.texts());
        assertThat(actual.anomalies()).isEqualTo(expected.anomalies());
        assertThat(actual.end()).isEqualTo(expected.end());
    }

    @Test
    void wholeStreamInOneFeed() {
        Run r = feedChunks(SipLimits.DEFAULT, STREAM);
        assertThat(r.texts()).containsExactly(Wire.INVITE, Wire.OK_200, Wire.ACK, MESSAGE,
                "SIP/2.0 200 OK\nVia: SIP/2.0/TCP h\nCall-ID: m1\nContent-Length: 3\n\nabc", Wire.REGISTER);
        assertThat(r.messages()).allSatisfy(m -> assertThat(m.anomalies()).isEmpty());
        assertThat(r.end()).isEmpty();
    }

    @Test
    void splitAtEveryOffsetGivesTheSameMessages() {
        Run whole = feedChunks(SipLimits.DEFAULT, STREAM);
        for (int i = 0; i <= STREAM.length; i++) {
            assertSame(feedChunks(SipLimits.DEFAULT, STREAM, i), whole);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameMessages() {
        assertSame(oneByteAtATime(SipLimits.DEFAULT, STREAM), feedChunks(SipLimits.DEFAULT, STREAM));
    }

    @Test
    void randomSplitsGiveTheSameMessages() {
        Run whole = feedChunks(SipLimits.DEFAULT, STREAM);
        Random rnd = new Random(5060);
        for (int n = 0; n < 300; n++) {
            assertSame(feedChunks(SipLimits.DEFAULT, STREAM, cuts(rnd, STREAM.length)), whole);
        }
    }

    @Test
    void damagedStreamInOneFeed() {
        Run r = feedChunks(SMALL, DAMAGED);
        assertThat(r.texts()).containsExactly(Wire.ACK,
                "OPTIONS sip:x SIP/2.0\r\nCall-ID: nolen\r\n\r\n",
                "INFO sip:x SIP/2.0\r\nContent-Length: -5\r\n\r\n",
                Wire.ACK, Wire.REGISTER, Wire.ACK);
        assertThat(r.anomalies()).containsExactly(
                List.of(Anomaly.of("sip.stream.garbage", "19 bytes that do not begin a SIP message skipped")),
                List.of(Anomaly.of("sip.content_length.missing",
                        "an OPTIONS on a stream has no Content-Length; body taken as empty")),
                List.of(Anomaly.of("sip.stream.garbage", "12 bytes that do not begin a SIP message skipped"),
                        Anomaly.of("sip.content_length.invalid", "\"-5\" is not a byte count")),
                List.of(Anomaly.of("sip.stream.resync", "20 bytes skipped to reach the next SIP start line")),
                List.of(Anomaly.of("sip.message.too_large", "a MESSAGE: 47 header bytes and Content-Length 5000"
                                + " exceed 2048 bytes; dropped"),
                        Anomaly.of("sip.stream.resync", "302 bytes skipped to reach the next SIP start line")),
                List.of(Anomaly.of("sip.stream.garbage", "702 bytes that do not begin a SIP message skipped")));
        assertThat(r.end()).containsExactly(
                Anomaly.of("sip.stream.incomplete", "stream ends inside 12 bytes of an incomplete start line"));
    }

    @Test
    void damagedStreamSplitAtEveryOffset() {
        Run whole = feedChunks(SMALL, DAMAGED);
        for (int i = 0; i <= DAMAGED.length; i++) {
            assertSame(feedChunks(SMALL, DAMAGED, i), whole);
        }
    }

    @Test
    void damagedStreamOneByteAtATime() {
        assertSame(oneByteAtATime(SMALL, DAMAGED), feedChunks(SMALL, DAMAGED));
    }

    @Test
    void damagedStreamRandomSplits() {
        Run whole = feedChunks(SMALL, DAMAGED);
        Random rnd = new Random(3261);
        for (int n = 0; n < 300; n++) {
            assertSame(feedChunks(SMALL, DAMAGED, cuts(rnd, DAMAGED.length)), whole);
        }
    }

    @Test
    void framedMessagesParseCleanly() {
        for (FramedMessage m : feedChunks(SipLimits.DEFAULT, STREAM).messages()) {
            SipMessage msg = m.parse();
            assertThat(msg.raw()).isEqualTo(m.bytes());
        }
        SipMessage invite = feedChunks(SipLimits.DEFAULT, STREAM).messages().get(0).parse();
        assertThat(invite.sdpTexts()).containsExactly(Wire.SDP);
        assertThat(invite.anomalies()).isEmpty();
    }

    @Test
    void severalMessagesInOneFeed() {
        byte[] b = Wire.concat(Wire.bytes(Wire.ACK), Wire.bytes(Wire.ACK), Wire.bytes(Wire.ACK));
        List<FramedMessage> out = new SipStreamFramer(SipLimits.DEFAULT).feed(b, 0, b.length, 42);
        assertThat(out).hasSize(3);
        assertThat(out).allSatisfy(m -> {
            assertThat(m.firstTag()).isEqualTo(42);
            assertThat(m.lastTag()).isEqualTo(42);
        });
    }

    @Test
    void messageAcrossFeedsReportsFirstAndLastTag() {
        byte[] b = Wire.bytes(Wire.INVITE);
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        assertThat(f.feed(b, 0, 100, 7)).isEmpty();
        assertThat(f.pending()).isEqualTo(100);
        assertThat(f.feed(b, 100, 300, 8)).isEmpty();
        assertThat(f.pending()).isEqualTo(400);
        List<FramedMessage> out = f.feed(b, 400, b.length - 400, 9);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).firstTag()).isEqualTo(7);
        assertThat(out.get(0).lastTag()).isEqualTo(9);
        assertThat(out.get(0).bytes()).isEqualTo(b);
        assertThat(f.pending()).isZero();
    }

    @Test
    void messageStartingMidSegmentTakesThatSegmentsTag() {
        byte[] a = Wire.bytes(Wire.ACK);
        byte[] inv = Wire.bytes(Wire.INVITE);
        byte[] b = Wire.concat(a, inv);
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        List<FramedMessage> first = f.feed(b, 0, a.length + 10, 3);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).firstTag()).isEqualTo(3);
        List<FramedMessage> second = f.feed(b, a.length + 10, b.length - a.length - 10, 4);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).firstTag()).isEqualTo(3);
        assertThat(second.get(0).lastTag()).isEqualTo(4);
    }

    @Test
    void keepAliveSegmentDoesNotBecomeTheFirstTag() {
        byte[] ka = Wire.bytes("\r\n\r\n");
        byte[] a = Wire.bytes(Wire.ACK);
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        assertThat(f.feed(ka, 0, ka.length, 10)).isEmpty();
        assertThat(f.pending()).isZero();
        List<FramedMessage> out = f.feed(a, 0, a.length, 11);
        assertThat(out).extracting(FramedMessage::firstTag).containsExactly(11L);
        assertThat(out.get(0).anomalies()).isEmpty();
    }

    @Test
    void headersEndingExactlyAtSegmentEndWithEmptyBody() {
        byte[] a = Wire.bytes(Wire.ACK);
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        assertThat(f.feed(a, 0, a.length - 1, 1)).isEmpty();
        List<FramedMessage> out = f.feed(a, a.length - 1, 1, 2);
        assertThat(out).extracting(FramedMessage::lastTag).containsExactly(2L);
    }

    @Test
    void resetMidBodyNamesWhatWasDropped() {
        byte[] inv = Wire.bytes(Wire.INVITE);
        int headerLen = Wire.INVITE.indexOf("\r\n\r\n") + 4;
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        f.feed(inv, 0, headerLen + 50, 1);
        int pending = f.pending();
        assertThat(pending).isEqualTo(headerLen + 50);
        List<Anomaly> a = f.reset("1200 bytes missing");
        assertThat(a).containsExactly(Anomaly.of("sip.stream.gap", "1200 bytes missing: dropped " + pending
                + " bytes of an INVITE, Content-Length " + Wire.SDP.length() + ", 50 body bytes present"));
        assertThat(f.pending()).isZero();
    }

    @Test
    void resetMidHeaders() {
        byte[] ok = Wire.bytes(Wire.OK_200);
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        f.feed(ok, 0, 30, 1);
        assertThat(f.reset("gap")).containsExactly(
                Anomaly.of("sip.stream.gap", "gap: dropped 30 bytes of a 200 response, headers incomplete"));
    }

    @Test
    void resetWithNothingBufferedIsQuiet() {
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        byte[] a = Wire.bytes(Wire.ACK);
        f.feed(a, 0, a.length, 1);
        assertThat(f.reset("gap")).isEmpty();
    }

    @Test
    void afterResetTheNextStartLineIsFound() {
        byte[] inv = Wire.bytes(Wire.INVITE);
        byte[] ack = Wire.bytes(Wire.ACK);
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        f.feed(inv, 0, 200, 1);
        f.reset("gap");
        // the capture resumes in the middle of the INVITE's body, then an ACK follows
        byte[] rest = Wire.concat(Arrays.copyOfRange(inv, inv.length - 40, inv.length), ack);
        List<FramedMessage> out = f.feed(rest, 0, rest.length, 2);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).bytes()).isEqualTo(ack);
        assertThat(out.get(0).anomalies()).containsExactly(
                Anomaly.of("sip.stream.resync", "40 bytes skipped to reach the next SIP start line"));
    }

    @Test
    void afterResetAMessageAtTheSegmentStartIsKept() {
        byte[] inv = Wire.bytes(Wire.INVITE);
        byte[] ack = Wire.bytes(Wire.ACK);
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        f.feed(inv, 0, 200, 1);
        f.reset("gap");
        List<FramedMessage> out = f.feed(ack, 0, ack.length, 2);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).anomalies()).isEmpty();
    }

    @Test
    void flushIncompleteBody() {
        byte[] inv = Wire.bytes(Wire.INVITE);
        int headerLen = Wire.INVITE.indexOf("\r\n\r\n") + 4;
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        f.feed(inv, 0, headerLen + 30, 1);
        assertThat(f.flush()).containsExactly(Anomaly.of("sip.stream.incomplete", "stream ends inside "
                + (headerLen + 30) + " bytes of an INVITE, Content-Length " + Wire.SDP.length()
                + ", 30 body bytes present"));
        assertThat(f.pending()).isZero();
        assertThat(f.flush()).isEmpty();
    }

    @Test
    void flushIncompleteHeaders() {
        byte[] b = Wire.bytes("BYE sip:x SIP/2.0\r\nVia: a\r\n");
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        f.feed(b, 0, b.length, 1);
        assertThat(f.flush()).containsExactly(
                Anomaly.of("sip.stream.incomplete", "stream ends inside 27 bytes of a BYE, headers incomplete"));
    }

    @Test
    void flushIncompleteStartLine() {
        byte[] b = Wire.bytes("BYE sip:x SI");
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        f.feed(b, 0, b.length, 1);
        assertThat(f.flush()).containsExactly(
                Anomaly.of("sip.stream.incomplete", "stream ends inside 12 bytes of an incomplete start line"));
    }

    @Test
    void flushWithNothingPending() {
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        assertThat(f.flush()).isEmpty();
        byte[] ka = Wire.bytes("\r\n\r\n");
        f.feed(ka, 0, ka.length, 1);
        assertThat(f.flush()).isEmpty();
    }

    @Test
    void garbageIsReportedOnTheNextMessage() {
        byte[] b = Wire.concat(Wire.bytes("\u0016\u0003\u0001 TLS-ish\r\n"), Wire.bytes(Wire.ACK));
        List<FramedMessage> out = new SipStreamFramer(SipLimits.DEFAULT).feed(b, 0, b.length, 1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).anomalies()).containsExactly(
                Anomaly.of("sip.stream.garbage", "13 bytes that do not begin a SIP message skipped"));
    }

    @Test
    void binaryGarbageIsNotBuffered() {
        byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) {
            if (junk[i] == '\n') {
                junk[i] = 0;
            }
        }
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        assertThat(f.feed(junk, 0, junk.length, 1)).isEmpty();
        assertThat(f.pending()).isZero();
        assertThat(f.flush()).containsExactly(
                Anomaly.of("sip.stream.garbage", "100000 bytes that do not begin a SIP message skipped"));
    }

    @Test
    void headersTooLarge() {
        SipLimits limits = new SipLimits(4096, 256, 64);
        String big = "OPTIONS sip:x SIP/2.0\r\n" + "X-Pad: " + "p".repeat(400) + "\r\nContent-Length: 0\r\n\r\n";
        String small = "ACK sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        byte[] b = Wire.bytes(big + small);
        Run r = feedChunks(limits, b);
        assertThat(r.texts()).containsExactly(small);
        assertThat(r.anomalies().get(0)).extracting(Anomaly::id)
                .containsExactly("sip.headers.too_large", "sip.stream.resync");
        assertThat(r.anomalies().get(0).get(0).detail())
                .isEqualTo("an OPTIONS: no end of headers within 256 bytes; dropped");
        assertSame(oneByteAtATime(limits, b), r);
    }

    @Test
    void hugeStartLineIsHeadersTooLarge() {
        SipLimits limits = new SipLimits(4096, 256, 64);
        byte[] b = Wire.bytes("INVITE sip:" + "u".repeat(1000) + " SIP/2.0\r\n\r\n");
        Run r = feedChunks(limits, b);
        assertThat(r.messages()).isEmpty();
        assertThat(r.end()).extracting(Anomaly::id).containsExactly("sip.headers.too_large", "sip.stream.resync");
    }

    @Test
    void pendingNeverExceedsTheHeaderLimit() {
        SipLimits limits = new SipLimits(4096, 256, 64);
        byte[] b = Wire.bytes("OPTIONS sip:x SIP/2.0\r\n" + "X-Pad: y\r\n".repeat(200));
        SipStreamFramer f = new SipStreamFramer(limits);
        for (int i = 0; i < b.length; i++) {
            f.feed(b, i, 1, i);
            assertThat(f.pending()).isLessThanOrEqualTo(256);
        }
    }

    @Test
    void messageTooLargeIsDroppedWithoutBufferingTheBody() {
        SipLimits limits = new SipLimits(1024, 512, 64);
        byte[] b = Wire.bytes("MESSAGE sip:x SIP/2.0\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n");
        SipStreamFramer f = new SipStreamFramer(limits);
        assertThat(f.feed(b, 0, b.length, 1)).isEmpty();
        assertThat(f.pending()).isZero();
        assertThat(f.flush()).containsExactly(Anomaly.of("sip.message.too_large",
                "a MESSAGE: 75 header bytes and Content-Length 100000 exceed 1024 bytes; dropped"));
    }

    @Test
    void contentLengthAtTheLimitIsAccepted() {
        SipLimits limits = new SipLimits(1024, 512, 64);
        String head = "MESSAGE sip:x SIP/2.0\r\nContent-Type: text/plain\r\nContent-Length: 946\r\n\r\n";
        byte[] b = Wire.bytes(head + "q".repeat(1024 - head.length()));
        assertThat(b).hasSize(1024);
        List<FramedMessage> out = new SipStreamFramer(limits).feed(b, 0, b.length, 1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).anomalies()).isEmpty();
    }

    @Test
    void missingContentLengthMeansEmptyBody() {
        byte[] b = Wire.bytes("BYE sip:x SIP/2.0\r\nCall-ID: a\r\n\r\n");
        List<FramedMessage> out = new SipStreamFramer(SipLimits.DEFAULT).feed(b, 0, b.length, 1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).bytes()).isEqualTo(b);
        assertThat(out.get(0).anomalies()).extracting(Anomaly::id).containsExactly("sip.content_length.missing");
    }

    @Test
    void nonNumericContentLengthResyncs() {
        byte[] b = Wire.concat(Wire.bytes("INFO sip:x SIP/2.0\r\nl: abc\r\n\r\nSignal=1\r\n"), Wire.bytes(Wire.ACK));
        List<FramedMessage> out = new SipStreamFramer(SipLimits.DEFAULT).feed(b, 0, b.length, 1);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).anomalies()).containsExactly(
                Anomaly.of("sip.content_length.invalid", "\"abc\" is not a byte count"));
        assertThat(out.get(1).bytes()).isEqualTo(Wire.bytes(Wire.ACK));
        assertThat(out.get(1).anomalies()).containsExactly(
                Anomaly.of("sip.stream.resync", "10 bytes skipped to reach the next SIP start line"));
    }

    @Test
    void framerAndParserWordTheBadContentLengthAlike() {
        byte[] b = Wire.bytes("INFO sip:x SIP/2.0\r\nContent-Length: 12x\r\n\r\n");
        FramedMessage m = new SipStreamFramer(SipLimits.DEFAULT).feed(b, 0, b.length, 1).get(0);
        assertThat(m.parse().anomalies()).containsAll(m.anomalies());
    }

    @Test
    void bodyContainingAStartLineIsBody() {
        String sipfrag = "SIP/2.0 200 OK\r\n";
        String notify = Wire.crlf("NOTIFY sip:x SIP/2.0", "Event: refer", "Content-Type: message/sipfrag",
                "Content-Length: " + sipfrag.length(), "", sipfrag);
        byte[] b = Wire.concat(Wire.bytes(notify), Wire.bytes(Wire.ACK));
        Run r = feedChunks(SipLimits.DEFAULT, b);
        assertThat(r.texts()).containsExactly(notify, Wire.ACK);
    }

    @Test
    void bareLfStream() {
        byte[] b = Wire.bytes("OPTIONS sip:x SIP/2.0\nContent-Length: 2\n\nhiSIP/2.0 200 OK\nContent-Length: 0\n\n");
        Run r = feedChunks(SipLimits.DEFAULT, b);
        assertThat(r.texts()).containsExactly("OPTIONS sip:x SIP/2.0\nContent-Length: 2\n\nhi",
                "SIP/2.0 200 OK\nContent-Length: 0\n\n");
    }

    @Test
    void feedHonoursOffsetAndLength() {
        byte[] a = Wire.bytes(Wire.ACK);
        byte[] b = Wire.concat(Wire.bytes("xx"), a, Wire.bytes("yy"));
        List<FramedMessage> out = new SipStreamFramer(SipLimits.DEFAULT).feed(b, 2, a.length, 1);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).bytes()).isEqualTo(a);
    }

    @Test
    void emptyFeedDoesNothing() {
        SipStreamFramer f = new SipStreamFramer(SipLimits.DEFAULT);
        assertThat(f.feed(new byte[0], 0, 0, 1)).isEmpty();
        assertThat(f.pending()).isZero();
    }

    private static int[] cuts(Random rnd, int length) {
        int n = rnd.nextInt(12);
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd.nextInt(length + 1);
        }
        Arrays.sort(c);
        return c;
    }
}
