package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TcpReassemblerTest {
    private static final byte[] DATA = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            .getBytes(StandardCharsets.US_ASCII);

    /** Records what the reassembler delivers: the bytes in order, the frame of each byte, and holes. */
    private static final class Recorder implements TcpReassembler.Sink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Long> frames = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<Anomaly> anomalies = new ArrayList<>();

        @Override
        public void bytes(byte[] b, int off, int len, long frame) {
            bytes.write(b, off, len);
            for (int i = 0; i < len; i++) {
                frames.add(frame);
            }
            events.add(new String(b, off, len, StandardCharsets.US_ASCII) + "@" + frame);
        }

        @Override
        public void hole(long length) {
            events.add("hole " + length);
        }

        TcpReassembler.Result keep(TcpReassembler.Result r) {
            anomalies.addAll(r.anomalies());
            return r;
        }

        String text() {
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        List<String> ids() {
            return anomalies.stream().map(Anomaly::id).toList();
        }
    }

    private static TcpReassembler.Result seg(TcpReassembler r, Recorder rec, long seq, int from, int to, long frame) {
        return rec.keep(r.segment(seq + from, DATA, from, to - from, frame, rec));
    }

    @Test
    void inOrderSegmentsAreDeliveredAtOnce() {
        TcpReassembler r = new TcpReassembler(1000, 1 << 16, 1024);
        Recorder rec = new Recorder();
        TcpReassembler.Result a = seg(r, rec, 1000, 0, 10, 1);
        TcpReassembler.Result b = seg(r, rec, 1000, 10, 20, 2);
        assertThat(a.delivered()).isEqualTo(10);
        assertThat(b.delivered()).isEqualTo(10);
        assertThat(rec.events).containsExactly("0123456789@1", "abcdefghij@2");
        assertThat(r.nextSeq()).isEqualTo(1020);
        assertThat(rec.anomalies).isEmpty();
    }

    @Test
    void aSegmentAheadIsHeldUntilTheHoleFills() {
        TcpReassembler r = new TcpReassembler(1000, 1 << 16, 1024);
        Recorder rec = new Recorder();
        TcpReassembler.Result ahead = seg(r, rec, 1000, 10, 20, 1);
        assertThat(ahead.held()).isEqualTo(10);
        assertThat(ahead.missing()).isEqualTo(10);
        assertThat(ahead.delivered()).isZero();
        assertThat(rec.events).isEmpty();
        TcpReassembler.Result fill = seg(r, rec, 1000, 0, 10, 2);
        assertThat(fill.delivered()).isEqualTo(20);
        assertThat(fill.held()).isZero();
        assertThat(fill.missing()).isZero();
        assertThat(rec.events).containsExactly("0123456789@2", "abcdefghij@1");
        assertThat(r.heldBytes()).isZero();
    }

    @Test
    void everyOrderOfFourSegmentsGivesTheSameBytes() {
        int[] cuts = {0, 7, 19, 40, DATA.length};
        for (int[] order : permutations(4)) {
            TcpReassembler r = new TcpReassembler(5, 1 << 16, 1024);
            Recorder rec = new Recorder();
            for (int i = 0; i < 4; i++) {
                int s = order[i];
                seg(r, rec, 5, cuts[s], cuts[s + 1], i + 1);
            }
            assertThat(rec.text()).as(Arrays.toString(order)).isEqualTo(new String(DATA, StandardCharsets.US_ASCII));
            assertThat(rec.anomalies).as(Arrays.toString(order)).isEmpty();
            for (int s = 0; s < 4; s++) {
                // each byte carries the frame of the segment that brought it
                int arrival = indexOf(order, s) + 1;
                assertThat(rec.frames.subList(cuts[s], cuts[s + 1])).as(Arrays.toString(order)).containsOnly((long) arrival);
            }
        }
    }

    @Test
    void identicalRetransmissionIsDroppedWithoutAnomaly() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 20, 1);
        TcpReassembler.Result again = seg(r, rec, 0, 0, 20, 2);
        assertThat(again.duplicate()).isEqualTo(20);
        assertThat(again.delivered()).isZero();
        assertThat(rec.text()).hasSize(20);
        assertThat(rec.anomalies).isEmpty();
    }

    @Test
    void retransmissionWithDifferentBytesIsAConflictNamingTheOffsets() {
        TcpReassembler r = new TcpReassembler(100, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 100, 0, 20, 1);
        byte[] changed = Arrays.copyOfRange(DATA, 10, 20);
        changed[2] = 'X';
        changed[4] = 'Y';
        TcpReassembler.Result again = rec.keep(r.segment(110, changed, 0, changed.length, 2, rec));
        assertThat(again.duplicate()).isEqualTo(10);
        assertThat(again.anomalies()).extracting(Anomaly::id).containsExactly("tcp.overlap.conflict");
        assertThat(again.anomalies().get(0).detail()).contains("2 retransmitted bytes differ")
                .contains("seq 112 to 114").contains("stream offsets 12-14").contains("already delivered");
        assertThat(rec.text()).isEqualTo(new String(DATA, 0, 20, StandardCharsets.US_ASCII));
    }

    @Test
    void overlapWithHeldBytesThatDifferIsAConflictAndTheFirstCopyIsKept() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 10, 20, 1);
        byte[] other = Arrays.copyOfRange(DATA, 5, 25);
        other[7] = '#'; // stream offset 12, inside the held copy
        TcpReassembler.Result overlap = rec.keep(r.segment(5, other, 0, other.length, 2, rec));
        assertThat(overlap.duplicate()).isEqualTo(10);
        assertThat(overlap.held()).isEqualTo(10);
        assertThat(overlap.anomalies()).extracting(Anomaly::id).containsExactly("tcp.overlap.conflict");
        assertThat(overlap.anomalies().get(0).detail()).contains("held from frame 1").contains("stream offsets 12-12");
        seg(r, rec, 0, 0, 5, 3);
        assertThat(rec.text()).isEqualTo(new String(DATA, 0, 25, StandardCharsets.US_ASCII));
    }

    @Test
    void aSegmentCoveringTheHoleAndTheHeldBytesHoldsNothing() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 10, 20, 1);
        seg(r, rec, 0, 40, 50, 2);
        TcpReassembler.Result cover = seg(r, rec, 0, 0, 30, 3);
        assertThat(cover.held()).isZero();
        assertThat(cover.duplicate()).isEqualTo(10);
        assertThat(cover.delivered()).isEqualTo(30);
        assertThat(cover.missing()).isEqualTo(10);
        TcpReassembler.Result ahead = seg(r, rec, 0, 35, 45, 4);
        assertThat(ahead.held()).isEqualTo(5);
        assertThat(ahead.duplicate()).isEqualTo(5);
        assertThat(rec.events).containsExactly("0123456789@3", "abcdefghij@1", "klmnopqrst@3");
    }

    @Test
    void partialOverlapDeliversOnlyTheNewBytes() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 10, 1);
        TcpReassembler.Result more = seg(r, rec, 0, 5, 15, 2);
        assertThat(more.duplicate()).isEqualTo(5);
        assertThat(more.delivered()).isEqualTo(5);
        assertThat(rec.text()).isEqualTo(new String(DATA, 0, 15, StandardCharsets.US_ASCII));
        assertThat(rec.anomalies).isEmpty();
    }

    @Test
    void sequenceNumbersWrapAt2To32() {
        long isn = 0xffff_fff0L;
        for (int[] order : permutations(4)) {
            int[] cuts = {0, 9, 16, 30, 50};
            TcpReassembler r = new TcpReassembler(isn, 1 << 16, 1024);
            Recorder rec = new Recorder();
            for (int i = 0; i < 4; i++) {
                int s = order[i];
                seg(r, rec, isn, cuts[s], cuts[s + 1], i + 1);
            }
            assertThat(rec.text()).as(Arrays.toString(order)).isEqualTo(new String(DATA, 0, 50, StandardCharsets.US_ASCII));
            assertThat(rec.anomalies).isEmpty();
            assertThat(r.nextSeq()).isEqualTo((isn + 50) & 0xffffffffL);
            assertThat(r.position()).isEqualTo(50);
        }
    }

    @Test
    void retransmissionAcrossTheWrapIsRecognised() {
        long isn = 0xffff_fffaL;
        TcpReassembler r = new TcpReassembler(isn, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, isn, 0, 20, 1);
        TcpReassembler.Result again = seg(r, rec, isn, 2, 12, 2);
        assertThat(again.duplicate()).isEqualTo(10);
        assertThat(again.delivered()).isZero();
        assertThat(rec.anomalies).isEmpty();
    }

    @Test
    void anAcknowledgementBeyondTheHoleDeclaresItLost() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 10, 1);
        seg(r, rec, 0, 20, 30, 2);
        TcpReassembler.Result notYet = rec.keep(r.acknowledged(10, 3, rec));
        assertThat(notYet.holes()).isZero();
        TcpReassembler.Result ack = rec.keep(r.acknowledged(30, 4, rec));
        assertThat(ack.holes()).isEqualTo(1);
        assertThat(ack.delivered()).isEqualTo(10);
        assertThat(rec.events).containsExactly("0123456789@1", "hole 10", "klmnopqrst@2");
        assertThat(ack.anomalies()).extracting(Anomaly::id).containsExactly("tcp.gap");
        assertThat(ack.anomalies().get(0).detail()).startsWith("10 bytes missing between frame 1 and frame 2")
                .contains("stream offsets 10-19").contains("acknowledged by the peer in frame 4");
    }

    @Test
    void anEarlierAcknowledgementDeclaresTheHoleWhenDataArrivesBehindIt() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 10, 1);
        rec.keep(r.acknowledged(20, 2, rec));
        TcpReassembler.Result later = seg(r, rec, 0, 20, 30, 3);
        assertThat(later.holes()).isEqualTo(1);
        assertThat(rec.events).containsExactly("0123456789@1", "hole 10", "klmnopqrst@3");
    }

    @Test
    void anAcknowledgementShortOfTheHeldBytesDeclaresOnlyWhatItCovers() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 10, 1);
        seg(r, rec, 0, 30, 40, 2);
        TcpReassembler.Result ack = rec.keep(r.acknowledged(20, 3, rec));
        assertThat(ack.holes()).isEqualTo(1);
        assertThat(r.missing()).isEqualTo(10);
        // The rest of the hole is not acknowledged yet: it can still come.
        seg(r, rec, 0, 20, 30, 4);
        assertThat(rec.events).containsExactly("0123456789@1", "hole 10", "klmnopqrst@4", "uvwxyzABCD@2");
    }

    @Test
    void bytesArrivingInsideADeclaredHoleAreLateNotDuplicate() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 10, 1);
        seg(r, rec, 0, 20, 30, 2);
        rec.keep(r.skipHole("test", 3, rec));
        TcpReassembler.Result late = seg(r, rec, 0, 10, 20, 4);
        assertThat(late.late()).isEqualTo(10);
        assertThat(late.duplicate()).isZero();
        assertThat(late.delivered()).isZero();
    }

    @Test
    void bytesBeforeTheFirstFollowedAreLate() {
        TcpReassembler r = new TcpReassembler(100, 1 << 16, 1024);
        Recorder rec = new Recorder();
        rec.keep(r.segment(100, DATA, 10, 10, 1, rec));
        TcpReassembler.Result before = rec.keep(r.segment(90, DATA, 0, 15, 2, rec));
        assertThat(before.late()).isEqualTo(10);
        assertThat(before.duplicate()).isEqualTo(5);
        assertThat(rec.text()).isEqualTo("abcdefghij");
    }

    @Test
    void tooManyHeldBytesGiveUpTheHole() {
        TcpReassembler r = new TcpReassembler(0, 100, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 5, 1);
        seg(r, rec, 0, 10, 20, 2);
        assertThat(r.heldBytes()).isEqualTo(10);
        // 10 + 30 bytes in two pieces cost 168 > 100: the first hole is given up, which frees enough.
        TcpReassembler.Result over = seg(r, rec, 0, 30, 60, 3);
        assertThat(over.anomalies()).extracting(Anomaly::id).containsExactly("tcp.buffer.limit", "tcp.gap");
        assertThat(r.heldBytes()).isEqualTo(30);
        assertThat(rec.events).containsExactly("01234@1", "hole 5", "abcdefghij@2");
        // Another piece over the bound: the next hole (one byte) is given up and the piece delivered.
        TcpReassembler.Result small = seg(r, rec, 0, 21, 29, 4);
        assertThat(small.anomalies()).extracting(Anomaly::id).containsExactly("tcp.buffer.limit", "tcp.gap");
        assertThat(small.delivered()).isEqualTo(8);
        assertThat(r.heldBytes()).isEqualTo(30);
        // A piece over the bound on its own: every hole before it is given up.
        TcpReassembler.Result huge = rec.keep(r.segment(100, new byte[100], 0, 100, 5, rec));
        assertThat(huge.anomalies()).extracting(Anomaly::id).containsExactly("tcp.buffer.limit", "tcp.gap", "tcp.gap");
        assertThat(r.heldBytes()).isZero();
        assertThat(r.position()).isEqualTo(200);
    }

    @Test
    void manyTinyPiecesCountTheirBookkeepingAgainstTheBound() {
        int bound = 10 * TcpReassembler.PIECE_OVERHEAD;
        TcpReassembler r = new TcpReassembler(0, bound, 0);
        Recorder rec = new Recorder();
        for (int i = 2; i < 60; i += 2) {
            seg(r, rec, 0, i, i + 1, i);
            assertThat((long) r.heldBytes() * (1 + TcpReassembler.PIECE_OVERHEAD)).isLessThanOrEqualTo(bound);
        }
        assertThat(rec.ids()).contains("tcp.buffer.limit");
    }

    @Test
    void drainDeclaresEveryHoleAndDeliversEverythingHeld() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1024);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 5, 10, 1);
        seg(r, rec, 0, 15, 20, 2);
        TcpReassembler.Result end = rec.keep(r.drain("end of capture", 3, rec));
        assertThat(end.holes()).isEqualTo(2);
        assertThat(end.anomalies().get(0).detail()).startsWith("5 bytes missing before frame 1");
        assertThat(rec.events).containsExactly("hole 5", "56789@1", "hole 5", "fghij@2");
        assertThat(r.heldBytes()).isZero();
    }

    @Test
    void retransmissionsOlderThanTheHistoryAreNotCompared() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 8);
        Recorder rec = new Recorder();
        seg(r, rec, 0, 0, 40, 1);
        byte[] changed = Arrays.copyOf(DATA, 40);
        Arrays.fill(changed, (byte) '?');
        TcpReassembler.Result again = rec.keep(r.segment(0, changed, 0, 40, 2, rec));
        assertThat(again.duplicate()).isEqualTo(40);
        assertThat(again.anomalies()).extracting(Anomaly::id).containsExactly("tcp.overlap.conflict");
        assertThat(again.anomalies().get(0).detail()).startsWith("8 retransmitted bytes differ").contains("stream offsets 32-39");
    }

    @Test
    void historyGrowsAndStillComparesAcrossItsWrap() {
        TcpReassembler r = new TcpReassembler(0, 1 << 16, 1000);
        Recorder rec = new Recorder();
        byte[] stream = new byte[5000];
        new Random(7).nextBytes(stream);
        for (int off = 0; off < stream.length; off += 333) {
            int n = Math.min(333, stream.length - off);
            rec.keep(r.segment(off, stream, off, n, off, rec));
        }
        TcpReassembler.Result same = rec.keep(r.segment(4100, stream, 4100, 900, 99, rec));
        assertThat(same.anomalies()).isEmpty();
        byte[] changed = stream.clone();
        changed[4500] ^= 1;
        TcpReassembler.Result diff = rec.keep(r.segment(4100, changed, 4100, 900, 100, rec));
        assertThat(diff.anomalies()).extracting(Anomaly::id).containsExactly("tcp.overlap.conflict");
        assertThat(diff.anomalies().get(0).detail()).contains("stream offsets 4500-4500");
    }

    @Test
    void randomSplitsReordersAndDuplicatesAlwaysGiveTheStream() {
        Random random = new Random(42);
        byte[] stream = new byte[3000];
        random.nextBytes(stream);
        for (int round = 0; round < 300; round++) {
            long isn = random.nextLong() & 0xffffffffL;
            List<int[]> segments = new ArrayList<>();
            for (int off = 0; off < stream.length; ) {
                int n = Math.min(1 + random.nextInt(400), stream.length - off);
                segments.add(new int[]{off, n});
                if (random.nextInt(5) == 0) {
                    int from = Math.max(0, off - random.nextInt(50));
                    segments.add(new int[]{from, Math.min(stream.length - from, n + random.nextInt(80))});
                }
                off += n;
            }
            // local reordering: swap neighbours within a small window
            for (int i = 0; i < segments.size(); i++) {
                int j = Math.min(segments.size() - 1, i + random.nextInt(4));
                int[] t = segments.get(i);
                segments.set(i, segments.get(j));
                segments.set(j, t);
            }
            TcpReassembler r = new TcpReassembler(isn, 1 << 20, 2048);
            Recorder rec = new Recorder();
            int frame = 0;
            for (int[] s : segments) {
                rec.keep(r.segment(isn + s[0], stream, s[0], s[1], ++frame, rec));
            }
            assertThat(rec.bytes.toByteArray()).as("round %d", round).isEqualTo(stream);
            assertThat(rec.anomalies).as("round %d", round).isEmpty();
        }
    }

    @Test
    void negativeBoundsAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TcpReassembler(0, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
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

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
