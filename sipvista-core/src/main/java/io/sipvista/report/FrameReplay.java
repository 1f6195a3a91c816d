package io.sipvista.report;

import java.io.IOException;

/**
 * A second pass over a capture: hands every frame of it to a sink, in order, and returns what it saw. The HTML report
 * uses it to embed the frames of the capture it describes (the analysis keeps messages, not frames).
 */
@FunctionalInterface
public interface FrameReplay {
    CaptureSummary run(FrameSink sink) throws IOException;
}
