package io.sipvista.analysis;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.CallAssembler;
import io.sipvista.correlate.CallOutcome;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.FrameLimits;
import io.sipvista.insight.Finding;
import io.sipvista.insight.FindingDetector;
import io.sipvista.testkit.PacketBuilder;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import io.sipvista.store.StoredList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming analysis: what it holds follows the calls up at once, not the calls in the capture, and it gives
 * the same calls and findings as assembling and diagnosing the whole capture at once.
 */
class CaptureAnalysisStreamingTest {
    @TempDir
    Path dir;

    private Path synthetic(String name, int calls, double perSecond, double hold, boolean b2bua) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            SyntheticCalls.write(new SyntheticCalls.Options(calls, perSecond, hold, 0.05, 0.05, b2bua, 7), w);
        }
        return file;
    }

    private static CaptureAnalysis.Result run(Path file, CaptureAnalysis.Keep keep, AtomicInteger peak)
            throws IOException {
        try (CaptureReader r = Captures.open(file)) {
            return CaptureAnalysis.run(r, FrameLimits.DEFAULT, keep, held -> peak.accumulateAndGet(held, Math::max));
        }
    }

    /** The whole-capture answer: one assembly and one diagnosis over every message, from the kept model. */
    private static List<Call> wholeCalls(CaptureAnalysis.Result kept) {
        return CallAssembler.assemble(kept.correlation(), events(kept));
    }

    private static List<SipEvent> events(CaptureAnalysis.Result kept) {
        List<SipEvent> events = new ArrayList<>();
        for (CaptureAnalysis.Message m : kept.messages()) {
            events.add(m.event());
        }
        return events;
    }

    @Test
    void heldCallIdsFollowConcurrencyNotTheNumberOfCalls() throws IOException {
        // 5 calls a second, each up ~22 s: ~110 calls up at once, two legs each; 1,500 calls in all
        Path file = synthetic("many.pcap", 1500, 5, 20, true);
        AtomicInteger peak = new AtomicInteger();
        CaptureAnalysis.Result r = run(file, CaptureAnalysis.Keep.SUMMARY, peak);
        assertThat(r.calls()).hasSize(1500);
        assertThat(r.messages()).isEmpty();
        assertThat(r.correlation().transactions()).as("settled transactions are forgotten").isEmpty();
        assertThat(r.correlation().dialogs()).isEmpty();
        // up at once, plus those ended within the linger (32 s) and the settling period (16 s): 5/s x (22 + 48) s
        // = 350 calls, 700 Call-IDs at most; the capture has 3,000
        assertThat(peak.get()).isGreaterThan(100).isLessThanOrEqualTo(700);
    }

    @Test
    void settlingAssemblesEachCallIdAboutOnceNotOncePerSettlingWhileHeld() throws IOException {
        // each call is held ~22 s up plus the linger (32 s): about four settlings (every 16 s) see it held
        Path file = synthetic("assembled.pcap", 1500, 5, 20, true);
        AtomicLong assembled = new AtomicLong();
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(file)) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY, held -> { },
                    assembled::set);
        }
        assertThat(r.calls()).hasSize(1500);
        // the two legs of each call, assembled when they settle; a few again when one leg settled before the other
        assertThat(assembled.get()).isBetween(3000L, 3600L);
    }

    @Test
    void summaryAndMessagesGiveTheSameCallsAndFindings() throws IOException {
        Path file = dir.resolve("same.pcap");
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            // with media: RTP both ways on each leg, RTCP, registrations, 404s among the failures
            SyntheticCalls.write(new SyntheticCalls.Options(400, 10, 3, 0.05, 0.05, true, 7, true, 0.05, 600, true),
                    w);
        }
        CaptureAnalysis.Result summary = run(file, CaptureAnalysis.Keep.SUMMARY, new AtomicInteger());
        CaptureAnalysis.Result kept = run(file, CaptureAnalysis.Keep.MESSAGES, new AtomicInteger());
        assertThat(summary.calls()).isEqualTo(kept.calls()).hasSize(400);
        assertThat(summary.streams()).isEqualTo(kept.streams()).hasSizeGreaterThan(400);
        assertThat(summary.findings()).isEqualTo(kept.findings());
        assertThat(summary.transactions()).isEqualTo(kept.transactions());
        // the summary keeps finished calls and streams as bytes, read back equal; the full analysis as objects
        assertThat(StoredList.isView(summary.calls()) && StoredList.isView(summary.streams())).isTrue();
        assertThat(StoredList.isView(kept.calls()) || StoredList.isView(kept.streams())).isFalse();
        assertThat(summary.sipMessages()).isEqualTo(kept.messages().size());
        assertThat(kept.correlation().transactions()).hasSize(summary.transactions().values().stream()
                .mapToInt(Integer::intValue).sum());
    }

    @Test
    void settlingPartByPartGivesWhatAssemblingTheWholeCaptureGives() throws IOException {
        Path file = synthetic("whole.pcap", 300, 10, 40, true);
        CaptureAnalysis.Result kept = run(file, CaptureAnalysis.Keep.MESSAGES, new AtomicInteger());
        List<Call> whole = wholeCalls(kept);
        assertThat(kept.calls()).hasSize(300).isEqualTo(whole);
        assertThat(kept.calls()).allSatisfy(c -> assertThat(c.legs()).hasSize(2));
        assertThat(kept.calls().stream().filter(c -> c.outcome() == CallOutcome.ANSWERED).count())
                .isGreaterThan(250);
        List<Finding> findings = FindingDetector.detect(kept.correlation(), whole, events(kept));
        assertThat(kept.findings()).isEqualTo(findings).isNotEmpty();
    }

    @Test
    void callsAllHeldAtTheEndSettleInPartsToTheWholeCaptureAnswer() throws IOException {
        // 1,500 calls of two legs in ~8 s: shorter than the linger, so all 3,000 Call-IDs are held at the end
        Path file = synthetic("end.pcap", 1500, 200, 2, true);
        List<Integer> held = new ArrayList<>();
        AtomicLong assembled = new AtomicLong();
        CaptureAnalysis.Result kept;
        try (CaptureReader reader = Captures.open(file)) {
            kept = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.MESSAGES, held::add,
                    assembled::set);
        }
        assertThat(held).as("held after each part the end settled").isNotEmpty()
                .allSatisfy(n -> assertThat(n).isLessThan(3000)).isSortedAccordingTo((a, b) -> b - a);
        assertThat(assembled.get()).as("each Call-ID assembled once").isEqualTo(3000);
        List<Call> whole = wholeCalls(kept);
        assertThat(kept.calls()).hasSize(1500).isEqualTo(whole);
        assertThat(kept.findings()).isEqualTo(FindingDetector.detect(kept.correlation(), whole, events(kept)))
                .isNotEmpty();
        CaptureAnalysis.Result summary = run(file, CaptureAnalysis.Keep.SUMMARY, new AtomicInteger());
        assertThat(summary.calls()).isEqualTo(whole);
        assertThat(summary.findings()).isEqualTo(kept.findings());
        assertThat(summary.streams()).isEqualTo(kept.streams());
    }

    @Test
    void everyCorpusCaptureSettlesToTheWholeCaptureAnswer() throws IOException {
        Path root = Paths.get(System.getProperty("sipvista.root", "")).toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("corpus"))) {
            root = root.getParent();
        }
        assertThat(root).isNotNull();
        List<Path> captures;
        try (Stream<Path> s = Files.list(root.resolve("corpus").resolve("pcaps"))) {
            captures = new ArrayList<>(s.sorted().toList());
        }
        captures.add(root.resolve("examples").resolve("sip-register-and-call.pcap"));
        int withCalls = 0;
        for (Path p : captures) {
            CaptureAnalysis.Result kept = run(p, CaptureAnalysis.Keep.MESSAGES, new AtomicInteger());
            CaptureAnalysis.Result summary = run(p, CaptureAnalysis.Keep.SUMMARY, new AtomicInteger());
            List<Call> whole = wholeCalls(kept);
            assertThat(kept.calls()).as(p.getFileName().toString()).isEqualTo(whole);
            assertThat(summary.calls()).as(p.getFileName().toString()).isEqualTo(whole);
            assertThat(summary.findings()).as(p.getFileName().toString()).isEqualTo(kept.findings());
            assertThat(summary.streams()).as(p.getFileName().toString()).isEqualTo(kept.streams());
            withCalls += whole.isEmpty() ? 0 : 1;
        }
        assertThat(withCalls).isGreaterThan(10);
    }

    /**
     * Messages without a Call-ID belong to no transaction, dialog or call, so they settle at every settling rather
     * than when quiet: a steady trickle of them (here an OPTIONS every half second for 100 s, from a public address
     * with a private Contact) is never held from one settling to the next, and what they show is still found in
     * every one of them.
     */
    @Test
    void messagesWithoutACallIdAreNotHeldUntilTheyStop() throws IOException {
        Path file = dir.resolve("no-call-id.pcap");
        int n = 200;
        try (OutputStream out = Files.newOutputStream(file);
             PcapWriter w = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535, false, false)) {
            for (int i = 0; i < n; i++) {
                String sip = "OPTIONS sip:2002@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK-o"
                        + i + "\r\nFrom: <sip:1001@a.example>;tag=f" + i + "\r\nTo: <sip:2002@b.example>\r\n"
                        + "CSeq: 1 OPTIONS\r\nContact: <sip:1001@192.168.1.5:5060>\r\nContent-Length: 0\r\n\r\n";
                w.write(1_700_000_000L + i / 2, (i % 2) * 500_000_000, PacketBuilder.ethernet(PacketBuilder.ETH_IPV4,
                        PacketBuilder.udp4("203.0.113.9", 5060, "198.51.100.7", 5060,
                                sip.getBytes(StandardCharsets.US_ASCII))));
            }
        }
        List<Integer> held = new ArrayList<>();
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(file)) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY, held::add);
        }
        assertThat(held).as("settlings within the capture").hasSizeGreaterThan(4).containsOnly(0);
        assertThat(r.sipMessages()).isEqualTo(n);
        assertThat(r.findings()).filteredOn(f -> f.id().equals("nat.private_contact")).singleElement()
                .satisfies(f -> assertThat(f.frames()).hasSize(n));
    }
}
