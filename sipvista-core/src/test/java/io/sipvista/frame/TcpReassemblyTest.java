package io.sipvista.frame;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.LinkType;
import io.sipvista.sip.SipLimits;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.TcpSegment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIP over TCP through {@link FrameDecoder}: a stream of several messages (SDP bodies, CRLF keep-alives) split,
 * reordered, duplicated, overlapped and partly lost, as real captures show it.
 */
class TcpReassemblyTest {
    private static final String SDP1 = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 2222 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n";
    private static final String SDP2 = "v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 2224 RTP/AVP 8\r\na=sendonly\r\n";
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKinv1\r\nFrom: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>\r\nCall-ID: call-1@10.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
            + "Content-Length: " + SDP1.length() + "\r\n\r\n" + SDP1;
    private static final String ACK = "ACK sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKack1\r\nFrom: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>;tag=b1\r\nCall-ID: call-1@10.0.0.1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    private static final String REINVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKinv2\r\nFrom: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>;tag=b1\r\nCall-ID: call-1@10.0.0.1\r\nCSeq: 2 INVITE\r\nContent-Type: application/sdp\r\n"
            + "Content-Length: " + SDP2.length() + "\r\n\r\n" + SDP2;
    private static final String BYE = "BYE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKbye1\r\nFrom: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:bob@example.com>;tag=b1\r\nCall-ID: call-1@10.0.0.1\r\nCSeq: 3 BYE\r\nContent-Length: 0\r\n\r\n";
    /** Messages in stream order, with keep-alives between them. */
    private static final String[] PARTS = {INVITE, "\r\n\r\n", ACK, REINVITE, "\r\n", BYE};
    private static final byte[] STREAM = String.join("", PARTS).getBytes(StandardCharsets.US_ASCII);
    /** Start and end offset of each message in STREAM. */
    private static final int[][] MESSAGES = messageRanges();
    private static final String[] NAMES = {"INVITE 1", "ACK 1", "INVITE 2", "BYE 3"};
    private static final long ISN = 1000;
    private static final Set<String> QUIET = Set.of("tcp.out_of_order");

    private static int[][] messageRanges() {
        List<int[]> out = new ArrayList<>();
        int at = 0;
        for (String p : PARTS) {
            if (!p.startsWith("\r")) {
                out.add(new int[]{at, at + p.length()});
            }
            at += p.length();
        }
        return out.toArray(new int[0][]);
    }

    /** One capture: a decoder and the frames it produced. */
    private static final class Capture {
        final FrameDecoder decoder;
        final List<Frame> frames = new ArrayList<>();
        long number;
        long seconds = 1_700_000_000L;

        Capture() {
            this(FrameLimits.DEFAULT);
        }

        Capture(FrameLimits limits) {
            this.decoder = new FrameDecoder(limits);
        }

        Frame ip(byte[] ip) {
            number++;
            byte[] frame = PacketBuilder.ethernet(PacketBuilder.ETH_IPV4, ip);
            Frame f = decoder.decode(new CaptureRecord(number, 0, LinkType.ETHERNET, seconds, (int) (number % 1000) * 1000,
                    6, frame.length, frame.length, frame, 0));
            frames.add(f);
            return f;
        }

        /** Client to server. */
        Frame c2s(long seq, int flags, byte[] payload) {
            return ip(TcpSegment.from("10.0.0.1", 40000).to("10.0.0.2", 5060).seq(seq).ack(5001).flags(flags)
                    .payload(payload).ipv4());
        }

        Frame data(int from, int to) {
            return c2s(ISN + 1 + from, TcpSegment.ACK | TcpSegment.PSH, Arrays.copyOfRange(STREAM, from, to));
        }

        Frame syn() {
            return c2s(ISN, TcpSegment.SYN, new byte[0]);
        }

