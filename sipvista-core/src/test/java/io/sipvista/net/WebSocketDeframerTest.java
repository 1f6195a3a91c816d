package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import static io.sipvista.net.WebSocketBytes.MASK;
import static io.sipvista.net.WebSocketBytes.ascii;
import static io.sipvista.net.WebSocketBytes.concat;
import static io.sipvista.net.WebSocketBytes.frame;
import static io.sipvista.net.WebSocketBytes.maskedText;
import static io.sipvista.net.WebSocketBytes.payload;
import static io.sipvista.net.WebSocketBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

class WebSocketDeframerTest {
    private static final String SIP = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    private final WebSocketDeframer deframer = new WebSocketDeframer();

    private List<WebSocketMessage> feed(byte[] b, long tag) {
        return deframer.feed(b, 0, b.length, tag);
    }

    private static List<String> ids(List<Anomaly> anomalies) {
        return anomalies.stream().map(Anomaly::id).toList();
    }

    /** What a message says, without its tags: the same whatever the split. */
    private static String shape(WebSocketMessage m) {
        return m.opcodeName() + "|" + new String(m.payload(), StandardCharsets.ISO_8859_1) + "|" + m.compressed() + "|"
                + m.anomalies();
    }

    private static List<String> whole(byte[] stream, int max) {
        WebSocketDeframer d = new WebSocketDeframer(max);
        List<String> out = new ArrayList<>();
        d.feed(stream, 0, stream.length, 0).forEach(m -> out.add(shape(m)));
        d.flush().forEach(a -> out.add(a.toString()));
        return out;
    }

    @Test
    void unmaskedTextFrame() {
        List<WebSocketMessage> out = feed(text(SIP), 5);
        assertThat(out).hasSize(1);
        WebSocketMessage m = out.get(0);
        assertThat(m.opcode()).isEqualTo(WebSocketMessage.TEXT);
        assertThat(m.isData()).isTrue();
        assertThat(payload(m)).isEqualTo(SIP);
        assertThat(m.firstTag()).isEqualTo(5);
        assertThat(m.lastTag()).isEqualTo(5);
        assertThat(m.compressed()).isFalse();
        assertThat(m.anomalies()).isEmpty();
    }

    @Test
    void maskedTextFrame() {
        assertThat(payload(feed(maskedText(SIP), 1).get(0))).isEqualTo(SIP);
    }

    @Test
    void binaryFrame() {
        WebSocketMessage m = feed(frame(true, 0, WebSocketMessage.BINARY, MASK, ascii(SIP)), 1).get(0);
        assertThat(m.opcodeName()).isEqualTo("binary");
        assertThat(payload(m)).isEqualTo(SIP);
    }

    @Test
    void sixteenBitLength() {
        String big = "x".repeat(300);
        assertThat(payload(feed(maskedText(big), 1).get(0))).isEqualTo(big);
    }

    @Test
    void sixtyFourBitLength() {
        String big = "y".repeat(70_000);
        byte[] f = text(big);
        assertThat(f[1] & 0x7f).isEqualTo(127);
        assertThat(payload(feed(f, 1).get(0))).isEqualTo(big);
    }

