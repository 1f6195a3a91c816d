package io.sipvista.cli;

import io.sipvista.analysis.CaptureAnalysis;
import io.sipvista.capture.CaptureFormatException;
import io.sipvista.frame.FrameLimits;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.Captures;
import io.sipvista.report.CaptureSummary;
import io.sipvista.report.FrameSink;
import io.sipvista.report.FramesRun;

import java.io.IOException;
import java.io.InputStream;
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

    /** The whole-capture analysis (decoding, correlation, calls). */
    CaptureAnalysis.Result analyze() throws IOException {
        return CaptureAnalysis.run(reader, FrameLimits.DEFAULT);
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
