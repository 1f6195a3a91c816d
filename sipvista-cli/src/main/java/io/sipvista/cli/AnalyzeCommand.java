package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.report.AnalysisWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code sipvista analyze CAPTURE}: the overview of a capture. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        description = {"Gives the overview of a capture.",
                "Capture facts, transactions per method, calls (B2BUA legs tied),",
                "registrations, subscriptions, media streams and findings."})
final class AnalyzeCommand implements Callable<Integer> {
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
                AnalysisWriter.json(out, name, a);
            } else {
                AnalysisWriter.text(out, name, a);
            }
            return 0;
        });
    }
}