        /** Server acknowledges client bytes up to stream offset {@code upTo}. */
        Frame serverAck(int upTo) {
            return ip(TcpSegment.from("10.0.0.2", 5060).to("10.0.0.1", 40000).seq(5001).ack(ISN + 1 + upTo)
                    .flags(TcpSegment.ACK).ipv4());
        }

        /** "INVITE 1 @2-4": message, CSeq number, first frame, frame it was reported on. */
        List<String> messages() {
            List<String> out = new ArrayList<>();
            for (Frame f : frames) {
                for (SipEntry e : f.sip()) {
                    out.add(e.message().method() + " " + e.message().cseq().number() + " @" + e.firstFrame() + "-" + f.number());
                }
            }
            return out;
        }

        List<String> anomalyIds() {
            List<String> out = new ArrayList<>();
            for (Frame f : frames) {
                for (Anomaly a : f.anomalies()) {
                    out.add(a.id());
                }
            }
            return out;
        }

        List<Anomaly> anomalies() {
            List<Anomaly> out = new ArrayList<>();
            for (Frame f : frames) {
                out.addAll(f.anomalies());
            }
            return out;
        }
    }

    /**
     * Delivers STREAM cut at {@code cuts} (segment i is [cuts[i], cuts[i+1])) in the given order after a SYN (frame
     * 1), and checks that every message is reported once, on the frame that completes it, with its first frame.
     */
    private static void deliverInOrder(int[] cuts, int[] order) {
        Capture c = new Capture();
        c.syn();
        for (int s : order) {
            c.data(cuts[s], cuts[s + 1]);
        }
        String what = "cuts " + Arrays.toString(cuts) + " order " + Arrays.toString(order);
        assertThat(c.messages()).as(what).containsExactlyElementsOf(expected(cuts, order));
        assertThat(c.anomalyIds()).as(what).allMatch(QUIET::contains);
        assertThat(c.decoder.finish()).as(what).isEmpty();
    }

