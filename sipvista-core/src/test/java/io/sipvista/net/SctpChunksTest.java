package io.sipvista.net;

import io.sipvista.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.sipvista.net.SctpBytes.B;
import static io.sipvista.net.SctpBytes.E;
import static io.sipvista.net.SctpBytes.I;
import static io.sipvista.net.SctpBytes.U;
import static io.sipvista.net.SctpBytes.chunk;
import static io.sipvista.net.SctpBytes.data;
import static io.sipvista.net.SctpBytes.idata;
import static io.sipvista.net.SctpBytes.packet;
import static io.sipvista.net.SctpBytes.sack;
import static org.assertj.core.api.Assertions.assertThat;

class SctpChunksTest {
    private static final String SIP = "OPTIONS sip:a@b SIP/2.0\r\n\r\n";

    private static SctpChunks parse(byte[] packet) {
        return SctpChunks.parse(packet, 0, packet.length);
    }

    private static List<String> ids(SctpChunks c) {
        return c.anomalies().stream().map(Anomaly::id).toList();
    }

    @Test
    void commonHeader() {
        SctpChunks c = parse(packet(57098, 5060, 0x138d67a4L, data(B | E, 12, 0, 3, SIP)));
        assertThat(c.srcPort()).isEqualTo(57098);
        assertThat(c.dstPort()).isEqualTo(5060);
        assertThat(c.verificationTag()).isEqualTo(0x138d67a4L);
        assertThat(c.anomalies()).isEmpty();
    }

    @Test
    void dataChunkFields() {
        byte[] p = packet(5060, 5060, 1, data(B | E, 12, 7, 3, 0, SIP.getBytes(StandardCharsets.US_ASCII)));
        SctpChunks c = parse(p);
        assertThat(c.chunks()).hasSize(1);
        SctpChunk chunk = c.chunks().get(0);
        assertThat(chunk.type()).isEqualTo(SctpChunk.DATA);
        assertThat(chunk.flags()).isEqualTo(B | E);
        assertThat(chunk.length()).isEqualTo(16 + SIP.length());
        assertThat(chunk.offset()).isEqualTo(12);
        assertThat(chunk.valueOffset()).isEqualTo(16);
        assertThat(chunk.valueLength()).isEqualTo(12 + SIP.length());
        SctpData d = c.data().get(0);
        assertThat(d.interleaved()).isFalse();
        assertThat(d.tsn()).isEqualTo(12);
        assertThat(d.streamId()).isEqualTo(7);
        assertThat(d.streamSequence()).isEqualTo(3);
        assertThat(d.ppid()).isZero();
        assertThat(d.complete()).isTrue();
        assertThat(d.cut()).isFalse();
        assertThat(new String(p, d.dataOffset(), d.dataLength(), StandardCharsets.US_ASCII)).isEqualTo(SIP);
    }

    @Test
    void dataFlags() {
        SctpData d = parse(packet(1, 2, 3, data(U | I | B, 1, 0, 0, "x"))).data().get(0);
        assertThat(d.unordered()).isTrue();
        assertThat(d.immediate()).isTrue();
        assertThat(d.begin()).isTrue();
        assertThat(d.end()).isFalse();
        assertThat(d.complete()).isFalse();
    }

    @Test
    void tsnAndPpidAreUnsigned() {
        SctpData d = parse(packet(1, 2, 0xffffffffL, data(B | E, 0xfffffffeL, 0xffff, 0xffff, 0xfffffff0L,
                new byte[] {1}))).data().get(0);
        assertThat(d.tsn()).isEqualTo(0xfffffffeL);
        assertThat(d.ppid()).isEqualTo(0xfffffff0L);
        assertThat(d.streamId()).isEqualTo(0xffff);
        assertThat(d.streamSequence()).isEqualTo(0xffff);
    }

