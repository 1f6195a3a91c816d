package io.sipvista.cli;

import io.sipvista.analysis.CallMedia;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.MediaStream;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.CallLeg;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import io.sipvista.frame.MediaPacket;
import io.sipvista.label.RtpHeader;
import io.sipvista.media.AudioChannel;
import io.sipvista.media.AudioLimits;
import io.sipvista.media.AudioPacket;
import io.sipvista.media.TrackReport;
import io.sipvista.media.WavResult;
import io.sipvista.media.WavWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code sipvista audio CAPTURE --call ID -o OUT}: the RTP audio of one call written as a stereo WAV file
 * ({@link WavWriter}: 16-bit PCM, 8000 Hz), what the caller says on the left channel and what the callee says on
 * the right.
 *
 * <p>Which side a stream comes from: the streams taken are the audio RTP streams the analysis tied to the call
 * ({@link CallMedia}). A stream announced by SDP is compared with the leg whose SDP announced it: it is the caller's when
 * its sender's host is the host the leg's INVITE came from, or its receiver's host the one the INVITE went to; the
 * callee's in the opposite cases (its sender is the INVITE's destination, its receiver the INVITE's source). A stream
 * neither rule places (media hosts other than the signalling hosts, inferred streams without SDP) takes the side of a
 * placed stream it shares its sender or receiver with, the other side when it is sent from where a placed stream goes
 * (or sent to where one comes from); failing that, the first such stream is the caller's. Every stream of one side (re-INVITE, SSRC change) goes to the same
 * channel; of a call with several legs, each side takes the streams of the earliest leg that has one for that side
 * (a B2BUA relaying media sends the same voice again on its other leg).
 */
@Command(name = "audio",
        mixinStandardHelpOptions = true,
        description = {"Writes the RTP audio of one call as a stereo WAV file (16-bit PCM, 8000 Hz):",
                "left channel what the caller says, right channel what the callee says.",
                "A stream is the caller's when it is sent from the host the INVITE of its",
                "leg came from, or sent to the host that INVITE went to; the callee's the",
                "other way round. A stream neither rule places takes the side of a placed",
                "stream with the same sender (the other side when it answers one); else",
                "the first stream seen is left. Of several legs, each side takes the",
                "streams of the earliest leg that has one for it.",
                "PCMU and PCMA are decoded; other payload types are written as silence",
                "and named. 'sipvista calls' lists the call ids."})