    @Test
    void emptyTextMessage() {
        List<WebSocketMessage> out = feed(text(""), 3);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).payload()).isEmpty();
        assertThat(out.get(0).lastTag()).isEqualTo(3);
    }

    @Test
    void severalFramesInOneSegment() {
        List<WebSocketMessage> out = feed(concat(text("one"), maskedText("two"), text("three")), 1);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("one", "two", "three");
    }

    @Test
    void fragmentedMessageIsJoined() {
        assertThat(feed(frame(false, 0, WebSocketMessage.TEXT, MASK, ascii("OPTIONS ")), 1)).isEmpty();
        assertThat(deframer.pending()).isEqualTo(8);
        assertThat(feed(frame(false, 0, WebSocketMessage.CONTINUATION, MASK, ascii("sip:a@b ")), 2)).isEmpty();
        List<WebSocketMessage> out = feed(frame(true, 0, WebSocketMessage.CONTINUATION, MASK, ascii("SIP/2.0")), 3);
        assertThat(payload(out.get(0))).isEqualTo("OPTIONS sip:a@b SIP/2.0");
        assertThat(out.get(0).opcode()).isEqualTo(WebSocketMessage.TEXT);
        assertThat(out.get(0).firstTag()).isEqualTo(1);
        assertThat(out.get(0).lastTag()).isEqualTo(3);
        assertThat(deframer.pending()).isZero();
    }

    @Test
    void emptyFinalContinuationEndsTheMessage() {
        feed(frame(false, 0, WebSocketMessage.TEXT, null, ascii("abc")), 1);
        List<WebSocketMessage> out = feed(frame(true, 0, WebSocketMessage.CONTINUATION, null, new byte[0]), 2);
        assertThat(payload(out.get(0))).isEqualTo("abc");
    }

    @Test
    void controlFramesBetweenFragmentsComeOutFirst() {
        byte[] stream = concat(frame(false, 0, WebSocketMessage.TEXT, MASK, ascii("ab")),
                frame(true, 0, WebSocketMessage.PING, MASK, ascii("p")),
                frame(true, 0, WebSocketMessage.CONTINUATION, MASK, ascii("cd")));
        List<WebSocketMessage> out = feed(stream, 1);
        assertThat(out).extracting(WebSocketMessage::opcodeName).containsExactly("ping", "text");
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("p", "abcd");
        assertThat(out.get(0).isControl()).isTrue();
        assertThat(out).allSatisfy(m -> assertThat(m.anomalies()).isEmpty());
    }

    @Test
    void closeFrameCarriesItsCode() {
        byte[] close = frame(true, 0, WebSocketMessage.CLOSE, null, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'});
        WebSocketMessage m = feed(close, 1).get(0);
        assertThat(m.opcodeName()).isEqualTo("close");
        assertThat(m.closeCode()).isEqualTo(1000);
        assertThat(feed(frame(true, 0, WebSocketMessage.CLOSE, null, new byte[0]), 2).get(0).closeCode()).isEqualTo(-1);
        assertThat(feed(text("x"), 3).get(0).closeCode()).isEqualTo(-1);
    }

    @Test
    void pongFrame() {
        assertThat(feed(frame(true, 0, WebSocketMessage.PONG, null, new byte[0]), 1).get(0).opcodeName())
                .isEqualTo("pong");
    }

    @Test
    void messageCompletesInTheSegmentOfItsLastByte() {
        byte[] f = maskedText(SIP);
        assertThat(deframer.feed(f, 0, 10, 7)).isEmpty();
        List<WebSocketMessage> out = deframer.feed(f, 10, f.length - 10, 8);
        assertThat(out.get(0).firstTag()).isEqualTo(7);
        assertThat(out.get(0).lastTag()).isEqualTo(8);
    }

    @Test
    void firstTagIsWhereTheHeaderBegins() {
        byte[] f = text(SIP);
        deframer.feed(f, 0, 1, 4);
        List<WebSocketMessage> out = deframer.feed(f, 1, f.length - 1, 5);
        assertThat(out.get(0).firstTag()).isEqualTo(4);
    }

    private static byte[] sampleStream() {
        return concat(maskedText(SIP), frame(false, 0, WebSocketMessage.TEXT, MASK, ascii("x".repeat(200))),
                frame(true, 0, WebSocketMessage.PING, MASK, ascii("ping")),
                frame(true, 0, WebSocketMessage.CONTINUATION, MASK, ascii("tail")), text(""),
                frame(true, 0, 3, null, ascii("reserved")), text("y".repeat(70_000)),
                frame(true, 0, WebSocketMessage.CLOSE, MASK, new byte[] {0x03, (byte) 0xe8}));
    }

    @Test
    void everySplitGivesTheSameMessages() {
        byte[] stream = sampleStream();
        List<String> expected = whole(stream, 1 << 20);
        assertThat(expected).hasSize(6);
        for (int cut = 0; cut <= stream.length; cut += cut < 400 || cut > stream.length - 30 ? 1 : 499) {
            WebSocketDeframer d = new WebSocketDeframer();
            List<String> got = new ArrayList<>();
            d.feed(stream, 0, cut, 1).forEach(m -> got.add(shape(m)));
            d.feed(stream, cut, stream.length - cut, 2).forEach(m -> got.add(shape(m)));
            d.flush().forEach(a -> got.add(a.toString()));
            assertThat(got).as("split at %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameMessages() {
        byte[] stream = sampleStream();
        WebSocketDeframer d = new WebSocketDeframer();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            d.feed(stream, i, 1, i).forEach(m -> got.add(shape(m)));
        }
        d.flush().forEach(a -> got.add(a.toString()));
        assertThat(got).isEqualTo(whole(stream, 1 << 20));
    }

    @Test
    void oneByteAtATimeTagsEachMessageByItsFirstAndLastByte() {
        byte[] stream = concat(text("ab"), maskedText("cd"));
        List<WebSocketMessage> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            out.addAll(deframer.feed(stream, i, 1, i));
        }
        assertThat(out).extracting(WebSocketMessage::firstTag).containsExactly(0L, 4L);
        assertThat(out).extracting(WebSocketMessage::lastTag).containsExactly(3L, (long) stream.length - 1);
    }

    @Test
    void reservedOpcodeIsSkipped() {
        List<WebSocketMessage> out = feed(concat(frame(true, 0, 3, null, ascii("zzz")), text("ok")), 1);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("ok");
        assertThat(ids(out.get(0).anomalies())).containsExactly("websocket.frame.invalid");
        assertThat(out.get(0).anomalies().get(0).detail()).contains("reserved opcode 3");
    }

    @Test
    void continuationWithoutAnOpenMessageIsSkipped() {
        List<WebSocketMessage> out = feed(concat(frame(true, 0, 0, null, ascii("lost")), text("ok")), 1);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("ok");
        assertThat(out.get(0).anomalies().get(0).detail()).contains("continuation frame with no message open");
    }

    @Test
    void newMessageWhileOneIsOpenDropsTheOpenOne() {
        List<WebSocketMessage> out = feed(concat(frame(false, 0, WebSocketMessage.TEXT, null, ascii("half")),
                text("whole")), 1);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("whole");
        assertThat(ids(out.get(0).anomalies())).containsExactly("websocket.frame.invalid");
        assertThat(out.get(0).anomalies().get(0).detail()).contains("its 4 bytes dropped");
    }

    @Test
    void fragmentedControlFrameIsReadAndFlagged() {
        WebSocketMessage m = feed(frame(false, 0, WebSocketMessage.PING, null, ascii("p")), 1).get(0);
        assertThat(payload(m)).isEqualTo("p");
        assertThat(m.anomalies().get(0).detail()).contains("ping frame is fragmented");
    }

    @Test
    void longControlFrameIsReadAndFlagged() {
        WebSocketMessage m = feed(frame(true, 0, WebSocketMessage.PONG, null, new byte[200]), 1).get(0);
        assertThat(m.payload()).hasSize(200);
        assertThat(m.anomalies().get(0).detail()).contains("control frames carry at most 125");
    }

    @Test
    void reservedBitsAreFlagged() {
        WebSocketMessage m = feed(frame(true, 2, WebSocketMessage.TEXT, null, ascii("abc")), 1).get(0);
        assertThat(payload(m)).isEqualTo("abc");
        assertThat(ids(m.anomalies())).containsExactly("websocket.frame.invalid");
    }

    @Test
    void lengthNotInShortestFormIsFlaggedAndRead() {
        WebSocketMessage m = feed(frame(true, 0, WebSocketMessage.TEXT, null, ascii("abc"), 16, 3), 1).get(0);
        assertThat(payload(m)).isEqualTo("abc");
        assertThat(m.anomalies().get(0).detail()).contains("shortest form");
        WebSocketMessage m64 = feed(frame(true, 0, WebSocketMessage.TEXT, null, ascii("abc"), 64, 3), 2).get(0);
        assertThat(payload(m64)).isEqualTo("abc");
        assertThat(m64.anomalies().get(0).detail()).contains("64-bit field");
    }

    @Test
    void lengthWithTopBitSetLosesTheFramingUntilASegmentStartsWithAFrame() {
        byte[] bad = frame(true, 0, WebSocketMessage.TEXT, null, ascii("junk"), 64, 0x8000000000000004L);
        assertThat(feed(concat(bad, text("unseen")), 1)).isEmpty();
        assertThat(feed(ascii("no header here"), 2)).isEmpty();
        List<WebSocketMessage> out = feed(text("ok"), 3);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("ok");
        assertThat(ids(out.get(0).anomalies())).containsExactly("websocket.frame.invalid", "websocket.stream.gap");
        assertThat(out.get(0).anomalies().get(1).detail()).contains((4 + 8 + 14) + " bytes skipped");
    }

    @Test
    void tooLargeMessageIsSkippedAndTheFramingKept() {
        WebSocketDeframer small = new WebSocketDeframer(10);
        byte[] stream = concat(maskedText("x".repeat(20)), maskedText("ok"));
        List<WebSocketMessage> out = small.feed(stream, 0, stream.length, 1);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("ok");
        assertThat(ids(out.get(0).anomalies())).containsExactly("websocket.message.too_large");
        assertThat(small.pending()).isZero();
    }

    @Test
    void tooLargeFragmentedMessageIsSkipped() {
        WebSocketDeframer small = new WebSocketDeframer(10);
        byte[] stream = concat(frame(false, 0, WebSocketMessage.TEXT, null, ascii("123456")),
                frame(false, 0, WebSocketMessage.CONTINUATION, null, ascii("789012")),
                frame(true, 0, WebSocketMessage.CONTINUATION, null, ascii("345")), text("ok"));
        List<WebSocketMessage> out = small.feed(stream, 0, stream.length, 1);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("ok");
        assertThat(ids(out.get(0).anomalies())).containsExactly("websocket.message.too_large");
        assertThat(out.get(0).anomalies().get(0).detail()).contains("text message of 12 bytes");
    }

    @Test
    void bufferGrowsWithTheBytesNotTheAnnouncedLength() {
        byte[] f = text("z".repeat(500_000));
        deframer.feed(f, 0, 100, 1);
        assertThat(deframer.pending()).isLessThan(100);
    }

    @Test
    void gapDropsThePartialMessageAndResynchronises() {
        byte[] f = maskedText(SIP);
        deframer.feed(f, 0, 20, 1);
        List<Anomaly> gap = deframer.reset("bytes missing from the capture");
        assertThat(ids(gap)).containsExactly("websocket.stream.gap");
        assertThat(gap.get(0).detail()).contains("text message");
        assertThat(deframer.pending()).isZero();
        assertThat(deframer.feed(f, 30, 10, 2)).isEmpty();
        List<WebSocketMessage> out = feed(maskedText("ok"), 3);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly("ok");
        assertThat(out.get(0).anomalies()).extracting(Anomaly::detail)
                .containsExactly("10 bytes skipped before the framing resumed");
    }

    @Test
    void afterAGapAHeaderOfTheWrongMaskingIsNotTrusted() {
        feed(maskedText("first"), 1);
        deframer.reset("gap");
        assertThat(feed(text("unmasked"), 2)).isEmpty();
        assertThat(feed(maskedText("masked"), 3)).extracting(WebSocketBytes::payload).containsExactly("masked");
    }

    @Test
    void gapAtAMessageBoundaryIsQuiet() {
        feed(text("a"), 1);
        assertThat(deframer.reset("gap")).isEmpty();
        assertThat(feed(text("b"), 2)).extracting(WebSocketBytes::payload).containsExactly("b");
    }

    @Test
    void flushInsideAMessage() {
        deframer.feed(text(SIP), 0, 10, 1);
        List<Anomaly> end = deframer.flush();
        assertThat(ids(end)).containsExactly("websocket.stream.incomplete");
        assertThat(end.get(0).detail()).contains("text message (8 bytes, " + (SIP.length() - 8) + " more announced)");
        assertThat(deframer.pending()).isZero();
    }

    @Test
    void flushInsideAHeader() {
        deframer.feed(text("abc"), 0, 1, 1);
        assertThat(deframer.flush()).extracting(Anomaly::detail)
                .containsExactly("stream ends inside a frame header (1 of its bytes)");
    }

    @Test
    void flushAtABoundaryIsQuiet() {
        feed(text("a"), 1);
        assertThat(deframer.flush()).isEmpty();
    }

    @Test
    void flushReturnsAnomaliesStillWaiting() {
        feed(frame(true, 0, 4, null, ascii("x")), 1);
        assertThat(ids(deframer.flush())).containsExactly("websocket.frame.invalid");
    }

    private static byte[] deflate(Deflater deflater, String text) {
        deflater.setInput(ascii(text));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        byte[] b = out.toByteArray();
        return Arrays.copyOf(b, b.length - 4); // RFC 7692 §7.2.1: the trailing 00 00 ff ff is removed
    }

    @Test
    void compressedMessagesAreInflatedWithContextTakeover() {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = deflate(deflater, SIP);
        byte[] second = deflate(deflater, SIP + SIP);
        deflater.end();
        List<WebSocketMessage> out = feed(concat(frame(true, 4, WebSocketMessage.TEXT, MASK, first),
                frame(true, 4, WebSocketMessage.TEXT, MASK, second)), 1);
        assertThat(out).extracting(WebSocketBytes::payload).containsExactly(SIP, SIP + SIP);
        assertThat(out).allSatisfy(m -> assertThat(m.compressed()).isTrue());
        assertThat(out).allSatisfy(m -> assertThat(m.anomalies()).isEmpty());
    }

    @Test
    void compressedFragmentedMessageIsInflatedWhole() {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] z = deflate(deflater, SIP);
        deflater.end();
        byte[] stream = concat(frame(false, 4, WebSocketMessage.TEXT, null, Arrays.copyOf(z, 5)),
                frame(true, 0, WebSocketMessage.CONTINUATION, null, Arrays.copyOfRange(z, 5, z.length)));
        assertThat(feed(stream, 1)).extracting(WebSocketBytes::payload).containsExactly(SIP);
    }

    @Test
    void compressedMessageThatCannotBeInflatedIsShownAsSent() {
        byte[] junk = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
        WebSocketMessage m = feed(frame(true, 4, WebSocketMessage.TEXT, null, junk), 1).get(0);
        assertThat(m.payload()).isEqualTo(junk);
        assertThat(ids(m.anomalies())).containsExactly("websocket.deflate.invalid");
    }

    @Test
    void inflatedMessageOverTheLimitIsShownAsSent() {
        WebSocketDeframer small = new WebSocketDeframer(100);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] z = deflate(deflater, "a".repeat(1000));
        deflater.end();
        WebSocketMessage m = small.feed(frame(true, 4, WebSocketMessage.TEXT, null, z), 0, z.length + 2, 1).get(0);
        assertThat(m.payload()).isEqualTo(z);
        assertThat(ids(m.anomalies())).containsExactly("websocket.message.too_large");
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(6455);
        for (int round = 0; round < 3_000; round++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            feedRandomly(junk, random, 64);
        }
    }

    @Test
    void mutatedStreamsNeverThrow() {
        Random random = new Random(7118);
        byte[] seed = concat(maskedText(SIP), frame(false, 4, WebSocketMessage.TEXT, MASK, ascii("abc")),
                frame(true, 0, WebSocketMessage.PING, null, ascii("p")),
                frame(true, 0, WebSocketMessage.CONTINUATION, MASK, ascii("de")), text("x".repeat(130)));
        for (int round = 0; round < 5_000; round++) {
            byte[] s = seed.clone();
            for (int k = random.nextInt(4); k >= 0; k--) {
                s[random.nextInt(s.length)] = (byte) random.nextInt(256);
            }
            feedRandomly(s, random, 100);
        }
    }

    private static void feedRandomly(byte[] stream, Random random, int max) {
        WebSocketDeframer d = new WebSocketDeframer(max);
        int p = 0;
        while (p < stream.length) {
            int n = Math.min(stream.length - p, 1 + random.nextInt(40));
            for (WebSocketMessage m : d.feed(stream, p, n, p)) {
                if (!m.compressed() && m.payload().length > max) {
                    throw new AssertionError("message over the limit: " + m);
                }
            }
            if (d.pending() > max + 14 + 125) {
                throw new AssertionError("pending " + d.pending());
            }
            p += n;
            if (random.nextInt(20) == 0) {
                d.reset("test gap");
            }
        }
        d.flush();
    }
}
