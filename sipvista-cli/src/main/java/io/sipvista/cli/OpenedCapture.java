package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.correlate.Call;
import io.sipvista.capture.CaptureFormatException;
import io.sipvista.frame.FrameLimits;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.report.CaptureSummary;
import io.sipvista.report.FrameSink;
import io.sipvista.report.FramesRun;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A capture named on the command line (a path or "-"), opened with errors worded for the user. */
final class OpenedCapture implements AutoCloseable {
    /** A one-line reason the capture cannot be read, already worded for the user. */
    static final class Failure extends IOException {
        Failure(String message) {
            super(message);
        }
    }

    private final CaptureReader reader;
    private final String name;

    private OpenedCapture(CaptureReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    static OpenedCapture open(String arg, InputStream stdin) throws Failure {
        if ("-".equals(arg)) {
            try {
                return new OpenedCapture(Captures.open(stdin, "stdin"), "stdin");
            } catch (CaptureFormatException e) {
                throw new Failure("standard input: " + e.getMessage());
            } catch (IOException e) {
                throw new Failure("standard input: cannot read: " + e.getMessage());
            }
        }
        Path path = Path.of(arg);
        String name = path.getFileName() == null ? arg : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            throw new Failure(arg + ": is a directory, not a capture file");
        }
        try {
            return new OpenedCapture(Captures.open(path), name);
        } catch (NoSuchFileException e) {
            throw new Failure(arg + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Failure(arg + ": permission denied");
        } catch (CaptureFormatException e) {
            throw new Failure(arg + ": " + e.getMessage());
        } catch (IOException e) {
            throw new Failure(arg + ": cannot read: " + e.getMessage());
        }
    }

    /** What a command does with a capture's analysis; returns the exit code. */
    interface AnalysisUse {
        int with(String name, CaptureAnalysis.Result analysis) throws IOException;
    }

    /**
     * Opens {@code arg}, analyses it and hands the result to {@code use}; a capture that cannot be read is a one-line
     * error on {@code err} and exit code 1; warnings about the capture follow the output.
     */
    static int analyzed(String arg, InputStream stdin, PrintWriter err, CaptureAnalysis.Keep keep,
                        AnalysisUse use) {
        try (OpenedCapture c = open(arg, stdin)) {
            CaptureAnalysis.Result a = c.analyze(keep);
            int code = use.with(c.name, a);
            WarningLines.print(err, a.warnings());
            return code;
        } catch (Failure e) {
            err.println("sipvista: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("sipvista: " + arg + ": " + e.getMessage());
            return 1;
        }
    }

    /** The call {@code id} of an analysis, or null after a one-line error naming what the capture has. */
    static Call call(CaptureAnalysis.Result a, String id, String arg, PrintWriter err) {
        for (Call c : a.calls()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        err.println("sipvista: " + arg + ": no call " + id + " (the capture has " + a.calls().size()
                + (a.calls().size() == 1 ? " call" : " calls") + "; 'sipvista calls' lists them)");
        return null;
    }

    /** The whole-capture analysis (decoding, correlation, calls), keeping the messages or only summaries. */
    CaptureAnalysis.Result analyze(CaptureAnalysis.Keep keep) throws IOException {
        return CaptureAnalysis.run(reader, FrameLimits.DEFAULT, keep);
    }

    CaptureReader reader() {
        return reader;
    }

    String name() {
        return name;
    }

    CaptureSummary run(FrameSink sink) throws IOException {
        return new FramesRun().run(reader, name, reader.compression(), sink);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
