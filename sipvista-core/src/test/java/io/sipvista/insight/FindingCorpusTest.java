package io.sipvista.insight;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.FrameLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings over the real captures of corpus/pcaps. */
class FindingCorpusTest {
    static Path pcaps() {
        Path p = Paths.get(System.getProperty("sipvista.root", "")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus"))) {
            p = p.getParent();
        }
        assertThat(p).as("corpus/ above the working directory").isNotNull();
        return p.resolve("corpus").resolve("pcaps");
    }

    static List<Finding> findings(Path capture) throws IOException {
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(capture)) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT);
        }
        List<SipEvent> events = new ArrayList<>();
        for (CaptureAnalysis.Message m : r.messages()) {
            events.add(m.event());
        }
        return FindingDetector.detect(r.correlation(), r.calls(), events);
    }

    @Test
    void dump() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(pcaps())) {
            for (Path p : s.sorted().toList()) {
                sb.append("== ").append(p.getFileName()).append('\n');
                for (Finding f : findings(p)) {
                    sb.append(f.id()).append(' ').append(f.severity()).append(' ').append(f.frames()).append(' ')
                            .append(f.callId()).append(" | ").append(f.text()).append('\n');
                }
            }
        }
        Files.writeString(Paths.get("/tmp/findings-dump.txt"), sb.toString());
        StringBuilder d = new StringBuilder();
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(pcaps().resolve("sngrep__aaa.pcap"))) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT);
        }
        for (io.sipvista.correlate.Transaction t : r.correlation().transactions()) {
            if (t.method().equals("REGISTER")) {
                d.append(t.index()).append(' ').append(t.callId()).append(' ').append(t.cseq()).append(' ').append(t.client())
                        .append(' ').append(t.requestFrames()).append(' ').append(t.statuses()).append('\n');
            }
        }
        Files.writeString(Paths.get("/tmp/findings-debug.txt"), d.toString());
    }
}
