package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sipvista report CAPTURE -o report.html}: the analysis as one self-contained HTML file. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Writes the analysis of a capture as one self-contained HTML file to attach to a ticket:",
                "capture facts, calls, findings, media streams, registrations, subscriptions, a ladder per call",
                "and the SIP timeline with each message's insight. No script and nothing loaded from elsewhere."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAPTURE", description = "capture file (pcap, pcapng, optionally gzip-compressed), or - for standard input")
    String capture;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the HTML file to write")
    Path output;

    @picocli.CommandLine.ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        return OpenedCapture.analyzed(capture, main.stdin(), err, CaptureAnalysis.Keep.MESSAGES, (name, a) -> {
            OutputFiles.replace(output, temp -> {
                try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    HtmlReport.write(w, name, a);
                }
                return true;
            });
            spec.commandLine().getOut().println(output + ": " + a.calls().size()
                    + (a.calls().size() == 1 ? " call, " : " calls, ") + a.findings().size()
                    + (a.findings().size() == 1 ? " finding" : " findings") + " (" + Files.size(output) / 1024
                    + " KiB)");
            return 0;
        });
    }
}
