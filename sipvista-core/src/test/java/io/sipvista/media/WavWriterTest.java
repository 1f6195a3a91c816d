package io.sipvista.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stereo WAV from two RTP directions: header, placement, loss, reordering, alignment, limits. */
class WavWriterTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000L * MS;

    @TempDir
    Path dir;

    /** A file read back: header fields and both channels. */
    record Wav(String riff, long riffSize, String wave, String fmt, int fmtSize, int format, int channels, int rate,
               int byteRate, int blockAlign, int bits, String data, long dataSize, short[] left, short[] right,
               long fileSize) {
        long samples() {
            return left.length;
        }
    }

    static Wav parse(byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        String riff = new String(b, 0, 4, StandardCharsets.US_ASCII);
        long riffSize = h.getInt(4) & 0xFFFFFFFFL;
        String wave = new String(b, 8, 4, StandardCharsets.US_ASCII);
        String fmt = new String(b, 12, 4, StandardCharsets.US_ASCII);
        String data = new String(b, 36, 4, StandardCharsets.US_ASCII);
        long dataSize = h.getInt(40) & 0xFFFFFFFFL;
        int frames = (b.length - 44) / 4;
        short[] l = new short[frames];
        short[] r = new short[frames];
        for (int i = 0; i < frames; i++) {
            l[i] = h.getShort(44 + 4 * i);
            r[i] = h.getShort(46 + 4 * i);
        }
        return new Wav(riff, riffSize, wave, fmt, h.getInt(16), h.getShort(20), h.getShort(22), h.getInt(24),
                h.getInt(28), h.getShort(32), h.getShort(34), data, dataSize, l, r, b.length);
    }

    /** Packets of a G.711 tone: 20 ms each (160 samples), from {@code start}, timestamps from {@code ts0}. */
    static List<AudioPacket> tone(double hz, long start, long ssrc, int pt, int count, long ts0, int seq0) {
        List<AudioPacket> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[160];
            for (int k = 0; k < 160; k++) {
                int v = (int) (8000 * Math.sin(2 * Math.PI * hz * (i * 160 + k) / 8000.0));
                p[k] = pt == 8 ? G711.encodeAlaw(v) : G711.encodeUlaw(v);
            }
            out.add(new AudioPacket(start + i * 20 * MS, ts0 + 160L * i, seq0 + i, ssrc, pt, p));
        }
        return out;
    }

    static List<AudioPacket> tone(double hz, long start, int count) {
        return tone(hz, start, 0x11111111L, 0, count, 90_000, 100);
    }

    private Wav write(List<AudioPacket> left, List<AudioPacket> right, AudioLimits limits, WavResult[] result)
            throws IOException {
        Path f = dir.resolve("call.wav");
        try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            result[0] = WavWriter.write(ch, left.iterator(), right.iterator(), limits);
        }
        return parse(Files.readAllBytes(f));
    }

    private Wav write(List<AudioPacket> left, List<AudioPacket> right, WavResult[] result) throws IOException {
        return write(left, right, AudioLimits.defaults(), result);
    }

    static long energy(short[] s, int from, int to) {
        long e = 0;
        for (int i = from; i < to; i++) {
            e += Math.abs(s[i]);
        }
        return e;
    }

    static boolean silent(short[] s, int from, int to) {
        return energy(s, from, to) == 0;
    }

    @Test
    void theHeaderDescribes16BitStereoPcmAt8000HzAndTheSizesAreSet() throws IOException {
        WavResult[] r = new WavResult[1];
        Wav w = write(tone(1000, T0, 10), tone(440, T0, 10), r);
        assertThat(w.riff()).isEqualTo("RIFF");
        assertThat(w.wave()).isEqualTo("WAVE");
        assertThat(w.fmt()).isEqualTo("fmt ");
        assertThat(w.fmtSize()).isEqualTo(16);
        assertThat(w.format()).isEqualTo(1);
        assertThat(w.channels()).isEqualTo(2);
        assertThat(w.rate()).isEqualTo(8000);
        assertThat(w.byteRate()).isEqualTo(32000);
        assertThat(w.blockAlign()).isEqualTo(4);
        assertThat(w.bits()).isEqualTo(16);
        assertThat(w.data()).isEqualTo("data");
        assertThat(w.dataSize()).isEqualTo(1600L * 4);
        assertThat(w.riffSize()).isEqualTo(w.fileSize() - 8);
        assertThat(w.fileSize()).isEqualTo(44 + 1600L * 4);
    }

    @Test
    void oneSecondOfPcmuPerSideGives8000SamplesPerChannelThatAreNotSilence() throws IOException {
        WavResult[] r = new WavResult[1];
        Wav w = write(tone(1000, T0, 50), tone(440, T0 + 5 * MS, 50), r);
        assertThat(w.samples()).isEqualTo(8000 + 40); // the right side started 5 ms (40 samples) later
        assertThat(r[0].samplesPerChannel()).isEqualTo(8040);
        assertThat(r[0].durationMs()).isEqualTo(1005);
        assertThat(energy(w.left(), 0, 8000)).isGreaterThan(8000L * 1000);
        assertThat(energy(w.right(), 40, 8040)).isGreaterThan(8000L * 1000);
        assertThat(r[0].left().decoded()).isEqualTo(50);
        assertThat(r[0].right().decoded()).isEqualTo(50);
        assertThat(r[0].notes()).isEmpty();
    }

    @Test
    void theSamplesAreTheG711DecodedPayloadInOrder() throws IOException {
        List<AudioPacket> left = tone(1000, T0, 3);
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        byte[] second = left.get(1).payload();
        for (int k = 0; k < 160; k++) {
            assertThat(w.left()[160 + k]).isEqualTo(G711.ulaw(second[k]));
        }
        assertThat(silent(w.right(), 0, 480)).isTrue();
        assertThat(r[0].notes()).containsExactly("right channel: no packets; the channel is silent");
    }

    @Test
    void pcmaIsDecodedToo() throws IOException {
        List<AudioPacket> left = tone(1000, T0, 0x2222L, 8, 5, 0, 1);
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(w.left()[5]).isEqualTo(G711.alaw(left.get(0).payload()[5]));
        assertThat(r[0].left().decoded()).isEqualTo(5);
    }

    @Test
    void lostPacketsLeaveSilenceOfTheirLength() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 50));
        left.subList(10, 15).clear(); // packets 10-14: samples 1600-2399
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(w.samples()).isEqualTo(8000);
        assertThat(silent(w.left(), 1600, 2400)).isTrue();
        assertThat(energy(w.left(), 1440, 1600)).isPositive();
        assertThat(energy(w.left(), 2400, 2560)).isPositive();
    }

    @Test
    void reorderedPacketsArePutInTheirPlace() throws IOException {
        List<AudioPacket> inOrder = tone(1000, T0, 50);
        List<AudioPacket> swapped = new ArrayList<>(inOrder);
        AudioPacket a = inOrder.get(10);
        AudioPacket b = inOrder.get(11);
        // 11 arrives at 10's time, 10 arrives 30 ms later
        swapped.set(10, new AudioPacket(a.arrivalNanos(), b.rtpTimestamp(), b.sequence(), b.ssrc(), 0, b.payload()));
        swapped.set(11, new AudioPacket(a.arrivalNanos() + 30 * MS, a.rtpTimestamp(), a.sequence(), a.ssrc(), 0,
                a.payload()));
        WavResult[] r1 = new WavResult[1];
        WavResult[] r2 = new WavResult[1];
        Wav expected = write(inOrder, List.of(), r1);
        Wav actual = write(swapped, List.of(), r2);
        assertThat(actual.left()).isEqualTo(expected.left());
        assertThat(r2[0].left().late()).isZero();
    }

    @Test
    void duplicatesAreDroppedAndCounted() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 20));
        AudioPacket d = left.get(5);
        left.add(6, new AudioPacket(d.arrivalNanos() + MS, d.rtpTimestamp(), d.sequence(), d.ssrc(), 0,
                new byte[160])); // same seq, other bytes: must not overwrite
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(r[0].left().duplicates()).isEqualTo(1);
        assertThat(energy(w.left(), 800, 960)).isPositive();
        assertThat(r[0].notes()).contains("left channel: 1 duplicate packet dropped");
    }

    @Test
    void aPacketLaterThanTheReorderWindowIsDroppedAndCounted() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 100));
        AudioPacket p = left.remove(10);
        left.add(80, new AudioPacket(T0 + 1600 * MS + MS, p.rtpTimestamp(), p.sequence(), p.ssrc(), 0,
                p.payload()));
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(r[0].left().late()).isEqualTo(1);
        assertThat(silent(w.left(), 1600, 1760)).isTrue();
        assertThat(w.samples()).isEqualTo(16000);
        assertThat(r[0].notes()).contains(
                "left channel: 1 packet arrived too late for their place (more than 500 ms out of order), dropped");
    }

    @Test
    void theDirectionsAreLinedUpByTheArrivalOfTheirFirstPacket() throws IOException {
        // the right side answers half a second later, with unrelated timestamps and SSRC
        WavResult[] r = new WavResult[1];
        Wav w = write(tone(1000, T0, 50), tone(440, T0 + 500 * MS, 0x99L, 0, 50, 7_777_777L, 40_000), r);
        assertThat(w.samples()).isEqualTo(4000 + 8000);
        assertThat(silent(w.right(), 0, 4000)).isTrue();
        assertThat(energy(w.right(), 4000, 4160)).isPositive();
        assertThat(energy(w.left(), 0, 160)).isPositive();
        assertThat(silent(w.left(), 8000, 12000)).isTrue();
    }

    @Test
    void aPayloadTypeThatCannotBeDecodedIsNamedAndWrittenAsSilence() throws IOException {
        List<AudioPacket> g729 = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            g729.add(new AudioPacket(T0 + i * 20 * MS, 160L * i, i, 0x5L, 18, new byte[20]));
        }
        WavResult[] r = new WavResult[1];
        Wav w = write(tone(1000, T0, 50), g729, r);
        assertThat(w.samples()).isEqualTo(8000);
        assertThat(silent(w.right(), 0, 8000)).isTrue();
        assertThat(r[0].right().skipped()).isEqualTo(50);
        assertThat(r[0].right().decoded()).isZero();
        assertThat(r[0].right().skippedByPayloadType()).containsEntry(18, 50L);
        assertThat(r[0].notes()).containsExactly(
                "right channel: payload type 18 (G729) cannot be decoded: 50 packets skipped, written as silence");
    }

    @Test
    void comfortNoiseIsSilenceAndSaidSo() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 10));
        left.add(new AudioPacket(T0 + 200 * MS, 90_000 + 1600, 110, 0x11111111L, 13, new byte[] {40}));
        WavResult[] r = new WavResult[1];
        write(left, List.of(), r);
        assertThat(r[0].notes()).containsExactly("left channel: payload type 13 (CN) is comfort noise: 1 packet "
                + "written as silence", "right channel: no packets; the channel is silent");
    }

    @Test
    void theLengthLimitIsKept() throws IOException {
        WavResult[] r = new WavResult[1];
        Wav w = write(tone(1000, T0, 50), tone(440, T0, 50), AudioLimits.defaults().withMaxDurationMs(500), r);
        assertThat(w.samples()).isEqualTo(4000);
        assertThat(w.dataSize()).isEqualTo(16000);
        assertThat(w.fileSize()).isEqualTo(44 + 16000);
        assertThat(r[0].left().pastLimit()).isEqualTo(25);
        assertThat(r[0].notes()).contains("the file stops at the longest duration of 500 ms",
                "left channel: 25 packets past the longest duration of 500 ms not written (or cut)");
    }

    @Test
    void aLongPauseOfBothDirectionsIsShortened() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 50));
        // one hour later (timestamps moved on as with silence suppression), another second
        left.addAll(tone(1000, T0 + 3_601_000 * MS, 0x11111111L, 0, 50, 90_000 + 8000L * 3601, 150));
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(w.samples()).isEqualTo(8000 + 80_000 + 8000); // the pause kept to 10 s
        assertThat(silent(w.left(), 8000, 88_000)).isTrue();
        assertThat(energy(w.left(), 88_000, 88_160)).isPositive();
        assertThat(r[0].notes()).containsExactly("right channel: no packets; the channel is silent",
                "1 pause with no packets in either direction shortened to 10 s (3590 s of silence left out)");
    }

    @Test
    void aTimestampJumpIsPlacedAgainByArrivalTime() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 25));
        // the sender restarts its timestamps 3 000 000 units ahead (over 6 minutes) without a pause
        left.addAll(tone(1000, T0 + 500 * MS, 0x11111111L, 0, 25, 3_090_000L, 125));
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(w.samples()).isEqualTo(8000);
        assertThat(energy(w.left(), 4000, 4160)).isPositive();
        assertThat(r[0].left().timestampJumps()).isEqualTo(1);
        assertThat(r[0].notes()).contains("left channel: RTP timestamp strayed more than 2 s from the arrival time "
                + "1 time; placed again by arrival time");
    }

    @Test
    void anSsrcChangeIsPlacedByArrivalTime() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 25));
        left.addAll(tone(1000, T0 + 600 * MS, 0xABCDL, 0, 25, 12345L, 7));
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(w.samples()).isEqualTo(4800 + 4000);
        assertThat(silent(w.left(), 4000, 4800)).isTrue();
        assertThat(energy(w.left(), 4800, 4960)).isPositive();
        assertThat(r[0].left().ssrcChanges()).isEqualTo(1);
    }

    @Test
    void aHostileTimestampCannotMakeAHugeFile() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 10));
        left.add(new AudioPacket(T0 + 200 * MS, 90_000 + 2_000_000_000L, 110, 0x11111111L, 0, new byte[160]));
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        assertThat(w.samples()).isEqualTo(1600 + 160);
    }

    @Test
    void aHostileArrivalTimeCannotMakeAHugeFile() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 10));
        left.add(new AudioPacket(Long.MAX_VALUE, 90_000 + 1600, 110, 0x11111111L, 0, new byte[160]));
        WavResult[] r = new WavResult[1];
        Wav w = write(left, List.of(), r);
        // the arrival is clamped, then the pause before it is shortened to 10 s (80 000 samples)
        assertThat(w.samples()).isEqualTo(1600 + 80_000 + 160);
    }

    @Test
    void aPacketHeldUpLongerThanTheJumpLimitIsLateAndDisturbsNothing() throws IOException {
        List<AudioPacket> inOrder = tone(1000, T0, 200);
        List<AudioPacket> held = new ArrayList<>(inOrder);
        AudioPacket p = held.remove(10);
        // packet 10 (due at 200 ms) arrives 3 s late, after packet 159
        held.add(159, new AudioPacket(T0 + 3200 * MS + MS, p.rtpTimestamp(), p.sequence(), p.ssrc(), 0,
                p.payload()));
        WavResult[] r1 = new WavResult[1];
        WavResult[] r2 = new WavResult[1];
        Wav expected = write(inOrder, List.of(), r1);
        Wav actual = write(held, List.of(), r2);
        assertThat(r2[0].left().late()).isEqualTo(1);
        assertThat(r2[0].left().timestampJumps()).isZero();
        assertThat(silent(actual.left(), 1600, 1760)).isTrue();
        assertThat(java.util.Arrays.copyOfRange(actual.left(), 1760, 32000))
                .isEqualTo(java.util.Arrays.copyOfRange(expected.left(), 1760, 32000));
    }

    @Test
    void anOutputStreamGetsTheSameBytesByReadingThePacketsTwice() throws IOException {
        List<AudioPacket> left = new ArrayList<>(tone(1000, T0, 50));
        left.subList(20, 23).clear();
        List<AudioPacket> right = tone(440, T0 + 300 * MS, 0x7L, 8, 40, 0, 0);
        WavResult[] r = new WavResult[1];
        write(left, right, r);
        byte[] seekable = Files.readAllBytes(dir.resolve("call.wav"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavResult streamed = WavWriter.write(out, left::iterator, right::iterator, AudioLimits.defaults());
        assertThat(out.toByteArray()).isEqualTo(seekable);
        assertThat(streamed).isEqualTo(r[0]);
    }

    @Test
    void noPacketsGiveAnEmptyButValidFile() throws IOException {
        WavResult[] r = new WavResult[1];
        Wav w = write(Collections.emptyList(), Collections.emptyList(), r);
        assertThat(w.fileSize()).isEqualTo(44);
        assertThat(w.dataSize()).isZero();
        assertThat(w.riffSize()).isEqualTo(36);
        assertThat(r[0].samplesPerChannel()).isZero();
    }

    @Test
    void theFileStartsWhereTheChannelWasPositioned() throws IOException {
        Path f = dir.resolve("offset.wav");
        try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            WavWriter.write(ch, tone(1000, T0, 2).iterator(), Collections.emptyIterator(), AudioLimits.defaults());
        }
        byte[] b = Files.readAllBytes(f);
        Wav w = parse(java.util.Arrays.copyOfRange(b, 3, b.length));
        assertThat(w.riff()).isEqualTo("RIFF");
        assertThat(w.dataSize()).isEqualTo(320L * 4);
    }

    @Test
    void pushingPacketsOneByOneMatchesTheMergedWriting() throws IOException {
        List<AudioPacket> left = tone(1000, T0, 20);
        List<AudioPacket> right = tone(440, T0 + 10 * MS, 20);
        WavResult[] r = new WavResult[1];
        write(left, right, r);
        byte[] merged = Files.readAllBytes(dir.resolve("call.wav"));
        Path f = dir.resolve("push.wav");
        try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            WavWriter w = new WavWriter(ch, AudioLimits.defaults());
            for (int i = 0; i < 20; i++) {
                w.accept(AudioChannel.LEFT, left.get(i));
                w.accept(AudioChannel.RIGHT, right.get(i));
            }
            assertThat(w.finish()).isEqualTo(r[0]);
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(merged);
    }
}
