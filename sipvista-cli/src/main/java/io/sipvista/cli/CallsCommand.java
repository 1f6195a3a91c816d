package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.report.CallsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code sipvista calls CAPTURE}: the calls of a capture, B2BUA legs tied together. */
@Command(name = "calls",
        mixinStandardHelpOptions = true,
        description = {"Lists the calls of a capture.",
                "Each call: caller, callee, outcome and final status, codec, ring/answer/talk",
                "times, who hung up, and its legs (one per Call-ID; legs through a B2BUA are",
                "tied into one call)."})
final class CallsCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "capture file (pcap, pcapng, optionally gzip-compressed), or - for standard input")
    String capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json")
    Format format;

    @picocli.CommandLine.ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return OpenedCapture.analyzed(capture, main.stdin(), spec.commandLine().getErr(),
                CaptureAnalysis.Keep.SUMMARY, (name, a) -> {
            if (format == Format.json) {
                CallsWriter.json(out, name, a);
            } else {
                CallsWriter.text(out, name, a);
            }
            return 0;
        });
    }
}
