package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.anomaly.Anomaly;
import io.sipvista.report.AnalysisWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code sipvista analyze CAPTURE}: the overview of a capture. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        description = {"Gives the overview of a capture.",
                "Capture facts, transactions per method, calls (B2BUA legs tied), registrations and subscriptions."})
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
        var err = spec.commandLine().getErr();
        try (OpenedCapture c = OpenedCapture.open(capture, main.stdin())) {
            CaptureAnalysis.Result a = c.analyze();
            if (format == Format.json) {
                AnalysisWriter.json(out, c.name(), a);
            } else {
                AnalysisWriter.text(out, c.name(), a);
            }
            for (Anomaly w : a.warnings()) {
                err.println("sipvista: warning: " + w.text());
            }
            return 0;
        } catch (OpenedCapture.Failure e) {
            err.println("sipvista: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("sipvista: " + capture + ": " + e.getMessage());
            return 1;
        }
    }
}
