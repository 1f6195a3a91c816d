package io.sipvista.analysis;

import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.frame.FrameLimits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams of {@code analyze} against Wireshark's: {@code tshark -q -n -r X -o rtp.heuristic_rtp:TRUE
 * -z rtp,streams} on the corpus captures with RTP, when tshark is on the PATH (it is on the development machine and
 * in CI, where {@code .ci/run} installs it). Skipped otherwise.
 *
 * <p>tshark's RTP heuristic is switched on because sipvista reports RTP no SDP announced (as {@code inferred}
 * streams, by its own heuristic); with it off, tshark lists only streams set up by SDP (or MGCP) and the two lists
 * differ by exactly those (checked too: every stream sipvista tied to SDP, tshark without its heuristic finds from
 * the signalling). With it on, the two lists must be the same streams (source, destination, SSRC), with:
 * <ul>
 *   <li>packets: equal (both count every packet, duplicates included);</li>
 *   <li>lost: equal (both compute expected minus received from extended sequence numbers, so duplicates make it
 *       negative in both);</li>
 *   <li>max jitter: within 0.01 ms + 1 %. Both apply RFC 3550 A.8 to the same capture times and RTP timestamps in
 *       double precision; what is left is rounding (tshark prints three decimals, and converts arrival times to
 *       timestamp units its own way), a few microseconds on these captures.</li>
 * </ul>
 * Known differences, each listed in {@link #JITTER_EXCEPTIONS} with its reason, where only "sipvista's max jitter is
 * not above tshark's" is checked.
 */
class MediaStreamsTsharkTest {
    /** Absolute part of the max-jitter tolerance, milliseconds. */
    private static final double JITTER_ABS_MS = 0.01;
    /** Relative part of the max-jitter tolerance. */
    private static final double JITTER_REL = 0.01;

    /** Streams ("src>dst ssrc") whose max jitter knowingly differs, with why. */
    private static final Map<String, String> JITTER_EXCEPTIONS = Map.of(
            "192.168.105.172:4376>192.168.105.110:4376 0x5711BF84",
            "RFC 4733 telephone-event packets keep one RTP timestamp for a whole key press; tshark feeds them to "
                    + "the jitter estimate (15.8 ms), sipvista leaves them out (RtpStreamStats) and compares the "
                    + "audio packets around them",
            "192.168.1.87:5064>192.168.1.36:5064 0xC7FBC002",
            "four packets of payload type 125, which the receiver's answer did not bind (its SDP maps 126, 115 and "
                    + "34 only): sipvista knows no clock rate for them and leaves them out of the jitter; tshark "
                    + "takes H264/90000 from the offer and its estimate jumps on them (81.9 ms)");

    private static final Pattern ROW = Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)"
            + "\\s+(0x[0-9A-Fa-f]+)\\s+(.*?)\\s+(\\d+)\\s+(-?\\d+) \\(-?[\\d.]+%\\)\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+"
            + "\\s+[\\d.]+\\s+[\\d.]+\\s+([\\d.]+)");

    private record TsharkStream(String key, long packets, long lost, double maxJitterMs) {
    }

    private static Path corpus() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("corpus/pcaps"))) {
            p = p.getParent();
        }
        assertThat(p).as("corpus/ above the working directory").isNotNull();
        return p.resolve("corpus/pcaps");
    }

    private static String tshark() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path t = Paths.get(d, "tshark");
            if (Files.isExecutable(t)) {
                return t.toString();
            }
        }
        return null;
    }

    private static List<TsharkStream> tsharkStreams(String tshark, Path file, boolean heuristic)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tshark, "-q", "-n", "-r", file.toString(), "-o",
                "rtp.heuristic_rtp:" + (heuristic ? "TRUE" : "FALSE"), "-z", "rtp,streams")
                .redirectErrorStream(false).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        p.getErrorStream().transferTo(OutputSink.INSTANCE);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<TsharkStream> rows = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                String key = endpoint(m.group(1), m.group(2)) + ">" + endpoint(m.group(3), m.group(4)) + " "
                        + "0x" + m.group(5).substring(2).toUpperCase(Locale.ROOT);
                rows.add(new TsharkStream(key, Long.parseLong(m.group(7)), Long.parseLong(m.group(8)),
                        Double.parseDouble(m.group(9))));
            }
        }
        return rows;
    }

    /** Discards what tshark prints on stderr (the "running as root" notice). */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }
    }

    private static Map<String, MediaStream> ours(Path file) throws IOException {
        CaptureAnalysis.Result r;
        try (CaptureReader reader = Captures.open(file)) {
            r = CaptureAnalysis.run(reader, FrameLimits.DEFAULT, CaptureAnalysis.Keep.SUMMARY);
        }
        Map<String, MediaStream> out = new HashMap<>();
        for (MediaStream s : r.streams()) {
            if (s.rtp()) {
                out.put(s.src() + ">" + s.dst() + " " + MediaStreams.hex(s.ssrc()), s);
            }
        }
        return out;
    }

    /** An address and port as sipvista writes them: IPv6 in brackets (RFC 5952 §6). */
    private static String endpoint(String address, String port) {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }

    @ParameterizedTest
    @ValueSource(strings = {"wssamples__sip-rtp-g711.pcap", "wssamples__SIP_DTMF2.cap",
            "heplify__rtp_rtcp_sip_ipv4_udp.pcap", "snort3_demo__SIP_Eyebeam2Eyebeam_Video_Audio.pcap",
            "wssamples__sip-rtp-opus-hybrid.pcap", "wssamples__sip-rtp-g726.pcap",
            "wssamples__MagicJack-_short_call.pcap", "wssamples__nb6-telephone.pcap",
            "wssamples__h223-over-rtp.pcap", "sngrep__aaa.pcap", "arkime__gtp-iphone.pcap"})
    void streamsAgreeWithTshark(String name) throws Exception {
        String tshark = tshark();
        Assumptions.assumeTrue(tshark != null, "tshark is not on the PATH");
        Path file = corpus().resolve(name);
        List<TsharkStream> theirs = tsharkStreams(tshark, file, true);
        Map<String, MediaStream> ours = ours(file);
        // Without its heuristic tshark finds streams from signalling (SDP; MGCP too, which sipvista does not read):
        // every stream sipvista tied to SDP must be among them.
        List<String> signalled = tsharkStreams(tshark, file, false).stream().map(TsharkStream::key).toList();
        assertThat(signalled).as("streams tshark sets up from signalling in %s", name)
                .containsAll(ours.values().stream().filter(m -> !m.inferred())
                        .map(m -> m.src() + ">" + m.dst() + " " + MediaStreams.hex(m.ssrc())).toList());
        assertThat(theirs).as("tshark lists streams in %s", name).isNotEmpty();
        assertThat(ours.keySet()).as("streams of %s", name)
                .containsExactlyInAnyOrderElementsOf(theirs.stream().map(TsharkStream::key).toList());
        for (TsharkStream t : theirs) {
            MediaStream s = ours.get(t.key());
            assertThat(s.packets()).as("packets of %s", t.key()).isEqualTo(t.packets());
            assertThat(s.lost()).as("lost of %s", t.key()).isEqualTo(t.lost());
            if (JITTER_EXCEPTIONS.containsKey(t.key())) {
                assertThat(s.maxJitterMs()).as("max jitter of %s (%s)", t.key(), JITTER_EXCEPTIONS.get(t.key()))
                        .isLessThanOrEqualTo(t.maxJitterMs());
            } else {
                assertThat(s.maxJitterMs()).as("max jitter of %s", t.key())
                        .isCloseTo(t.maxJitterMs(), org.assertj.core.data.Offset.offset(
                                JITTER_ABS_MS + JITTER_REL * t.maxJitterMs()));
            }
        }
    }
}
