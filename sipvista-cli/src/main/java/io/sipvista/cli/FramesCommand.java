package io.sipvista.cli;

import io.sipvista.analysis.CallMedia;
import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.analysis.FrameInsights;
import io.sipvista.correlate.Call;
import io.sipvista.report.CaptureSummary;
import io.sipvista.report.FrameSink;
import io.sipvista.report.FramesJsonWriter;
import io.sipvista.report.FramesTextWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code sipvista frames CAPTURE}: the frame-by-frame timeline. */
@Command(name = "frames",
        mixinStandardHelpOptions = true,
        description = {"Shows a capture frame by frame.",
                "Each frame: time, addresses, protocol and a label; for SIP the start line,",
                "key headers and SDP. Reads pcap, pcapng and gzip-compressed captures;",
                "'-' reads standard input."})
final class FramesCommand implements Callable<Integer> {
    enum Format { text, json, ndjson }

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "capture file (pcap, pcapng, optionally gzip-compressed), or - for standard input")
    String capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (one document) or ndjson (one frame per line)")
    Format format;

    @Option(names = "--raw", description = "print whole SIP messages instead of the key headers (JSON: add a \"raw\" field)")
    boolean raw;

    @Option(names = "--call", paramLabel = "ID", description = "only the frames of this call: its SIP messages and its RTP/RTCP (an id from 'sipvista calls': call-1, ...)")
    String callId;

    @picocli.CommandLine.ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Passes on only the given frames and the call's media; the summary still describes the whole capture. */
    private static FrameSink onlyFrames(FrameSink sink, Set<Long> frames, CallMedia media) {
        return new FrameSink() {
            @Override
            public void begin(io.sipvista.report.CaptureHeader header) throws IOException {
                sink.begin(header);
            }

            @Override
            public void frame(io.sipvista.frame.Frame frame) throws IOException {
                if (frames.contains(frame.number()) || media.contains(frame)) {
                    sink.frame(frame);
                }
            }

            @Override
            public void end(CaptureSummary summary) throws IOException {
                sink.end(summary);
            }
        };
    }

    private static FrameSink flushingEachFrame(FrameSink sink, java.io.PrintWriter out) {
        return new FrameSink() {
            @Override
            public void begin(io.sipvista.report.CaptureHeader header) throws IOException {
                sink.begin(header);
                out.flush();
            }

            @Override
            public void frame(io.sipvista.frame.Frame frame) throws IOException {
                sink.frame(frame);
                out.flush();
            }

            @Override
            public void end(CaptureSummary summary) throws IOException {
                sink.end(summary);
            }
        };
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        FrameInsights insights = FrameInsights.NONE;
        Set<Long> only = null;
        CallMedia media = null;
        if (callId != null && "-".equals(capture)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--call needs a capture file: standard input cannot be read twice");
        }
        if (!"-".equals(capture)) {
            // A first pass correlates the whole capture, so each message's insight can use what came later.
            try (OpenedCapture first = OpenedCapture.open(capture, main.stdin())) {
                CaptureAnalysis.Result analysis = first.analyze(CaptureAnalysis.Keep.MESSAGES);
                insights = FrameInsights.of(analysis);
                if (callId != null) {
                    Call call = OpenedCapture.call(analysis, callId, capture, err);
                    if (call == null) {
                        return 1;
                    }
                    only = Set.copyOf(call.frames());
                    media = CallMedia.of(call, analysis.streams());
                }
            } catch (OpenedCapture.Failure e) {
                err.println("sipvista: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println("sipvista: " + capture + ": " + e.getMessage());
                return 1;
            }
        }
        try (OpenedCapture c = OpenedCapture.open(capture, main.stdin())) {
            FrameSink sink = switch (format) {
                case text -> new FramesTextWriter(out, raw, insights);
                case json -> FramesJsonWriter.document(out, raw, insights);
                case ndjson -> FramesJsonWriter.lines(out, raw, insights);
            };
            if ("-".equals(capture) && format != Format.json) {
                sink = flushingEachFrame(sink, out); // a live pipe (tcpdump -w -) shows each frame as it arrives
            }
            if (only != null) {
                sink = onlyFrames(sink, only, media);
            }
            CaptureSummary summary = c.run(sink);
            out.flush();
            WarningLines.print(err, summary.warnings());
            return 0;
        } catch (OpenedCapture.Failure e) {
            out.flush();
            err.println("sipvista: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.flush();
            err.println("sipvista: " + capture + ": " + e.getMessage());
            return 1;
        }
    }
}