    /** What {@link #deliverInOrder} must report: a message completes when every byte up to its end has arrived. */
    private static List<String> expected(int[] cuts, int[] order) {
        int[] arrival = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            arrival[order[i]] = i;
        }
        List<String[]> rows = new ArrayList<>();
        for (int m = 0; m < MESSAGES.length; m++) {
            int first = -1;
            int done = -1;
            for (int s = 0; s < order.length; s++) {
                if (cuts[s] <= MESSAGES[m][0] && MESSAGES[m][0] < cuts[s + 1]) {
                    first = arrival[s];
                }
                if (cuts[s] < MESSAGES[m][1]) {
                    done = Math.max(done, arrival[s]);
                }
            }
            rows.add(new String[]{NAMES[m] + " @" + (first + 2) + "-" + (done + 2), Integer.toString(done)});
        }
        // Frames are listed in frame order, messages within a frame in stream order.
        List<String> out = new ArrayList<>();
        for (int f = 0; f < order.length; f++) {
            for (String[] r : rows) {
                if (Integer.parseInt(r[1]) == f) {
                    out.add(r[0]);
                }
            }
        }
        return out;
    }

    @Test
    void streamSplitInTwoAtEveryOffsetInBothOrders() {
        for (int cut = 1; cut < STREAM.length; cut++) {
            int[] cuts = {0, cut, STREAM.length};
            deliverInOrder(cuts, new int[]{0, 1});
            deliverInOrder(cuts, new int[]{1, 0});
        }
    }

    @Test
    void streamSplitInThreeDeliveredInEveryOrder() {
        for (int a = 1; a < STREAM.length; a += 31) {
            for (int b = a + 1; b < STREAM.length; b += 37) {
                int[] cuts = {0, a, b, STREAM.length};
                for (int[] order : permutations(3)) {
                    deliverInOrder(cuts, order);
                }
            }
        }
    }

    @Test
    void streamSplitInFourAtMessageBoundariesDeliveredInEveryOrder() {
        int[] interesting = {1, 5, MESSAGES[0][1] - 1, MESSAGES[0][1], MESSAGES[0][1] + 2, MESSAGES[1][0] + 1,
                MESSAGES[2][0] - 1, MESSAGES[2][0] + 40, MESSAGES[2][1] - 3, MESSAGES[3][0], STREAM.length - 1};
        for (int i = 0; i < interesting.length; i++) {
            for (int j = i + 1; j < interesting.length; j++) {
                for (int k = j + 1; k < interesting.length; k++) {
                    int[] cuts = {0, interesting[i], interesting[j], interesting[k], STREAM.length};
                    for (int[] order : permutations(4)) {
                        deliverInOrder(cuts, order);
                    }
                }
            }
        }
    }

    @Test
    void oneByteAtATimeInReverseOrder() {
        Capture c = new Capture();
        c.syn();
        for (int i = STREAM.length - 1; i >= 0; i--) {
            c.data(i, i + 1);
        }
        assertThat(c.messages()).hasSize(4);
        long last = c.number;
        assertThat(c.messages()).allMatch(m -> m.endsWith("-" + last));
        assertThat(c.frames.get(10).label()).contains("held out of order");
        assertThat(c.decoder.finish()).isEmpty();
    }

    @Test
    void theSegmentFillingTheHoleIsNotCalledOutOfOrder() {
        Capture c = new Capture();
        c.syn();
        Frame ahead = c.data(MESSAGES[3][0], STREAM.length);
        assertThat(ahead.anomalies()).extracting(Anomaly::id).containsExactly("tcp.out_of_order");
        Frame fill = c.data(0, MESSAGES[3][0]);
        assertThat(fill.anomalies()).isEmpty();
        assertThat(fill.label()).startsWith("SIP INVITE sip:bob@example.com; SIP ACK");
        assertThat(fill.sip()).hasSize(4);
    }

    @Test
    void duplicatedSegmentsAreFramedOnce() {
        int[] cuts = {0, 300, 700, 900, STREAM.length};
        Capture c = new Capture();
        c.syn();
        for (int s = 0; s < 4; s++) {
            c.data(cuts[s], cuts[s + 1]);
            c.data(cuts[s], cuts[s + 1]);
        }
        assertThat(c.messages()).extracting(m -> m.substring(0, m.indexOf(" @"))).containsExactly(NAMES);
        Frame again = c.frames.get(2);
        assertThat(again.label()).isEqualTo("TCP retransmission of 300 bytes already seen");
        assertThat(again.protocol()).isEqualTo("sip");
        assertThat(c.anomalyIds()).containsOnly("tcp.out_of_order");
    }

    @Test
    void overlappingSegmentsWithTheSameBytesAreFramedOnce() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 400);
        c.data(350, 800);
        c.data(600, 700);
        c.data(790, STREAM.length);
        assertThat(c.messages()).extracting(m -> m.substring(0, m.indexOf(" @"))).containsExactly(NAMES);
        assertThat(c.anomalyIds()).containsOnly("tcp.out_of_order");
    }

    @Test
    void retransmissionWithDifferentBytesIsNamedAndTheFirstCopyKept() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 400);
        byte[] changed = Arrays.copyOfRange(STREAM, 300, 450);
        changed[10] = 'X';
        Frame f = c.c2s(ISN + 1 + 300, TcpSegment.ACK, changed);
        assertThat(f.anomalies()).extracting(Anomaly::id).contains("tcp.overlap.conflict");
        Anomaly conflict = f.anomalies().stream().filter(a -> a.id().equals("tcp.overlap.conflict")).findFirst().orElseThrow();
        assertThat(conflict.detail()).contains("stream offsets 310-310").contains("seq " + (ISN + 1 + 310));
        c.data(450, STREAM.length);
        assertThat(c.messages()).extracting(m -> m.substring(0, m.indexOf(" @"))).containsExactly(NAMES);
        // The INVITE's body is the first copy's.
        assertThat(c.frames.stream().flatMap(x -> x.sip().stream()).findFirst().orElseThrow().message().body())
                .isEqualTo(INVITE.substring(INVITE.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void outOfOrderCopiesThatDifferAreNamed() {
        Capture c = new Capture();
        c.syn();
        c.data(500, 700);
        byte[] changed = Arrays.copyOfRange(STREAM, 600, 800);
        changed[0] = '!';
        Frame f = c.c2s(ISN + 1 + 600, TcpSegment.ACK, changed);
        assertThat(f.anomalies()).extracting(Anomaly::id).contains("tcp.overlap.conflict");
        assertThat(f.anomalies().stream().filter(a -> a.id().equals("tcp.overlap.conflict")).findFirst().orElseThrow()
                .detail()).contains("held from frame 2").contains("stream offsets 600-600");
        c.data(0, 500);
        c.data(800, STREAM.length);
        assertThat(c.messages()).hasSize(4);
    }

    @Test
    void droppedSegmentIsAGapNamedWhenTheServerAcksBeyondItAndLaterMessagesAreFound() {
        Capture c = new Capture();
        c.syn();
        int lostFrom = MESSAGES[1][0] + 10; // inside the ACK
        int lostTo = lostFrom + 20;
        c.data(0, lostFrom);
        Frame held = c.data(lostTo, STREAM.length);
        assertThat(held.sip()).isEmpty();
        assertThat(held.protocol()).isEqualTo("sip");
        assertThat(held.label()).isEqualTo("TCP 40000 → 5060, " + (STREAM.length - lostTo)
                + " bytes held out of order (waiting for 20 missing bytes)");
        Frame ack = c.serverAck(STREAM.length);
        assertThat(ack.anomalies()).extracting(Anomaly::id).contains("tcp.gap", "sip.stream.gap");
        Anomaly gap = ack.anomalies().stream().filter(a -> a.id().equals("tcp.gap")).findFirst().orElseThrow();
        assertThat(gap.detail()).contains("TCP 10.0.0.1:40000 → 10.0.0.2:5060")
                .contains("20 bytes missing between frame 2 and frame 3").contains("acknowledged by the peer in frame 4");
        Anomaly dropped = ack.anomalies().stream().filter(a -> a.id().equals("sip.stream.gap")).findFirst().orElseThrow();
        assertThat(dropped.detail()).contains("10 bytes of an incomplete start line");
        assertThat(c.messages()).containsExactly("INVITE 1 @2-2", "INVITE 2 @3-4", "BYE 3 @3-4");
        assertThat(c.decoder.finish()).isEmpty();
    }

    @Test
    void lostSegmentBetweenMessagesCostsOnlyTheMessageItCarried() {
        Capture c = new Capture();
        c.syn();
        c.data(0, MESSAGES[1][0]);
        c.data(MESSAGES[1][0] + 20, STREAM.length);
        Frame ack = c.serverAck(STREAM.length);
        assertThat(ack.anomalies()).extracting(Anomaly::id).contains("tcp.gap", "sip.stream.resync")
                .doesNotContain("sip.stream.gap");
        assertThat(c.messages()).containsExactly("INVITE 1 @2-2", "INVITE 2 @3-4", "BYE 3 @3-4");
    }

    @Test
    void ackBeforeTheDataArrivesDeclaresTheHoleWhenTheDataComes() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 100);
        c.serverAck(MESSAGES[1][0]);
        Frame after = c.data(MESSAGES[1][0], STREAM.length);
        assertThat(after.anomalies()).extracting(Anomaly::id).contains("tcp.gap", "sip.stream.gap");
        assertThat(c.messages()).containsExactly("ACK 1 @4-4", "INVITE 2 @4-4", "BYE 3 @4-4");
    }

    @Test
    void droppedSegmentWithoutAcksIsReportedAtTheEndOfTheCapture() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 200);
        c.data(300, STREAM.length);
        assertThat(c.messages()).isEmpty();
        List<Anomaly> end = c.decoder.finish();
        assertThat(end).extracting(Anomaly::id).contains("tcp.gap", "sip.stream.gap", "tcp.held_at_end");
        Anomaly held = end.stream().filter(a -> a.id().equals("tcp.held_at_end")).findFirst().orElseThrow();
        assertThat(held.detail()).contains("3 SIP messages").contains("SIP ACK").contains("SIP BYE").contains("(frames 3-3)");
    }

    @Test
    void holeStillOpenAfterTheTimeoutIsGivenUpWhenTheDirectionSendsAgain() {
        Capture c = new Capture();
        c.syn();
        c.data(0, MESSAGES[2][0] - 10);
        c.data(MESSAGES[2][0], MESSAGES[3][0]); // held: the re-INVITE
        c.seconds += 5;
        Frame soon = c.data(MESSAGES[3][0], MESSAGES[3][0] + 10);
        assertThat(soon.sip()).isEmpty();
        c.seconds += 6;
        Frame late = c.data(MESSAGES[3][0] + 10, STREAM.length);
        assertThat(late.anomalies()).extracting(Anomaly::id).contains("tcp.gap");
        assertThat(late.anomalies().stream().filter(a -> a.id().equals("tcp.gap")).findFirst().orElseThrow().detail())
                .contains("no retransmission within 10000 ms");
        assertThat(c.messages()).containsExactly("INVITE 1 @2-2", "INVITE 2 @3-5", "BYE 3 @4-5");
    }

    @Test
    void sequenceNumbersWrappingAt2To32() {
        long isn = 0xffff_fe00L;
        int[] cuts = {0, 200, 511, 512, STREAM.length};
        for (int[] order : permutations(4)) {
            Capture c = new Capture();
            c.c2s(isn, TcpSegment.SYN, new byte[0]);
            for (int s : order) {
                c.c2s(isn + 1 + cuts[s], TcpSegment.ACK, Arrays.copyOfRange(STREAM, cuts[s], cuts[s + 1]));
            }
            assertThat(c.messages()).as(Arrays.toString(order)).containsExactlyElementsOf(expected(cuts, order));
            assertThat(c.anomalyIds()).allMatch(QUIET::contains);
        }
    }

    @Test
    void retransmissionAcrossTheWrapIsNotFramedTwice() {
        Capture c = new Capture();
        long first = 0xffff_ffffL - 100;
        c.c2s(first, TcpSegment.ACK, STREAM);
        c.c2s(first, TcpSegment.ACK, STREAM);
        c.c2s((first + 50) & 0xffffffffL, TcpSegment.ACK, Arrays.copyOfRange(STREAM, 50, 400));
        assertThat(c.messages()).hasSize(4);
        assertThat(c.frames.get(1).label()).contains("retransmission");
    }

    @Test
    void missingSynStartsAtTheFirstSegmentThatBeginsASipMessage() {
        Capture c = new Capture();
        long base = 77_000;
        // The capture begins inside the INVITE's body: those bytes are not SIP on their own.
        Frame tail = c.c2s(base + 300, TcpSegment.ACK, Arrays.copyOfRange(STREAM, 300, MESSAGES[1][0]));
        assertThat(tail.protocol()).isEqualTo("tcp");
        assertThat(tail.sip()).isEmpty();
        c.c2s(base + MESSAGES[1][0], TcpSegment.ACK, Arrays.copyOfRange(STREAM, MESSAGES[1][0], 700));
        c.c2s(base + 700, TcpSegment.ACK, Arrays.copyOfRange(STREAM, 700, STREAM.length));
        assertThat(c.messages()).containsExactly("ACK 1 @2-2", "INVITE 2 @2-3", "BYE 3 @3-3");
        assertThat(c.anomalyIds()).isEmpty();
        assertThat(c.decoder.finish()).isEmpty();
    }

    @Test
    void missingSynWithTheFirstStartLineCutAcrossSegments() {
        for (int cut = 1; cut < 40; cut++) {
            Capture c = new Capture();
            c.c2s(9_000, TcpSegment.ACK, Arrays.copyOfRange(STREAM, 0, cut));
            c.c2s(9_000 + cut, TcpSegment.ACK, Arrays.copyOfRange(STREAM, cut, STREAM.length));
            assertThat(c.messages()).as("cut %d", cut).containsExactly("INVITE 1 @1-2", "ACK 1 @2-2", "INVITE 2 @2-2", "BYE 3 @2-2");
        }
    }

    @Test
    void missingSynThenOutOfOrderAfterTheStart() {
        Capture c = new Capture();
        c.c2s(50_000, TcpSegment.ACK, Arrays.copyOfRange(STREAM, 0, 300));
        c.c2s(50_000 + 700, TcpSegment.ACK, Arrays.copyOfRange(STREAM, 700, STREAM.length));
        c.c2s(50_000 + 300, TcpSegment.ACK, Arrays.copyOfRange(STREAM, 300, 700));
        assertThat(c.messages()).containsExactly("INVITE 1 @1-3", "ACK 1 @3-3", "INVITE 2 @3-3", "BYE 3 @2-3");
    }

    @Test
    void finArrivingBeforeTheLastDataStillLetsItBeFramed() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 800);
        c.c2s(ISN + 1 + STREAM.length, TcpSegment.FIN | TcpSegment.ACK, new byte[0]);
        c.data(800, STREAM.length);
        assertThat(c.messages()).hasSize(4);
        // The stream is closed: a retransmission of its end is recognised, not framed again.
        Frame again = c.data(MESSAGES[3][0], STREAM.length);
        assertThat(again.sip()).isEmpty();
        assertThat(again.protocol()).isEqualTo("sip");
        assertThat(again.label()).isEqualTo("TCP retransmission of " + (STREAM.length - MESSAGES[3][0]) + " bytes already seen");
        assertThat(c.decoder.finish()).isEmpty();
    }

    @Test
    void finWithDataClosesTheStreamAndNamesAnIncompleteMessage() {
        Capture c = new Capture();
        c.syn();
        Frame f = c.c2s(ISN + 1, TcpSegment.FIN | TcpSegment.ACK, Arrays.copyOf(STREAM, 100));
        assertThat(f.protocol()).isEqualTo("sip");
        assertThat(f.anomalies()).extracting(Anomaly::id).containsExactly("sip.stream.incomplete");
        assertThat(c.decoder.finish()).isEmpty();
    }

    @Test
    void resetWithAHoleDeclaresItAndFramesWhatWasHeld() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 100);
        c.data(MESSAGES[3][0], STREAM.length);
        Frame rst = c.ip(TcpSegment.from("10.0.0.2", 5060).to("10.0.0.1", 40000).seq(5001).flags(TcpSegment.RST).ipv4());
        assertThat(rst.anomalies()).extracting(Anomaly::id).contains("tcp.gap", "sip.stream.gap");
        assertThat(c.messages()).containsExactly("BYE 3 @3-4");
        assertThat(c.decoder.finish()).isEmpty();
    }

    @Test
    void retransmittedSynDoesNotRestartTheStream() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 100);
        c.syn();
        c.data(100, STREAM.length);
        assertThat(c.messages()).hasSize(4);
    }

    @Test
    void newConnectionOnTheSameAddressesEndsTheOldOne() {
        Capture c = new Capture();
        c.syn();
        c.data(0, 100);
        Frame syn = c.c2s(900_000, TcpSegment.SYN, new byte[0]);
        assertThat(syn.anomalies()).extracting(Anomaly::id).containsExactly("sip.stream.incomplete");
        c.c2s(900_001, TcpSegment.ACK, Arrays.copyOfRange(STREAM, MESSAGES[3][0], STREAM.length));
        assertThat(c.messages()).containsExactly("BYE 3 @4-4");
    }

    @Test
    void streamThatDoesNotStartWithSipIsNotFramed() {
        Capture c = new Capture();
        c.syn();
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        c.c2s(ISN + 1, TcpSegment.ACK, http);
        c.c2s(ISN + 1 + http.length, TcpSegment.ACK, STREAM);
        assertThat(c.messages()).isEmpty();
        assertThat(c.frames.get(2).protocol()).isNotEqualTo("sip");
    }

    @Test
    void tcpKeepAliveProbeIsNotComparedOrFramed() {
        Capture c = new Capture();
        c.syn();
        c.data(0, MESSAGES[1][0]);
        // One garbage byte at the last acknowledged position: a TCP keep-alive, not a conflicting retransmission.
        Frame probe = c.c2s(ISN + MESSAGES[1][0], TcpSegment.ACK, new byte[]{0});
        assertThat(probe.anomalies()).isEmpty();
        assertThat(probe.label()).startsWith("TCP keep-alive probe");
        c.data(MESSAGES[1][0], STREAM.length);
        assertThat(c.messages()).hasSize(4);
        assertThat(c.anomalyIds()).isEmpty();
    }

    @Test
    void aNonSipStreamWithAnOpenHoleAddsNoWarningAtTheEnd() {
        Capture c = new Capture();
        c.syn();
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Frame held = c.c2s(ISN + 1 + 100, TcpSegment.ACK, http);
        assertThat(held.anomalies()).extracting(Anomaly::id).containsExactly("tcp.out_of_order");
        assertThat(c.decoder.finish()).isEmpty();
    }

    @Test
    void keepAliveOnlySegmentIsLabelled() {
        Capture c = new Capture();
        c.syn();
        c.data(0, MESSAGES[0][1]);
        Frame ka = c.data(MESSAGES[0][1], MESSAGES[1][0]);
        assertThat(ka.protocol()).isEqualTo("sip");
        assertThat(ka.label()).isEqualTo("TCP 40000 → 5060, SIP keep-alive (4 bytes of CR/LF)");
    }

    @Test
    void smallHeldBoundGivesUpTheHoleAndSaysSo() {
        FrameLimits small = new FrameLimits(16, 600, 1024, 10_000, 300, SipLimits.DEFAULT);
        Capture c = new Capture(small);
        c.syn();
        c.data(0, 100);
        c.data(MESSAGES[2][0], MESSAGES[3][0]);
        Frame over = c.data(MESSAGES[3][0], STREAM.length);
        assertThat(over.anomalies()).extracting(Anomaly::id).contains("tcp.buffer.limit", "tcp.gap");
        assertThat(c.messages()).containsExactly("INVITE 2 @3-4", "BYE 3 @4-4");
    }

    @Test
    void randomSegmentationReorderingAndDuplicationFindEveryMessage() {
        Random random = new Random(1234);
        for (int round = 0; round < 200; round++) {
            List<int[]> segments = new ArrayList<>();
            for (int off = 0; off < STREAM.length; ) {
                int n = Math.min(1 + random.nextInt(300), STREAM.length - off);
                segments.add(new int[]{off, off + n});
                if (random.nextInt(4) == 0) {
                    int from = Math.max(0, off - random.nextInt(40));
                    segments.add(new int[]{from, Math.min(STREAM.length, off + n + random.nextInt(40))});
                }
                off += n;
            }
            for (int i = 0; i < segments.size(); i++) {
                int j = Math.min(segments.size() - 1, i + random.nextInt(3));
                int[] t = segments.get(i);
                segments.set(i, segments.get(j));
                segments.set(j, t);
            }
            Capture c = new Capture();
            c.syn();
            for (int[] s : segments) {
                c.data(s[0], s[1]);
            }
            assertThat(c.messages()).as("round %d", round).extracting(m -> m.substring(0, m.indexOf(" @")))
                    .containsExactly(NAMES);
            assertThat(c.anomalyIds()).as("round %d", round).allMatch(QUIET::contains);
        }
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[k] = i;
                permute(cur, used, k + 1, out);
                used[i] = false;
            }
        }
    }
}
