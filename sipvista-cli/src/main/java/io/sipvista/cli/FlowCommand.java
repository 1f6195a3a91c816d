package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.correlate.Call;
import io.sipvista.report.LadderBuilder;
import io.sipvista.report.ladder.Ladder;
import io.sipvista.report.ladder.LadderMermaid;
import io.sipvista.report.ladder.LadderSvg;
import io.sipvista.report.ladder.LadderText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code sipvista flow CAPTURE [--call ID]}: a ladder diagram of a call or of all SIP in a capture. */
@Command(name = "flow",
        mixinStandardHelpOptions = true,
        description = {"Draws the SIP flow of a call (or of the whole capture) as a ladder diagram:",
                "text for the terminal, mermaid or svg for tickets and docs; 'sipvista calls'",
                "lists the call ids."})
final class FlowCommand implements Callable<Integer> {
    enum Format { text, mermaid, svg }

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "capture file (pcap, pcapng, optionally gzip-compressed), or - for standard input")
    String capture;

    @Option(names = "--call", paramLabel = "ID", description = "a call id from 'sipvista calls' (call-1, ...); default: every SIP message")
    String callId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), mermaid or svg")
    Format format;

    @Option(names = "--width", paramLabel = "N", defaultValue = "120", description = "text width in columns (default 120)")
    int width;

    @picocli.CommandLine.ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (width < 20) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--width must be at least 20");
        }
        return OpenedCapture.analyzed(capture, main.stdin(), err, CaptureAnalysis.Keep.MESSAGES, (name, a) -> {
            Call call = null;
            if (callId != null) {
                call = OpenedCapture.call(a, callId, capture, err);
                if (call == null) {
                    return 1;
                }
            }
            Ladder ladder = LadderBuilder.of(a, call);
            out.print(switch (format) {
                case text -> LadderText.render(ladder, width);
                case mermaid -> LadderMermaid.render(ladder);
                case svg -> LadderSvg.render(ladder);
            });
            out.flush();
            return 0;
        });
    }
}
