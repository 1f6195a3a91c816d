package io.sipvista.cli;

import io.sipvista.analysis.CallMedia;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.capture.CaptureWriter;
import io.sipvista.capture.InterfaceInfo;
import io.sipvista.correlate.Call;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code sipvista export CAPTURE --call ID -o OUT}: the frames of one call written as a new capture (pcap when the
 * source is pcap, pcapng when it is pcapng), every record as it was captured (time, bytes, original length).
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {"Writes the frames of one call as a new capture that Wireshark opens:",
                "the call's SIP messages on every leg and the RTP/RTCP of its media streams,",
                "as captured (same times, bytes and link type); pcap in, pcap out; pcapng in,",
                "pcapng out. 'sipvista calls' lists the call ids."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAPTURE", description = "capture file (pcap, pcapng, optionally gzip-compressed)")
    String capture;

    @Option(names = "--call", required = true, paramLabel = "ID", description = "the call to export (call-1, call-2 ...)")
    String call;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the capture file to write")
    Path output;

    @picocli.CommandLine.ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if ("-".equals(capture)) {
            err.println("sipvista: export reads the capture twice: give a file, not standard input");
            return 2;
        }
        Set<Long> frames = new HashSet<>();
        CallMedia[] media = new CallMedia[1];
        int code = OpenedCapture.analyzed(capture, main.stdin(), err, CaptureAnalysis.Keep.SUMMARY, (name, a) -> {
            Call c = OpenedCapture.call(a, call, capture, err);
            if (c == null) {
                return 1;
            }
            frames.addAll(c.frames());
            media[0] = CallMedia.of(c, a.streams());
            return 0;
        });
        if (code != 0) {
            return code;
        }
        try (OpenedCapture in = OpenedCapture.open(capture, main.stdin())) {
            CaptureReader reader = in.reader();
            long[] counts = new long[2]; // frames written, of them RTP/RTCP
            FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
            OutputFiles.replace(output, temp -> {
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                     CaptureWriter w = writerFor(reader, file)) {
                    for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
                        boolean sip = frames.contains(r.number());
                        // every record is decoded (reassembly state follows the whole capture) once there is media
                        Frame f = media[0].streams().isEmpty() ? null : decoder.decode(r);
                        boolean mediaFrame = !sip && f != null && media[0].contains(f);
                        if (sip || mediaFrame) {
                            w.write(r);
                            counts[1] += mediaFrame ? 1 : 0;
                        }
                    }
                    counts[0] = w.records();
                }
                return true;
            });
            spec.commandLine().getOut().println(output + ": " + counts[0] + (counts[0] == 1 ? " frame" : " frames")
                    + " of " + call + ", " + counts[1] + " of them RTP/RTCP (" + reader.format() + ")");
            return 0;
        } catch (OpenedCapture.Failure e) {
            err.println("sipvista: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("sipvista: " + output + ": cannot write: " + e.getMessage());
            return 1;
        }
    }

    /** pcapng for a pcapng source; a pcap of the source's link type and clock otherwise. */
    private static CaptureWriter writerFor(CaptureReader reader, OutputStream out) throws IOException {
        if ("pcapng".equals(reader.format())) {
            return CaptureWriter.pcapng(out);
        }
        InterfaceInfo itf = reader.interfaces().isEmpty() ? null : reader.interfaces().get(0);
        return CaptureWriter.pcap(out, itf == null ? 1 : itf.linkType(), itf == null ? 6 : itf.timeDigits());
    }
}