    @Test
    void chunksArePaddedToFourBytes() {
        byte[] p = packet(1, 2, 3, data(B | E, 5, 0, 0, "abcde"), sack(4));
        SctpChunks c = parse(p);
        assertThat(c.chunks()).extracting(SctpChunk::type).containsExactly(SctpChunk.DATA, SctpChunk.SACK);
        assertThat(c.chunks().get(0).length()).isEqualTo(21);
        assertThat(c.chunks().get(1).offset()).isEqualTo(12 + 24);
        assertThat(c.anomalies()).isEmpty();
    }

    @Test
    void missingPaddingAfterTheLastChunkIsAccepted() {
        byte[] p = packet(1, 2, 3, chunk(0, B | E, dataValue(9, "abcde"), false));
        SctpChunks c = parse(p);
        assertThat(c.data()).hasSize(1);
        assertThat(c.data().get(0).dataLength()).isEqualTo(5);
        assertThat(c.anomalies()).isEmpty();
    }

    @Test
    void chunkLengthBelowFourEndsTheWalk() {
        byte[] bad = {3, 0, 0, 2, 0, 0, 0, 0};
        SctpChunks c = parse(packet(1, 2, 3, sack(1), bad, sack(2)));
        assertThat(c.chunks()).hasSize(1);
        assertThat(ids(c)).containsExactly("sctp.chunk.invalid");
    }

    @Test
    void chunkRunningPastThePacketIsKeptAsFarAsPresent() {
        byte[] full = packet(1, 2, 3, data(B | E, 1, 0, 0, SIP));
        byte[] p = Arrays.copyOf(full, full.length - 10);
        SctpChunks c = parse(p);
        assertThat(ids(c)).containsExactly("sctp.truncated");
        assertThat(c.chunks().get(0).cut()).isTrue();
        SctpData d = c.data().get(0);
        assertThat(d.cut()).isTrue();
        assertThat(d.dataLength()).isEqualTo(SIP.length() - 10 + (full.length - 12 - 16 - SIP.length()));
    }

    @Test
    void chunkCutByTheCaptureIsNotReported() {
        byte[] full = packet(1, 2, 3, data(B | E, 1, 0, 0, SIP));
        SctpChunks c = SctpChunks.parse(full, 0, full.length - 10, true);
        assertThat(c.anomalies()).isEmpty();
        assertThat(c.data().get(0).cut()).isTrue();
    }

    @Test
    void commonHeaderCutShort() {
        SctpChunks c = SctpChunks.parse(new byte[11], 0, 11);
        assertThat(ids(c)).containsExactly("sctp.truncated");
        assertThat(c.srcPort()).isEqualTo(-1);
        assertThat(c.chunks()).isEmpty();
        assertThat(c.label()).isEqualTo("SCTP: header cut short");
    }

    @Test
    void packetWithoutChunks() {
        SctpChunks c = parse(packet(1, 2, 3));
        assertThat(ids(c)).containsExactly("sctp.chunk.missing");
        assertThat(c.label()).isEqualTo("SCTP 1 → 2: no chunks");
    }

    @Test
    void fewTrailingBytesAreNotAChunk() {
        byte[] p = packet(1, 2, 3, sack(1), new byte[] {0, 0});
        SctpChunks c = parse(p);
        assertThat(c.chunks()).hasSize(1);
        assertThat(ids(c)).containsExactly("sctp.chunk.invalid");
    }

    @Test
    void dataChunkShorterThanItsHeader() {
        SctpChunks c = parse(packet(1, 2, 3, chunk(0, B | E, new byte[8])));
        assertThat(c.chunks()).hasSize(1);
        assertThat(c.data()).isEmpty();
        assertThat(ids(c)).containsExactly("sctp.chunk.invalid");
    }

    @Test
    void dataChunkWithoutUserData() {
        SctpChunks c = parse(packet(1, 2, 3, data(B | E, 44, 0, 0, "")));
        assertThat(c.data()).isEmpty();
        assertThat(ids(c)).containsExactly("sctp.data.empty");
        assertThat(c.anomalies().get(0).detail()).contains("TSN 44");
    }

