package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.report.FrameReplay;
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
        description = {"Writes the analysis of a capture as one self-contained HTML file to attach",
                "to a ticket: the interactive page (overview, call ladders with the frame",
                "behind each arrow, media charts, the frame timeline with filters) over the",
                "capture's data, and the same report without script for readers that block",
                "it. Nothing is loaded from elsewhere. Frames embedded: all up to 20,000,",
                "else the SIP frames only."})
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
                    // standard input cannot be read twice: the report then holds the analysis without the frames
                    FrameReplay frames = "-".equals(capture) ? null : sink -> {
                        try (OpenedCapture again = OpenedCapture.open(capture, main.stdin())) {
                            return again.run(sink);
                        }
                    };
                    HtmlReport.write(w, name, a, frames);
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
