package io.sipvista.correlate;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.Captures;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.SipEntry;
import io.sipvista.testkit.PcapWriter;
import io.sipvista.testkit.SyntheticCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Correlator#openAmong} answers what {@link Correlator#openCallIds()} does for the Call-IDs asked about, at
 * every point of real and synthetic captures, while Call-IDs are released as an analysis settles them.
 */
class OpenAmongTest {
    /** Replays the capture into a streaming correlator; returns how many checks found a Call-ID open. */
    private static int replay(InputStream capture, String name) throws IOException {
        Correlator correlator = Correlator.streaming(CorrelatorLimits.DEFAULT);
        Duration linger = CorrelatorLimits.DEFAULT.linger();
        Map<String, Instant> lastSeen = new HashMap<>();
        Set<String> released = new HashSet<>();
        FrameDecoder decoder = new FrameDecoder();
        int openSeen = 0;
        int messages = 0;
        try (CaptureReader reader = Captures.open(capture, name)) {
            CaptureRecord r;
            while ((r = reader.next()) != null) {
                Frame f = decoder.decode(r);
                for (SipEntry s : f.sip()) {
                    if (s.quoted()) {
                        continue;
                    }
                    SipEvent e = new SipEvent(f.number(), f.epochSeconds(), f.nanos(), f.src(), f.dst(), "udp",
                            s.message(), s.sdp());
                    correlator.accept(e);
                    String callId = e.message().callId() == null ? "" : e.message().callId();
                    lastSeen.put(callId, e.time());
                    released.remove(callId);
                    if (++messages % 7 == 0) {
                        openSeen += check(correlator, lastSeen.keySet(), released);
                        release(correlator, lastSeen, released, linger, e.time());
                    }
                }
            }
        }
        return openSeen + check(correlator, lastSeen.keySet(), released);
    }

    private static int check(Correlator correlator, Set<String> seen, Set<String> released) {
        Set<String> expected = new HashSet<>(correlator.openCallIds());
        expected.retainAll(seen);
        assertThat(correlator.openAmong(seen)).isEqualTo(expected);
        assertThat(expected).noneMatch(released::contains);
        return expected.size();
    }

    /** What settling does: Call-IDs quiet for the linger with nothing open are released. */
    private static void release(Correlator correlator, Map<String, Instant> lastSeen, Set<String> released,
                                Duration linger, Instant now) {
        Set<String> quiet = new HashSet<>();
        lastSeen.forEach((id, last) -> {
            if (!released.contains(id) && last.plus(linger).isBefore(now)) {
                quiet.add(id);
            }
        });
        quiet.removeAll(correlator.openCallIds());
        correlator.release(quiet);
        released.addAll(quiet);
    }

    static Stream<Path> corpus() throws IOException {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus"))) {
            p = p.getParent();
        }
        try (Stream<Path> files = Files.list(p.resolve("corpus").resolve("pcaps"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void agreesOnEveryCorpusCapture(Path capture) throws IOException {
        try (InputStream in = Files.newInputStream(capture)) {
            replay(in, capture.getFileName().toString());
        }
    }

    @Test
    void agreesOnCallsThatOverlapFailAndAreReleasedAsTheyGo() throws IOException {
        // 400 calls, 20 a second, 30 s each: hundreds open at once, the first released long before the last end
        SyntheticCalls.Options o = new SyntheticCalls.Options(400, 20, 30, 0.1, 0.1, true, 11, false, 0.05, 600,
                false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET, 65_535, false, false)) {
            SyntheticCalls.write(o, w);
        }
        int open = replay(new ByteArrayInputStream(bytes.toByteArray()), "synthetic");
        assertThat(open).as("checks that found Call-IDs open").isGreaterThan(1_000);
    }
}
