package io.sipvista.analysis;

import io.sipvista.analysis.MediaScenario.Party;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import io.sipvista.media.StreamSeries;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every RTP stream of an analysis carries its {@link StreamSeries}; an RTCP-only sender carries none. */
class MediaStreamSeriesTest {
    private static final Party ALICE = new Party("10.0.0.1", 5060, "alice");
    private static final Party BOB = new Party("10.0.0.2", 5060, "bob");

    private static MediaStream only(CaptureAnalysis.Result r, String src, String dst) {
        List<MediaStream> s = r.streams().stream().filter(m -> m.src().equals(src) && m.dst().equals(dst)).toList();
        assertThat(s).as("streams %s → %s in %s", src, dst, r.streams()).hasSize(1);
        return s.get(0);
    }

    @Test
    void anRtpStreamOfACallCarriesItsSeriesFromItsFirstPacket() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "series", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 5_000);
        sc.audio(500, 150, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0); // 0.5 s .. 3.48 s
        MediaStream a = only(sc.run(), "10.0.0.1:4000", "10.0.0.2:6000");
        StreamSeries s = a.series();
        assertThat(s).isNotNull();
        assertThat(s.intervalMs()).isEqualTo(1000);
        assertThat(s.packets()).containsExactly(50, 50, 50); // intervals start at the stream's first packet
        assertThat(s.lost()).containsExactly(0, 0, 0);
        assertThat(a.withCall("call-9").series()).isEqualTo(s);
    }

    @Test
    void anRtcpOnlySenderHasNoSeries() {
        MediaScenario sc = new MediaScenario();
        sc.call(0, "rtcp-only", ALICE, BOB, MediaScenario.sdp("10.0.0.1", 4000, "sendrecv"),
                MediaScenario.sdp("10.0.0.2", 6000, "sendrecv"), 5_000);
        sc.audio(100, 100, "10.0.0.1", 4000, "10.0.0.2", 6000, 0xA1, 1, 0);
        // Bob sends no RTP, only receiver reports from an SSRC of his own
        sc.udp(1_005, "10.0.0.2", 6001, "10.0.0.1", 4001, MediaScenario.rtcpRr(0xB9));
        sc.udp(2_005, "10.0.0.2", 6001, "10.0.0.1", 4001, MediaScenario.rtcpRr(0xB9));
        CaptureAnalysis.Result r = sc.run();
        MediaStream rtcp = only(r, "10.0.0.2:6001", "10.0.0.1:4001");
        assertThat(rtcp.protocol()).isEqualTo("rtcp");
        assertThat(rtcp.series()).isNull();
        assertThat(only(r, "10.0.0.1:4000", "10.0.0.2:6000").series()).isNotNull();
    }

    private static Path corpus() {
        Path p = Paths.get(System.getProperty("sipvista.root", "")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus").resolve("pcaps"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with corpus/pcaps").isNotNull();
        return p.resolve("corpus").resolve("pcaps");
    }

    @Test
    void theSeriesOfEveryCorpusStreamAddsUpToItsPacketsAndLoss() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus())) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        int checked = 0;
        for (Path file : files) {
            CaptureAnalysis.Result r;
            try (CaptureReader reader = Captures.open(file)) {
                r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY);
            }
            for (MediaStream m : r.streams()) {
                if (!m.rtp()) {
                    assertThat(m.series()).isNull();
                    continue;
                }
                String what = file.getFileName() + " " + m.src() + " > " + m.dst();
                StreamSeries s = m.series();
                assertThat(s.size()).as(what).isBetween(1, StreamSeries.MAX_INTERVALS);
                assertThat(Arrays.stream(s.packets()).sum()).as("packets of %s", what).isEqualTo(m.packets());
                if (m.duplicates() == 0 && m.outOfOrder() == 0) {
                    assertThat(Arrays.stream(s.lost()).sum()).as("lost of %s", what).isEqualTo(m.lost());
                }
                checked++;
            }
        }
        assertThat(checked).as("RTP streams in the corpus").isGreaterThan(30);
    }
}