final class AudioCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAPTURE", description = "capture file (pcap, pcapng, optionally gzip-compressed)")
    String capture;

    @Option(names = "--call", required = true, paramLabel = "ID", description = "the call whose audio to write (call-1, call-2 ...)")
    String call;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the WAV file to write")
    Path output;

    @picocli.CommandLine.ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if ("-".equals(capture)) {
            err.println("sipvista: audio reads the capture twice: give a file, not standard input");
            return 2;
        }
        CallMedia[] media = new CallMedia[1];
        Call[] theCall = new Call[1];
        Map<String, AudioChannel> flows = new HashMap<>();
        List<List<MediaStream>> sides = List.of(new ArrayList<>(), new ArrayList<>());
        int code = OpenedCapture.analyzed(capture, main.stdin(), err, CaptureAnalysis.Keep.SUMMARY, (name, a) -> {
            Call c = OpenedCapture.call(a, call, capture, err);
            if (c == null) {
                return 1;
            }
            theCall[0] = c;
            media[0] = CallMedia.of(c, a.streams());
            Map<MediaStream, AudioChannel> placed = place(c, media[0].streams());
            if (placed.isEmpty()) {
                err.println("sipvista: " + capture + ": " + call + " has no RTP audio in this capture; nothing written");
                return 1;
            }
            placed.forEach((s, ch) -> {
                flows.put(s.src() + ">" + s.dst(), ch);
                sides.get(ch.ordinal()).add(s);
            });
            return 0;
        });
        if (code != 0) {
            return code;
        }
        try (OpenedCapture in = OpenedCapture.open(capture, main.stdin())) {
            CaptureReader reader = in.reader();
            WavResult[] result = new WavResult[1];
            FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
            boolean written = OutputFiles.replace(output, temp -> {
                long fed = 0;
                try (SeekableByteChannel file = Files.newByteChannel(temp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    WavWriter wav = new WavWriter(file, AudioLimits.defaults());
                    for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
                        // every record is decoded: reassembly state follows the whole capture
                        Frame f = decoder.decode(r);
                        if (f == null || f.media() == null || f.media().rtcp() || !media[0].contains(f)) {
                            continue;
                        }
                        AudioChannel ch = flows.get(f.src() + ">" + f.dst());
                        if (ch != null) {
                            wav.accept(ch, packet(f));
                            fed++;
                        }
                    }
                    result[0] = wav.finish();
                }
                return fed > 0;
            });
            if (!written) {
                err.println("sipvista: " + capture + ": " + call + " has no RTP audio in this capture; nothing written");
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary(result[0], theCall[0], sides));
            for (String note : result[0].notes()) {
                out.println("  " + note);
            }
            return 0;
        } catch (OpenedCapture.Failure e) {
            err.println("sipvista: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("sipvista: " + output + ": cannot write: " + e.getMessage());
            return 1;
        }
    }

    /** The RTP packet of a frame as the WAV writer takes it: arrival time, header fields, a copy of the payload. */
    private static AudioPacket packet(Frame f) {
        MediaPacket m = f.media();
        RtpHeader h = m.header();
        int from = m.payloadOffset();
        byte[] payload = Arrays.copyOfRange(m.data(), from, from + m.payloadLength());
        long arrival = f.epochSeconds() * 1_000_000_000L + f.nanos();
        return new AudioPacket(arrival, h.timestamp(), h.sequence(), h.ssrc(), h.payloadType(), payload);
    }

    /**
     * The channel of each audio RTP stream of the call, in order of first frame (the rule of the class comment);
     * empty when there is none.
     */
    static Map<MediaStream, AudioChannel> place(Call call, List<MediaStream> streams) {
        List<MediaStream> audio = new ArrayList<>();
        for (MediaStream s : streams) {
            if (s.rtp() && (s.media() == null || "audio".equals(s.media())) && s.src() != null && s.dst() != null) {
                audio.add(s);
            }
        }
        Map<MediaStream, AudioChannel> placed = new java.util.LinkedHashMap<>();
        for (MediaStream s : audio) {
            AudioChannel ch = bySignalling(call, s);
            if (ch != null) {
                placed.put(s, ch);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (MediaStream s : audio) {
                if (placed.containsKey(s)) {
                    continue;
                }
                AudioChannel ch = byPairing(s, placed);
                if (ch == null && placed.isEmpty()) {
                    ch = AudioChannel.LEFT;
                }
                if (ch != null) {
                    placed.put(s, ch);
                    changed = true;
                }
            }
        }
        for (MediaStream s : audio) {
            // a stream unrelated to every placed one: the side that has none yet, else the left
            placed.computeIfAbsent(s, k -> placed.containsValue(AudioChannel.LEFT) && !placed.containsValue(
                    AudioChannel.RIGHT) ? AudioChannel.RIGHT : AudioChannel.LEFT);
        }
        // per side, the streams of the earliest leg that has one for it: a B2BUA relaying media repeats the voice
        int[] firstLeg = {Integer.MAX_VALUE, Integer.MAX_VALUE};
        for (MediaStream s : audio) {
            int ch = placed.get(s).ordinal();
            firstLeg[ch] = Math.min(firstLeg[ch], legIndex(call, s));
        }
        Map<MediaStream, AudioChannel> ordered = new java.util.LinkedHashMap<>();
        for (MediaStream s : audio) {
            AudioChannel ch = placed.get(s);
            if (legIndex(call, s) == firstLeg[ch.ordinal()]) {
                ordered.put(s, ch);
            }
        }
        return ordered;
    }

    /** The position of the stream's leg among the call's legs; after them all for a stream of no known leg. */
    private static int legIndex(Call call, MediaStream s) {
        int i = s.callId() == null ? -1 : call.callIds().indexOf(s.callId());
        return i < 0 ? call.callIds().size() : i;
    }

    /** LEFT or RIGHT by the hosts of the INVITE of the stream's leg (the first leg when it has none); else null. */
    private static AudioChannel bySignalling(Call call, MediaStream s) {
        if (s.inferred() || call.legs().isEmpty()) {
            return null;
        }
        CallLeg leg = call.legs().get(0);
        for (CallLeg l : call.legs()) {
            if (l.callId().equals(s.callId())) {
                leg = l;
            }
        }
        String from = host(leg.src());
        String to = host(leg.dst());
        if (from == null || to == null || from.equals(to)) {
            return null;
        }
        String sender = host(s.src());
        String receiver = host(s.dst());
        if (from.equals(sender) || to.equals(receiver)) {
            return AudioChannel.LEFT;
        }
        if (to.equals(sender) || from.equals(receiver)) {
            return AudioChannel.RIGHT;
        }
        return null;
    }

    /** The side of a placed stream with the same sender or receiver, or the other side of one going the other way. */
    private static AudioChannel byPairing(MediaStream s, Map<MediaStream, AudioChannel> placed) {
        for (Map.Entry<MediaStream, AudioChannel> e : placed.entrySet()) {
            if (e.getKey().src().equals(s.src()) || e.getKey().dst().equals(s.dst())) {
                return e.getValue();
            }
            if (e.getKey().dst().equals(s.src()) || e.getKey().src().equals(s.dst())) {
                return e.getValue() == AudioChannel.LEFT ? AudioChannel.RIGHT : AudioChannel.LEFT;
            }
        }
        return null;
    }

    /** The host part of {@code ip:port} or {@code [v6]:port}; null for null. */
    static String host(String address) {
        return io.sipvista.bytes.IpText.host(address);
    }

    /** {@code call.wav: 6.3 s stereo, 8000 Hz, left ... (PCMU, 3 packets), right ... (PCMU, 1 packet)}. */
    private String summary(WavResult r, Call c, List<List<MediaStream>> sides) {
        return output + ": " + String.format(Locale.ROOT, "%.1f", r.durationMs() / 1000.0) + " s stereo, "
                + WavWriter.SAMPLE_RATE + " Hz, left " + side(party(c.caller(), "caller"), sides.get(0), r.left())
                + ", right " + side(party(c.callee(), "callee"), sides.get(1), r.right());
    }

    private static String party(io.sipvista.correlate.CallParty p, String role) {
        return p == null || p.user() == null || p.user().isEmpty() ? role : p.user();
    }

    private static String side(String who, List<MediaStream> streams, TrackReport t) {
        if (streams.isEmpty()) {
            return who + " (no stream: silence)";
        }
        Set<String> senders = new LinkedHashSet<>();
        Set<String> codecs = new LinkedHashSet<>();
        for (MediaStream s : streams) {
            senders.add(s.src());
            codecs.add(s.codec() == null ? "no audio payload" : s.codec().replace("/8000", ""));
        }
        return who + " from " + String.join(" + ", senders) + " (" + String.join(", ", codecs) + ", " + t.packets()
                + (t.packets() == 1 ? " packet" : " packets")
                + (streams.size() > 1 ? " in " + streams.size() + " streams" : "") + ")";
    }
}