    @Test
    void iDataFirstFragmentCarriesThePpid() {
        SctpChunks c = parse(packet(1, 2, 3, idata(B, 10, 4, 77, 51, "abc")));
        SctpData d = c.data().get(0);
        assertThat(d.interleaved()).isTrue();
        assertThat(d.tsn()).isEqualTo(10);
        assertThat(d.streamId()).isEqualTo(4);
        assertThat(d.messageId()).isEqualTo(77);
        assertThat(d.ppid()).isEqualTo(51);
        assertThat(d.fragment()).isZero();
        assertThat(d.streamSequence()).isEqualTo(-1);
        assertThat(new String(c.bytes(), d.dataOffset(), d.dataLength(), StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void iDataLaterFragmentCarriesTheFragmentSequenceNumber() {
        SctpData d = parse(packet(1, 2, 3, idata(E, 11, 4, 77, 2, "def"))).data().get(0);
        assertThat(d.fragment()).isEqualTo(2);
        assertThat(d.ppid()).isEqualTo(-1);
        assertThat(d.end()).isTrue();
    }

    @Test
    void iDataShorterThanItsHeader() {
        SctpChunks c = parse(packet(1, 2, 3, chunk(64, B | E, new byte[12])));
        assertThat(c.data()).isEmpty();
        assertThat(ids(c)).containsExactly("sctp.chunk.invalid");
    }

    @Test
    void initBundledWithOtherChunks() {
        SctpChunks c = parse(packet(1, 2, 0, chunk(1, 0, new byte[16]), sack(1)));
        assertThat(ids(c)).containsExactly("sctp.chunk.bundled");
    }

    @Test
    void initAloneIsFine() {
        SctpChunks c = parse(packet(1, 2, 0, chunk(1, 0, new byte[16])));
        assertThat(c.anomalies()).isEmpty();
        assertThat(c.label()).isEqualTo("SCTP 1 → 2: INIT");
    }

    @Test
    void labelSummarisesDataAndSack() {
        SctpChunks c = parse(packet(5060, 5060, 3, data(B | E, 12, 0, 0, 0, new byte[640]), sack(9)));
        assertThat(c.label())
                .isEqualTo("SCTP 5060 → 5060: DATA TSN 12 stream 0 PPID 0, 640 bytes; SACK (cumulative TSN 9)");
    }

    @Test
    void labelNamesFragmentPositionAndOrder() {
        assertThat(parse(packet(1, 2, 3, data(B | U, 0, 0, 0, "ab"))).label())
                .isEqualTo("SCTP 1 → 2: DATA TSN 0 stream 0 PPID 0, 2 bytes [first part of a message, unordered]");
        assertThat(parse(packet(1, 2, 3, data(0, 1, 0, 0, "a"))).label())
                .isEqualTo("SCTP 1 → 2: DATA TSN 1 stream 0 PPID 0, 1 byte [middle part of a message]");
        assertThat(parse(packet(1, 2, 3, data(E, 2, 0, 0, "ab"))).label())
                .isEqualTo("SCTP 1 → 2: DATA TSN 2 stream 0 PPID 0, 2 bytes [last part of a message]");
    }

    @Test
    void labelOfIData() {
        assertThat(parse(packet(1, 2, 3, idata(E, 5, 1, 9, 3, "ab"))).label())
                .isEqualTo("SCTP 1 → 2: I-DATA TSN 5 stream 1 MID 9 FSN 3, 2 bytes [last part of a message]");
    }

    @Test
    void labelNamesControlChunks() {
        assertThat(parse(packet(1, 2, 3, chunk(2, 0, new byte[20]))).label()).isEqualTo("SCTP 1 → 2: INIT ACK");
        assertThat(parse(packet(1, 2, 3, chunk(10, 0, new byte[8]), chunk(4, 0, new byte[8]))).label())
                .isEqualTo("SCTP 1 → 2: COOKIE ECHO; HEARTBEAT");
        assertThat(parse(packet(1, 2, 3, chunk(11, 0, new byte[0]))).label()).isEqualTo("SCTP 1 → 2: COOKIE ACK");
        assertThat(parse(packet(1, 2, 3, chunk(6, 0, new byte[] {0, 12, 0, 4}))).label())
                .isEqualTo("SCTP 1 → 2: ABORT (cause 12)");
        assertThat(parse(packet(1, 2, 3, chunk(99, 0, new byte[0]))).label())
                .isEqualTo("SCTP 1 → 2: chunk type 99");
    }

    @Test
    void labelCountsChunksBeyondSix() {
        byte[][] sacks = new byte[8][];
        for (int i = 0; i < sacks.length; i++) {
            sacks[i] = chunk(5, 0, new byte[4]);
        }
        String label = parse(packet(1, 2, 3, sacks)).label();
        assertThat(label).endsWith("HEARTBEAT ACK; and 2 more chunks");
        assertThat(label.split("HEARTBEAT ACK", -1)).hasSize(7);
    }

    @Test
    void parseChunksReadsTheChunkAreaOnly() {
        byte[] p = packet(1, 2, 3, data(B | E, 5, 0, 0, "abc"));
        SctpChunks c = SctpChunks.parseChunks(p, 12, p.length - 12);
        assertThat(c.srcPort()).isEqualTo(-1);
        assertThat(c.verificationTag()).isEqualTo(-1);
        assertThat(c.data()).hasSize(1);
        assertThat(c.label()).isEqualTo("SCTP: DATA TSN 5 stream 0 PPID 0, 3 bytes");
    }

    @Test
    void parseAtAnOffset() {
        byte[] p = packet(1, 2, 3, data(B | E, 5, 0, 0, "abc"));
        byte[] framed = new byte[p.length + 20];
        System.arraycopy(p, 0, framed, 7, p.length);
        SctpChunks c = SctpChunks.parse(framed, 7, p.length);
        assertThat(c.dstPort()).isEqualTo(2);
        assertThat(new String(framed, c.data().get(0).dataOffset(), 3, StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void randomAndMutatedPacketsNeverThrow() {
        Random random = new Random(9260);
        byte[] seed = packet(5060, 5060, 7, data(B, 1, 0, 0, SIP), idata(E, 2, 1, 3, 1, "xyz"), sack(1),
                chunk(1, 0, new byte[16]));
        for (int i = 0; i < 20_000; i++) {
            byte[] p;
            if (i % 2 == 0) {
                p = seed.clone();
                for (int k = random.nextInt(6); k >= 0; k--) {
                    p[random.nextInt(p.length)] = (byte) random.nextInt(256);
                }
                p = Arrays.copyOf(p, random.nextInt(p.length + 1));
            } else {
                p = new byte[random.nextInt(80)];
                random.nextBytes(p);
            }
            SctpChunks c = SctpChunks.parse(p, 0, p.length, random.nextBoolean());
            for (SctpChunk ch : c.chunks()) {
                assertThat(ch.valueOffset() + ch.valueLength()).isLessThanOrEqualTo(p.length);
            }
            for (SctpData d : c.data()) {
                assertThat(d.dataOffset()).isGreaterThanOrEqualTo(0);
                assertThat(d.dataOffset() + d.dataLength()).isLessThanOrEqualTo(p.length);
            }
            assertThat(c.label()).startsWith("SCTP");
        }
    }

    private static byte[] dataValue(long tsn, String userData) {
        byte[] chunk = data(B | E, tsn, 0, 0, userData);
        return Arrays.copyOfRange(chunk, 4, 4 + 12 + userData.length());
    }
}
