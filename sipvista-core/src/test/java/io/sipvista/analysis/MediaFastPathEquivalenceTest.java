package io.sipvista.analysis;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.report.AnalysisWriter;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.PcapngWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The media fast path ({@link io.sipvista.frame.MediaFastPath}, {@link MediaStreams#fastPacket}) changes nothing in
 * what the analysis says: the analysis JSON of every corpus capture and of synthetic call mixes is byte for byte the
 * one of the analysis without it; and on RTP-heavy captures it does take most media frames.
 */
class MediaFastPathEquivalenceTest {
    @TempDir
    Path dir;

    /** The analysis JSON, and how many frames the fast path took. */
    private record Run(String json, long fast, long frames) {
    }

    private static Run analyse(Path file, CaptureAnalysis.Keep keep, boolean fastPath) throws IOException {
        AtomicLong fast = new AtomicLong(-1);
        CaptureAnalysis.Result a;
        try (CaptureReader r = Captures.open(file)) {
            a = CaptureAnalysis.run(r, FrameLimits.DEFAULT, keep, held -> { }, fastPath, fast::set);
        }
        StringWriter out = new StringWriter();
        AnalysisWriter.json(out, file.getFileName().toString(), a);
        return new Run(out.toString(), fast.get(), a.frames());
    }

    /** Asserts both runs give the same JSON; returns the run with the fast path. */
    private static Run same(Path file) throws IOException {
        Run slow = analyse(file, CaptureAnalysis.Keep.SUMMARY, false);
        Run fast = analyse(file, CaptureAnalysis.Keep.SUMMARY, true);
        assertThat(slow.fast()).as("no fast path asked for").isZero();
        assertSameJson(file.getFileName().toString(), fast.json(), slow.json());
        return fast;
    }

    /** Equal texts; else a failure showing where they part (the whole JSON would drown it). */
    private static void assertSameJson(String what, String fast, String slow) {
        if (fast.equals(slow)) {
            return;
        }
        int i = 0;
        while (i < fast.length() && i < slow.length() && fast.charAt(i) == slow.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 300);
        assertThat(fast.substring(from, Math.min(fast.length(), i + 100)))
                .as("%s: the analysis with the fast path parts from the one without at character %d", what, i)
                .isEqualTo(slow.substring(from, Math.min(slow.length(), i + 100)));
    }

    private Path synthetic(String name, SyntheticCalls.Options o) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(o, w);
        }
        return file;
    }

    private static SyntheticCalls.Options mix(int calls, int concurrent, double hold, long seed) {
        return new SyntheticCalls.Options(calls, SyntheticCalls.Options.ratePerSecond(concurrent, hold), hold, 0.1,
                0.05, true, seed, true).withRtcp(true).withRegistrations(60).withNotFoundShare(0.05);
    }

    @Test
    void everyCorpusCaptureGivesTheSameAnalysis() throws IOException {
        Path corpus = Paths.get("..", "corpus", "pcaps");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(35);
        long fast = 0;
        for (Path p : files) {
            fast += same(p).fast();
        }
        assertThat(fast).as("frames the fast path took in the corpus").isPositive();
    }

    @Test
    void aFewCallsAtATimeGiveTheSameAnalysisMostlyOnTheFastPath() throws IOException {
        Run r = same(synthetic("few.pcap", mix(20, 2, 6, 3)));
        assertThat(r.fast()).isGreaterThan(r.frames() / 2);
    }

    @Test
    void manyCallsAtATimeGiveTheSameAnalysisMostlyOnTheFastPath() throws IOException {
        Run r = same(synthetic("many.pcap", mix(300, 60, 12, 11)));
        assertThat(r.fast()).isGreaterThan(r.frames() * 8 / 10);
    }

    @Test
    void callsWithoutRtcpOrRegistrationsGiveTheSameAnalysis() throws IOException {
        Run r = same(synthetic("plain.pcap", new SyntheticCalls.Options(60, 5, 8, 0.2, 0.2, false, 5, true)));
        assertThat(r.fast()).isGreaterThan(r.frames() / 2);
    }

    @Test
    void keepingMessagesGivesTheSameAnalysis() throws IOException {
        Path file = synthetic("kept.pcap", mix(40, 8, 5, 9));
        Run slow = analyse(file, CaptureAnalysis.Keep.MESSAGES, false);
        Run fast = analyse(file, CaptureAnalysis.Keep.MESSAGES, true);
        assertSameJson("kept.pcap", fast.json(), slow.json());
        assertThat(fast.fast()).isGreaterThan(fast.frames() / 2);
    }

    @Test
    void framesTheFastPathDeclinesAmongThoseItTakesGiveTheSameAnalysis() throws IOException {
        // the same flows, some frames VLAN-tagged, some with link padding, some marked cut by the snaplen (those go
        // the slow path in the middle of flows the fast path follows)
        Path file = dir.resolve("mixed.pcap");
        long[] n = {0};
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(mix(30, 6, 6, 17), (SyntheticCalls.Output) (sec, nanos, frame) -> {
                long i = n[0]++;
                byte[] f = frame;
                if (i % 3 == 0) {
                    f = new byte[frame.length + 4];
                    System.arraycopy(frame, 0, f, 0, 12);
                    f[12] = (byte) 0x81;
                    f[14] = 0x00;
                    f[15] = 42;
                    System.arraycopy(frame, 12, f, 16, frame.length - 12);
                }
                if (i % 41 == 0) {
                    f = java.util.Arrays.copyOf(f, f.length + 8);
                }
                w.write(sec, nanos, f, i % 53 == 0 ? f.length + 10 : f.length);
            });
        }
        Run r = same(file);
        assertThat(r.fast()).isGreaterThan(r.frames() / 2).isLessThan(r.frames() - r.frames() / 60);
    }

    @Test
    void sdpChangesInTheMiddleOfFlowsGiveTheSameAnalysis() throws IOException {
        // a re-INVITE moving a port, a hold with RTP sent on towards the held side, an SSRC change with no SDP,
        // RFC 4733 events, RTCP, a flow idle for longer than the linger, and RTP that no SDP announced
        MediaScenario.Party alice = new MediaScenario.Party("10.0.0.1", 5060, "alice");
        MediaScenario.Party bob = new MediaScenario.Party("10.0.0.2", 5060, "bob");
        MediaScenario sc = new MediaScenario();
        sc.call(0, "move", alice, bob, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 70_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        sc.audio(100, 400, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB1, 1, 0);
        sc.request(3_000, "INVITE", "move", 2, bob, alice, true, MediaScenario.sdp("10.0.0.2", 6002, "sendrecv"));
        sc.response(3_010, 200, "OK", "INVITE", "move", 2, bob, alice, alice, bob,
                MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"));
        sc.audio(3_100, 100, "10.0.0.1", 4000, "10.0.0.2", 6002, 0xA1, 101, 0);
        sc.request(6_000, "INVITE", "move", 3, alice, bob, true, MediaScenario.sdp("10.0.0.1", 4000, "sendonly"));
        sc.response(6_010, 200, "OK", "INVITE", "move", 3, alice, bob, bob, alice,
                MediaScenario.sdp("10.0.0.2", 6002, "recvonly"));
        sc.audio(8_100, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB2, 500, 0); // new SSRC, towards the held side
        for (int i = 0; i < 6; i++) {
            sc.udp(10_000 + 20L * i, "10.0.0.2", 6000, "10.0.0.1", 4000,
                    MediaScenario.event(101, i == 0, 600 + i, 90_000, 0xB2, 5, i == 5, 160 * (i + 1)));
            sc.udp(10_005 + 1000L * i, "10.0.0.1", 4001, "10.0.0.2", 6001, MediaScenario.rtcpRr(0xA1));
        }
        sc.audio(11_000, 50, "10.9.9.9", 30_000, "10.0.0.1", 4000, 0xC1, 1, 0); // announced by no SDP to it
        sc.audio(50_000, 100, "10.0.0.2", 6000, "10.0.0.1", 4000, 0xB2, 700, 0); // after 39 s of silence
        sc.audio(50_000, 100, "10.8.8.8", 40_000, "10.8.8.9", 40_002, 0xD1, 1, 0); // no SDP at all
        CaptureAnalysis.Result slowResult = sc.run(false, fast -> { });
        AtomicLong fast = new AtomicLong();
        CaptureAnalysis.Result fastResult = sc.run(true, fast::set);
        StringWriter slow = new StringWriter();
        AnalysisWriter.json(slow, "scenario", slowResult);
        StringWriter quick = new StringWriter();
        AnalysisWriter.json(quick, "scenario", fastResult);
        assertSameJson("scenario", quick.toString(), slow.toString());
        assertThat(slow.toString()).contains("\"kind\":\"hold\"").contains("\"event\":\"5\"");
        assertThat(fast.get()).isGreaterThan(fastResult.frames() / 2);
    }

    @Test
    void pcapngIsReadTheSameWay() throws IOException {
        Path file = dir.resolve("mix.pcapng");
        try (OutputStream out = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(out, false)) {
            SyntheticCalls.write(mix(20, 4, 5, 13), w);
        }
        Run r = same(file);
        assertThat(r.fast()).isGreaterThan(r.frames() / 2);
    }
}
