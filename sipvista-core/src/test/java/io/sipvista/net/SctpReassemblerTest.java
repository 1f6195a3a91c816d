package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.sipvista.net.SctpBytes.B;
import static io.sipvista.net.SctpBytes.E;
import static io.sipvista.net.SctpBytes.U;
import static io.sipvista.net.SctpBytes.data;
import static io.sipvista.net.SctpBytes.idata;
import static io.sipvista.net.SctpBytes.packet;
import static io.sipvista.net.SctpBytes.sack;
import static io.sipvista.net.SctpBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

class SctpReassemblerTest {
    private static final long SECOND = 1_000_000_000L;
    private final SctpReassembler reassembler = new SctpReassembler();

    private static SctpChunks chunks(long tag, byte[]... chunks) {
        byte[] p = packet(5060, 5060, tag, chunks);
        return SctpChunks.parse(p, 0, p.length);
    }

    private SctpReassembler.Outcome feed(long frame, byte[]... chunks) {
        return reassembler.accept(chunks(7, chunks), frame, frame * SECOND);
    }

    private static List<String> ids(List<Anomaly> anomalies) {
        return anomalies.stream().map(Anomaly::id).toList();
    }

    @Test
    void completeChunkIsDeliveredAtOnce() {
        SctpReassembler.Outcome o = feed(1, data(B | E, 10, 2, 5, 0, "hello".getBytes()));
        assertThat(o.messages()).hasSize(1);
        SctpMessage m = o.messages().get(0);
        assertThat(text(m)).isEqualTo("hello");
        assertThat(m.streamId()).isEqualTo(2);
        assertThat(m.ppid()).isZero();
        assertThat(m.firstTsn()).isEqualTo(10);
        assertThat(m.frames()).containsExactly(1L);
        assertThat(m.cut()).isFalse();
        assertThat(o.anomalies()).isEmpty();
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    void bundledMessagesComeOutInTsnOrder() {
        SctpReassembler.Outcome o = feed(1, data(B | E, 10, 0, 5, "one"), sack(3), data(B | E, 11, 1, 0, "two"));
        assertThat(o.messages()).extracting(SctpBytes::text).containsExactly("one", "two");
    }

    @Test
    void fragmentsAreJoined() {
        assertThat(feed(1, data(B, 10, 0, 5, "INVITE ")).messages()).isEmpty();
        assertThat(reassembler.bufferedBytes()).isEqualTo(7);
        assertThat(feed(2, data(0, 11, 0, 5, "sip:a@b ")).messages()).isEmpty();
        SctpReassembler.Outcome o = feed(3, data(E, 12, 0, 5, "SIP/2.0"));
        assertThat(o.messages()).hasSize(1);
        assertThat(text(o.messages().get(0))).isEqualTo("INVITE sip:a@b SIP/2.0");
        assertThat(o.messages().get(0).frames()).containsExactly(1L, 2L, 3L);
        assertThat(o.messages().get(0).firstTsn()).isEqualTo(10);
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    void fragmentsInOneFrameAreListedOnce() {
        SctpReassembler.Outcome o = feed(4, data(B, 1, 0, 0, "a"), data(E, 2, 0, 0, "b"));
        assertThat(o.messages().get(0).frames()).containsExactly(4L);
    }

    @Test
    void fragmentsArrivingOutOfOrderAreJoined() {
        feed(1, data(E, 12, 0, 5, "c"));
        feed(2, data(B, 10, 0, 5, "a"));
        SctpReassembler.Outcome o = feed(3, data(0, 11, 0, 5, "b"));
        assertThat(text(o.messages().get(0))).isEqualTo("abc");
        assertThat(o.messages().get(0).frames()).containsExactly(2L, 3L, 1L);
    }

    @Test
    void unorderedFragmentsAreJoined() {
        feed(1, data(B | U, 43003199L, 0, 0, "first "));
        SctpReassembler.Outcome o = feed(2, data(E | U, 43003200L, 0, 0, "last"));
        assertThat(text(o.messages().get(0))).isEqualTo("first last");
        assertThat(o.messages().get(0).unordered()).isTrue();
    }

    @Test
    void fragmentsWithDifferentStreamSequenceNumbersAreNotJoined() {
        feed(1, data(B, 10, 0, 5, "a"));
        SctpReassembler.Outcome o = feed(2, data(E, 11, 0, 6, "b"));
        assertThat(o.messages()).isEmpty();
        assertThat(reassembler.bufferedBytes()).isEqualTo(2);
    }

    @Test
    void fragmentsOnDifferentStreamsAreNotJoined() {
        feed(1, data(B, 10, 0, 5, "a"));
        assertThat(feed(2, data(E, 11, 1, 5, "b")).messages()).isEmpty();
    }

    @Test
    void aNewBeginningEndsNoEarlierMessage() {
        feed(1, data(B, 10, 0, 5, "lost "));
        SctpReassembler.Outcome o = feed(2, data(B, 11, 0, 6, "x"), data(E, 12, 0, 6, "y"));
        assertThat(o.messages()).extracting(SctpBytes::text).containsExactly("xy");
        assertThat(reassembler.bufferedBytes()).isEqualTo(5);
    }

    @Test
    void tsnWrapsAround() {
        feed(1, data(B, 0xffffffffL, 0, 0, "a"));
        SctpReassembler.Outcome o = feed(2, data(E, 0, 0, 0, "b"));
        assertThat(text(o.messages().get(0))).isEqualTo("ab");
        assertThat(o.messages().get(0).firstTsn()).isEqualTo(0xffffffffL);
    }

    @Test
    void retransmittedMessageIsDropped() {
        feed(1, data(B | E, 10, 0, 5, "once"));
        SctpReassembler.Outcome o = feed(2, data(B | E, 10, 0, 5, "once"));
        assertThat(o.messages()).isEmpty();
        assertThat(ids(o.anomalies())).containsExactly("sctp.data.retransmission");
        assertThat(o.anomalies().get(0).detail()).contains("TSN 10");
    }

    @Test
    void retransmittedFragmentIsDropped() {
        feed(1, data(B, 10, 0, 5, "a"));
        SctpReassembler.Outcome again = feed(2, data(B, 10, 0, 5, "a"));
        assertThat(ids(again.anomalies())).containsExactly("sctp.data.retransmission");
        assertThat(reassembler.bufferedBytes()).isEqualTo(1);
        SctpReassembler.Outcome o = feed(3, data(E, 11, 0, 5, "b"));
        assertThat(text(o.messages().get(0))).isEqualTo("ab");
    }

    @Test
    void retransmissionAfterTheMessageCompletedIsDropped() {
        feed(1, data(B, 10, 0, 5, "a"));
        feed(2, data(E, 11, 0, 5, "b"));
        SctpReassembler.Outcome o = feed(3, data(E, 11, 0, 5, "b"));
        assertThat(o.messages()).isEmpty();
        assertThat(ids(o.anomalies())).containsExactly("sctp.data.retransmission");
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    @Test
    void olderTsnNotSeenBeforeIsDelivered() {
        feed(1, data(B | E, 20, 0, 5, "late"));
        SctpReassembler.Outcome o = feed(2, data(B | E, 19, 0, 4, "early"));
        assertThat(o.messages()).extracting(SctpBytes::text).containsExactly("early");
    }

    @Test
    void tsnBelowTheWindowIsTakenAsNew() {
        feed(1, data(B | E, 1, 0, 0, "a"));
        feed(2, data(B | E, 1 + SctpReassembler.TSN_WINDOW, 0, 1, "b"));
        // TSN 1 has left the window of TSNs remembered: it can no longer be told from data never seen.
        assertThat(feed(3, data(B | E, 1, 0, 0, "a")).messages()).hasSize(1);
        assertThat(feed(4, data(B | E, 2, 0, 2, "c")).messages()).hasSize(1);
        assertThat(feed(5, data(B | E, 1 + SctpReassembler.TSN_WINDOW, 0, 1, "b")).messages()).isEmpty();
    }

    @Test
    void associationsAreKeptApart() {
        SctpReassembler.Outcome a = reassembler.accept(chunks(1, data(B | E, 10, 0, 0, "a")), 1, 0);
        SctpReassembler.Outcome b = reassembler.accept(chunks(2, data(B | E, 10, 0, 0, "b")), 2, 0);
        assertThat(a.messages()).hasSize(1);
        assertThat(b.messages()).hasSize(1);
        assertThat(b.anomalies()).isEmpty();
    }

    @Test
    void fragmentsOfDifferentAssociationsAreNotJoined() {
        reassembler.accept(chunks(1, data(B, 10, 0, 0, "a")), 1, 0);
        assertThat(reassembler.accept(chunks(2, data(E, 11, 0, 0, "b")), 2, 0).messages()).isEmpty();
    }

    @Test
    void iDataFragmentsAreJoinedByFragmentSequenceNumber() {
        feed(1, idata(0, 21, 3, 8, 1, "b"));
        feed(2, idata(E, 22, 3, 8, 2, "c"));
        SctpReassembler.Outcome o = feed(3, idata(B, 20, 3, 8, 46, "a"));
        SctpMessage m = o.messages().get(0);
        assertThat(text(m)).isEqualTo("abc");
        assertThat(m.interleaved()).isTrue();
        assertThat(m.ppid()).isEqualTo(46);
        assertThat(m.firstTsn()).isEqualTo(20);
        assertThat(m.frames()).containsExactly(3L, 1L, 2L);
    }

    @Test
    void iDataMessagesInterleave() {
        feed(1, idata(B, 1, 0, 1, 0, "a1 "), idata(B, 2, 1, 1, 0, "b1 "));
        SctpReassembler.Outcome o = feed(2, idata(E, 3, 1, 1, 1, "b2"), idata(E, 4, 0, 1, 1, "a2"));
        assertThat(o.messages()).extracting(SctpBytes::text).containsExactly("b1 b2", "a1 a2");
    }

    @Test
    void iDataRepeatedFragmentIsDropped() {
        feed(1, idata(B, 1, 0, 1, 0, "a"));
        SctpReassembler.Outcome o = feed(2, idata(B, 2, 0, 1, 0, "a"));
        assertThat(ids(o.anomalies())).containsExactly("sctp.data.retransmission");
        assertThat(reassembler.bufferedBytes()).isEqualTo(1);
    }

    @Test
    void incompleteMessageTimesOut() {
        reassembler.accept(chunks(7, data(B, 10, 0, 5, "abc")), 1, 0);
        SctpReassembler.Outcome early = reassembler.accept(chunks(7, sack(1)), 2, 30 * SECOND);
        assertThat(early.anomalies()).isEmpty();
        SctpReassembler.Outcome o = reassembler.accept(chunks(7, sack(1)), 3, 61 * SECOND);
        assertThat(ids(o.anomalies())).containsExactly("sctp.reassembly.timeout");
        assertThat(o.anomalies().get(0).detail()).contains("1 incomplete user message (3 bytes)");
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.accept(chunks(7, data(E, 11, 0, 5, "d")), 4, 62 * SECOND).messages()).isEmpty();
    }

    @Test
    void timeoutUsesCaptureTimeNotArrivalCount() {
        for (int i = 0; i < 100; i++) {
            reassembler.accept(chunks(7, sack(1)), i, 0);
        }
        reassembler.accept(chunks(7, data(B, 10, 0, 5, "abc")), 100, SECOND);
        assertThat(reassembler.accept(chunks(7, data(E, 11, 0, 5, "d")), 101, 50 * SECOND).messages()).hasSize(1);
    }

    @Test
    void oversizedMessageIsDropped() {
        SctpReassembler small = new SctpReassembler(new SctpLimits(8, 64, 16, 60 * SECOND));
        small.accept(chunks(7, data(B, 1, 0, 0, "12345")), 1, 0);
        SctpReassembler.Outcome o = small.accept(chunks(7, data(0, 2, 0, 0, "67890")), 2, 0);
        assertThat(ids(o.anomalies())).containsExactly("sctp.message.too_large");
        assertThat(small.bufferedBytes()).isZero();
    }

    @Test
    void oversizedSingleChunkIsDropped() {
        SctpReassembler small = new SctpReassembler(new SctpLimits(8, 64, 16, 60 * SECOND));
        SctpReassembler.Outcome o = small.accept(chunks(7, data(B | E, 1, 0, 0, "123456789")), 1, 0);
        assertThat(o.messages()).isEmpty();
        assertThat(ids(o.anomalies())).containsExactly("sctp.message.too_large");
    }

    @Test
    void bufferLimitDropsTheOldestIncompleteMessages() {
        SctpReassembler small = new SctpReassembler(new SctpLimits(8, 10, 16, 60 * SECOND));
        small.accept(chunks(1, data(B, 1, 0, 0, "aaaaaa")), 1, 0);
        SctpReassembler.Outcome o = small.accept(chunks(2, data(B, 1, 0, 0, "bbbbbb")), 2, SECOND);
        assertThat(ids(o.anomalies())).containsExactly("sctp.reassembly.limit");
        assertThat(o.anomalies().get(0).detail()).contains("tag 0x1");
        assertThat(small.bufferedBytes()).isEqualTo(6);
        assertThat(small.accept(chunks(2, data(E, 2, 0, 0, "b")), 3, SECOND).messages()).hasSize(1);
    }

    @Test
    void directionLimitForgetsTheLeastRecentlyUsed() {
        SctpReassembler small = new SctpReassembler(new SctpLimits(8, 64, 1, 60 * SECOND));
        small.accept(chunks(1, data(B, 1, 0, 0, "a")), 1, 0);
        SctpReassembler.Outcome o = small.accept(chunks(2, data(B | E, 1, 0, 0, "b")), 2, 0);
        assertThat(o.messages()).hasSize(1);
        assertThat(ids(o.anomalies())).containsExactly("sctp.reassembly.limit");
        assertThat(small.bufferedBytes()).isZero();
    }

    @Test
    void finishReportsIncompleteMessages() {
        feed(1, data(B, 10, 0, 5, "abc"));
        List<Anomaly> end = reassembler.finish();
        assertThat(ids(end)).containsExactly("sctp.message.incomplete");
        assertThat(end.get(0).detail()).contains("1 user message (3 bytes held)");
        assertThat(reassembler.bufferedBytes()).isZero();
        assertThat(reassembler.finish()).isEmpty();
    }

    @Test
    void finishIsQuietWhenNothingIsPending() {
        feed(1, data(B | E, 10, 0, 5, "abc"));
        assertThat(reassembler.finish()).isEmpty();
    }

    @Test
    void messageCutByTheCaptureIsMarked() {
        byte[] p = packet(5060, 5060, 7, data(B | E, 1, 0, 0, "INVITE sip:a@b SIP/2.0"));
        SctpChunks c = SctpChunks.parse(p, 0, p.length - 8, true);
        SctpMessage m = reassembler.accept(c, 1, 0).messages().get(0);
        assertThat(m.cut()).isTrue();
        assertThat(text(m)).startsWith("INVITE sip:a@b");
    }

    /** heplify's SIP over SCTP: an INVITE in two unordered fragments, then 100, 403 and ACK each whole. */
    @Test
    void corpusSipOverSctp() throws IOException {
        String capture = "heplify__sip_sctp.pcap";
        PacketDecoder decoder = new PacketDecoder();
        List<Long> frames = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> callIds = new ArrayList<>();
        for (CaptureRecord r : CorpusFiles.records(capture)) {
            Packet p = decoder.decode(r);
            assertThat(p.transport()).isEqualTo(Packet.Transport.SCTP);
            SctpChunks c = SctpChunks.of(p, r.truncatedBySnaplen());
            assertThat(c.anomalies()).isEmpty();
            SctpReassembler.Outcome o = reassembler.accept(c, r.number(), r.epochSeconds() * SECOND + r.nanos());
            assertThat(o.anomalies()).isEmpty();
            for (SctpMessage m : o.messages()) {
                assertThat(m.frames().get(m.frames().size() - 1)).isEqualTo(r.number());
                assertThat(m.ppid()).isEqualTo(SctpData.PPID_NOT_SPECIFIED);
                frames.add(r.number());
                starts.add(CorpusFiles.methodOrStatus(m.bytes()));
                callIds.add(CorpusFiles.callId(m.bytes()));
            }
        }
        List<CorpusFiles.Row> expected = CorpusFiles.expected(capture);
        assertThat(frames).isEqualTo(expected.stream().map(CorpusFiles.Row::frame).toList());
        assertThat(starts).isEqualTo(expected.stream().map(CorpusFiles.Row::methodOrStatus).toList());
        assertThat(callIds).isEqualTo(expected.stream().map(CorpusFiles.Row::callId).toList());
        assertThat(reassembler.finish()).isEmpty();
    }

    @Test
    void corpusLabels() throws IOException {
        List<String> labels = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        for (CaptureRecord r : CorpusFiles.records("heplify__sip_sctp.pcap")) {
            labels.add(SctpChunks.of(decoder.decode(r), false).label());
        }
        assertThat(labels).containsExactly(
                "SCTP 57098 → 5060: DATA TSN 43003199 stream 0 PPID 0, 1452 bytes"
                        + " [first part of a message, unordered]",
                "SCTP 57098 → 5060: DATA TSN 43003200 stream 0 PPID 0, 312 bytes [last part of a message, unordered]",
                "SCTP 5060 → 5060: DATA TSN 3649385352 stream 0 PPID 0, 365 bytes",
                "SCTP 5060 → 5060: DATA TSN 3649385353 stream 0 PPID 0, 457 bytes",
                "SCTP 57098 → 5060: DATA TSN 43003201 stream 0 PPID 0, 440 bytes [unordered]");
    }

    @Test
    void randomPacketsNeverThrowAndStayWithinLimits() {
        Random random = new Random(4168);
        SctpLimits limits = new SctpLimits(64, 256, 8, 10 * SECOND);
        SctpReassembler r = new SctpReassembler(limits);
        for (int i = 0; i < 8_000; i++) {
            int n = 1 + random.nextInt(3);
            byte[][] chunks = new byte[n][];
            for (int k = 0; k < n; k++) {
                byte[] user = new byte[1 + random.nextInt(40)];
                int flags = random.nextInt(16);
                long tsn = random.nextInt(64);
                chunks[k] = random.nextInt(4) == 0
                        ? idata(flags, tsn, random.nextInt(3), random.nextInt(4), random.nextInt(4),
                                "x".repeat(user.length))
                        : data(flags, tsn, random.nextInt(3), random.nextInt(3), 0, user);
            }
            byte[] p = packet(1, 2, random.nextInt(12), chunks);
            if (random.nextInt(5) == 0) {
                p[12 + random.nextInt(p.length - 12)] = (byte) random.nextInt(256);
            }
            SctpChunks c = SctpChunks.parse(p, 0, random.nextInt(8) == 0 ? random.nextInt(p.length + 1) : p.length);
            SctpReassembler.Outcome o = r.accept(c, i, i * (SECOND / 10));
            if (r.bufferedBytes() < 0 || r.bufferedBytes() > limits.maxBufferedBytes()) {
                throw new AssertionError("buffered " + r.bufferedBytes() + " after packet " + i);
            }
            for (SctpMessage m : o.messages()) {
                if (m.bytes().length > limits.maxMessageBytes()) {
                    throw new AssertionError("message over the limit: " + m);
                }
            }
        }
        r.finish();
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void randomFragmentOrderAlwaysGivesTheSameMessage() {
        Random random = new Random(6);
        String text = "REGISTER sip:example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        for (int round = 0; round < 200; round++) {
            SctpReassembler r = new SctpReassembler();
            int parts = 2 + random.nextInt(8);
            List<byte[]> fragments = new ArrayList<>();
            int step = Math.max(1, text.length() / parts);
            long base = 0xffffffffL - 3;
            int at = 0;
            for (int k = 0; at < text.length(); k++) {
                int to = Math.min(text.length(), at + step);
                int flags = (at == 0 ? B : 0) | (to == text.length() ? E : 0);
                fragments.add(data(flags, (base + k) & 0xffffffffL, 0, 1, text.substring(at, to)));
                at = to;
            }
            List<byte[]> order = new ArrayList<>(fragments);
            java.util.Collections.shuffle(order, random);
            List<SctpMessage> out = new ArrayList<>();
            for (int k = 0; k < order.size(); k++) {
                out.addAll(r.accept(chunks(9, order.get(k)), k, 0).messages());
            }
            assertThat(out).hasSize(1);
            assertThat(text(out.get(0))).isEqualTo(text);
            assertThat(r.bufferedBytes()).isZero();
        }
    }
}
