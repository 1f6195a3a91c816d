package io.sipvista.report;

import io.sipvista.frame.Frame;

import java.io.IOException;

/** Receives the frames of one capture in order: a renderer (text, JSON) or a collector in tests. */
public interface FrameSink {
    void begin(CaptureHeader header) throws IOException;

    void frame(Frame frame) throws IOException;

    void end(CaptureSummary summary) throws IOException;
}
