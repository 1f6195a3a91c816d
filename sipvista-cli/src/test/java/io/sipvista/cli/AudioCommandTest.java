package io.sipvista.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipvista.testkit.SeedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code audio}: one call's RTP as a stereo WAV file, as a user runs it. */
class AudioCommandTest {
    @TempDir
    Path dir;

    private Path seed() throws IOException {
        Path p = dir.resolve("sip-register-and-call.pcap");
        Files.write(p, SeedCapture.bytes());
        return p;
    }

    private static Path corpus(String name) {
        Path root = Path.of(System.getProperty("sipvista.root", "..")).toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("corpus/pcaps"))) {
            root = root.getParent();
        }
        assertThat(root).isNotNull();
        return root.resolve("corpus/pcaps").resolve(name);
    }

    /** A 16-bit stereo PCM file read back: header fields checked, the samples of each channel. */
    private record Wav(int format, int channels, int rate, int bits, short[] left, short[] right) {
        static Wav read(Path p) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(ascii(b, 0)).isEqualTo("RIFF");
            assertThat(b.getInt(4)).isEqualTo(b.capacity() - 8);
            assertThat(ascii(b, 8)).isEqualTo("WAVE");
            assertThat(ascii(b, 12)).isEqualTo("fmt ");
            assertThat(b.getInt(16)).isEqualTo(16);
            assertThat(ascii(b, 36)).isEqualTo("data");
            int data = b.getInt(40);
            assertThat(data).isEqualTo(b.capacity() - 44);
            assertThat(b.getInt(28)).isEqualTo(b.getInt(24) * 4); // byte rate
            assertThat(b.getShort(32)).isEqualTo((short) 4); // block align
            int frames = data / 4;
            short[] l = new short[frames];
            short[] r = new short[frames];
            for (int i = 0; i < frames; i++) {
                l[i] = b.getShort(44 + 4 * i);
                r[i] = b.getShort(46 + 4 * i);
            }
            return new Wav(b.getShort(20), b.getShort(22), b.getInt(24), b.getShort(34), l, r);
        }

        private static String ascii(ByteBuffer b, int at) {
            byte[] four = new byte[4];
            b.get(at, four);
            return new String(four, StandardCharsets.US_ASCII);
        }

        double seconds() {
            return left.length / (double) rate;
        }

        static double rms(short[] samples) {
            double sum = 0;
            for (short s : samples) {
                sum += (double) s * s;
            }
            return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
        }
    }

    private void assertNothingWritten() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".pcap"));
        }
    }

    @Test
    void theG711CorpusCallIsAStereoFileOfItsStreamsLengthAndNotSilence() throws IOException {
        Path capture = corpus("wssamples__sip-rtp-g711.pcap");
        Path out = dir.resolve("call.wav");
        MainTest.Run r = MainTest.run("audio", capture.toString(), "--call", "call-1", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Wav wav = Wav.read(out);
        assertThat(wav.format()).isEqualTo(1);
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.rate()).isEqualTo(8000);
        assertThat(wav.bits()).isEqualTo(16);
        // the span of the call's streams (tshark -z rtp,streams: 0.022690 to 8.502667) plus the last 20 ms packet
        JsonNode streams = new ObjectMapper().readTree(MainTest.run("analyze", "--format", "json",
                capture.toString()).out()).get("streams");
        Instant first = null;
        Instant last = null;
        for (JsonNode s : streams) {
            if ("call-1".equals(s.get("call").asText())) {
                Instant a = Instant.parse(s.get("firstTime").asText());
                Instant b = Instant.parse(s.get("lastTime").asText());
                first = first == null || a.isBefore(first) ? a : first;
                last = last == null || b.isAfter(last) ? b : last;
            }
        }
        assertThat(first).isNotNull();
        double span = Duration.between(first, last).toNanos() / 1e9 + 0.020;
        assertThat(wav.seconds()).isCloseTo(span, within(0.1));
        assertThat(wav.seconds()).isCloseTo(8.5, within(0.1));
        // this capture holds one direction only (10.0.2.15, the callee, to the caller; tshark shows one stream per
        // call): the callee's channel carries speech, the caller's is silent and said to be
        assertThat(Wav.rms(wav.right())).isGreaterThan(100);
        assertThat(Wav.rms(wav.left())).isZero();
        assertThat(r.out()).isEqualTo(out + ": 8.5 s stereo, 8000 Hz, left sipp (no stream: silence), right test from"
                + " 10.0.2.15:27942 (PCMU, 425 packets)\n  left channel: no packets; the channel is silent\n");
    }

    @Test
    void theSeedCallHasBothDirectionsInAShortFile() throws IOException {
        Path out = dir.resolve("seed.wav");
        MainTest.Run r = MainTest.run("audio", seed().toString(), "--call", "call-1", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Wav wav = Wav.read(out);
        assertThat(wav.channels()).isEqualTo(2);
        // 3 packets of 30 ms from the callee (frames 41, 43, 46), 1 from the caller (frame 42)
        assertThat(wav.seconds()).isGreaterThan(0.06).isLessThan(0.2);
        assertThat(Wav.rms(wav.left())).isGreaterThan(100);
        assertThat(Wav.rms(wav.right())).isGreaterThan(100);
        assertThat(r.out()).isEqualTo(out + ": 0.1 s stereo, 8000 Hz, left 4505656010 from 192.168.9.212:2222 (PCMU,"
                + " 1 packet), right 4182618006 from 192.168.9.205:16468 (PCMU, 3 packets)\n");
    }

    @Test
    void aCallWithNoRtpIsAnErrorAndWritesNothing() throws IOException {
        Path out = dir.resolve("none.wav");
        MainTest.Run r = MainTest.run("audio", corpus("sngrep__aaa.pcap").toString(), "--call", "call-1", "-o",
                out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("call-1 has no RTP audio in this capture; nothing written");
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aG726CallIsWrittenAsSilenceAndSaysWhatCannotBeDecoded() throws IOException {
        Path out = dir.resolve("g726.wav");
        MainTest.Run r = MainTest.run("audio", corpus("wssamples__sip-rtp-g726.pcap").toString(), "--call", "call-1",
                "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Wav wav = Wav.read(out);
        assertThat(wav.seconds()).isCloseTo(8.5, within(0.1));
        assertThat(Wav.rms(wav.right())).isZero();
        assertThat(r.out()).contains("right test from 10.0.2.15:26326 (G726-16, 425 packets)")
                .contains("right channel: payload type 99 (dynamic) cannot be decoded: 425 packets skipped,"
                        + " written as silence");
    }

    @Test
    void anUnknownCallIsAnErrorAndWritesNothing() throws IOException {
        Path out = dir.resolve("none.wav");
        MainTest.Run r = MainTest.run("audio", seed().toString(), "--call", "call-9", "-o", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no call call-9 (the capture has 1 call");
        assertThat(out).doesNotExist();
        assertNothingWritten();
    }

    @Test
    void standardInputIsAUsageError() {
        MainTest.Run r = MainTest.run("audio", "-", "--call", "call-1", "-o", dir.resolve("x.wav").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give a file, not standard input");
        assertThat(dir.resolve("x.wav")).doesNotExist();
    }

    private static io.sipvista.analysis.MediaStream stream(String callId, boolean inferred, String src, String dst,
                                                           long first) {
        return new io.sipvista.analysis.MediaStream("call-1", callId, inferred ? null : "audio", "rtp", inferred, src,
                dst, null, inferred ? 0 : 1, first, java.util.List.of(0), java.util.List.of("PCMU/8000"),
                "PCMU/8000", 10, 10, 0, 0, 0, 0, 0, 0, true, 0, 0, 20, 20, 20, null, first, first + 10, null, null,
                null, java.util.List.of(), 0, 8000, 0, null, null, null, java.util.List.of());
    }

    private static io.sipvista.correlate.CallLeg leg(String callId, String src, String dst) {
        return new io.sipvista.correlate.CallLeg(callId, null, null, null, src, dst, 1, Instant.EPOCH, null, null,
                null, 200, io.sipvista.correlate.CallOutcome.ANSWERED, io.sipvista.correlate.CallLeg.Tie.FIRST,
                java.util.List.of());
    }

    private static io.sipvista.correlate.Call call(io.sipvista.correlate.CallLeg... legs) {
        java.util.List<String> ids = java.util.Arrays.stream(legs).map(io.sipvista.correlate.CallLeg::callId)
                .toList();
        return new io.sipvista.correlate.Call("call-1", ids, null, null, java.util.List.of(legs), Instant.EPOCH,
                null, null, null, null, null, null, io.sipvista.correlate.CallOutcome.ANSWERED, 200, "PCMU/8000",
                java.util.List.of("PCMU/8000"), java.util.List.of(1L));
    }

    @Test
    void aStreamSentFromTheInvitesSourceHostIsTheCallersEvenWhenItComesSecond() {
        var fromCallee = stream("a", false, "10.0.0.2:4000", "10.0.0.1:5000", 5);
        var fromCaller = stream("a", false, "10.0.0.1:5000", "10.0.0.2:4000", 6);
        var placed = AudioCommand.place(call(leg("a", "10.0.0.1:5060", "10.0.0.2:5060")),
                java.util.List.of(fromCallee, fromCaller));
        assertThat(placed).containsEntry(fromCaller, io.sipvista.media.AudioChannel.LEFT)
                .containsEntry(fromCallee, io.sipvista.media.AudioChannel.RIGHT).hasSize(2);
    }

    @Test
    void inferredStreamsPutTheFirstSeenLeftAndItsReverseRight() {
        var first = stream(null, true, "10.9.0.7:7000", "10.9.0.8:8000", 5);
        var reverse = stream(null, true, "10.9.0.8:8000", "10.9.0.7:7000", 6);
        var newSsrc = stream(null, true, "10.9.0.7:7000", "10.9.0.8:8000", 9);
        var placed = AudioCommand.place(call(leg("a", "10.0.0.1:5060", "10.0.0.2:5060")),
                java.util.List.of(first, reverse, newSsrc));
        assertThat(placed).containsEntry(first, io.sipvista.media.AudioChannel.LEFT)
                .containsEntry(reverse, io.sipvista.media.AudioChannel.RIGHT)
                .containsEntry(newSsrc, io.sipvista.media.AudioChannel.LEFT);
    }

    @Test
    void aB2buaRelayingMediaGivesEachSideTheStreamsOfTheFirstLeg() {
        // caller 10.0.0.1 -> B2BUA 10.0.0.5 -> callee 10.0.0.9; the B2BUA relays the voice on its second leg
        var callerToB2bua = stream("a", false, "10.0.0.1:5000", "10.0.0.5:6000", 5);
        var b2buaToCaller = stream("a", false, "10.0.0.5:6000", "10.0.0.1:5000", 6);
        var b2buaToCallee = stream("b", false, "10.0.0.5:6002", "10.0.0.9:7000", 7);
        var calleeToB2bua = stream("b", false, "10.0.0.9:7000", "10.0.0.5:6002", 8);
        var placed = AudioCommand.place(call(leg("a", "10.0.0.1:5060", "10.0.0.5:5060"),
                leg("b", "10.0.0.5:5060", "10.0.0.9:5060")),
                java.util.List.of(callerToB2bua, b2buaToCaller, b2buaToCallee, calleeToB2bua));
        assertThat(placed).containsOnlyKeys(callerToB2bua, b2buaToCaller)
                .containsEntry(callerToB2bua, io.sipvista.media.AudioChannel.LEFT)
                .containsEntry(b2buaToCaller, io.sipvista.media.AudioChannel.RIGHT);
    }

    @Test
    void aCallWithOnlyRtcpOrVideoHasNothingToPlace() {
        var video = new io.sipvista.analysis.MediaStream("call-1", "a", "video", "rtp", false, "10.0.0.1:5000",
                "10.0.0.2:4000", null, 1, 1, java.util.List.of(96), java.util.List.of("H264/90000"), "H264/90000",
                10, 10, 0, 0, 0, 0, 0, 0, true, 0, 0, 20, 20, 20, null, 5, 15, null, null, null, java.util.List.of(), 0,
                90000, 0, null, null, null, java.util.List.of());
        assertThat(AudioCommand.place(call(leg("a", "10.0.0.1:5060", "10.0.0.2:5060")), java.util.List.of(video)))
                .isEmpty();
    }

    @Test
    void hostsAreTheAddressWithoutThePort() {
        assertThat(AudioCommand.host("10.0.0.1:5060")).isEqualTo("10.0.0.1");
        assertThat(AudioCommand.host("[2001:db8::1]:5060")).isEqualTo("2001:db8::1");
        assertThat(AudioCommand.host("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(AudioCommand.host("10.0.0.1")).isEqualTo("10.0.0.1");
    }
}
