package io.sipvista.report;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a capture to the end, decoding each record and handing each frame to a sink as soon as it is decoded. */
public final class FramesRun {
    private final FrameLimits limits;

    public FramesRun() {
        this(FrameLimits.DEFAULT);
    }

    public FramesRun(FrameLimits limits) {
        this.limits = limits;
    }

    public CaptureSummary run(CaptureReader reader, String fileName, String compressed, FrameSink sink) throws IOException {
        FrameDecoder decoder = new FrameDecoder(limits);
        CaptureRecord first = reader.next();
        sink.begin(new CaptureHeader(fileName, reader.format(), compressed, reader.bigEndian(), reader.interfaces()));
        long frames = 0;
        long sip = 0;
        long quoted = 0;
        String firstTime = null;
        String lastTime = null;
        Map<String, Long> protocols = new TreeMap<>();
        for (CaptureRecord r = first; r != null; r = reader.next()) {
            Frame f = decoder.decode(r);
            frames++;
            for (io.sipvista.frame.SipEntry e : f.sip()) {
                if (e.quoted()) {
                    quoted++;
                } else {
                    sip++;
                }
            }
            protocols.merge(f.protocol(), 1L, Long::sum);
            if (firstTime == null) {
                firstTime = f.time();
            }
            lastTime = f.time();
            sink.frame(f);
        }
        List<Anomaly> warnings = new ArrayList<>(reader.warnings());
        warnings.addAll(decoder.finish());
        CaptureSummary summary = new CaptureSummary(frames, sip, quoted, firstTime, lastTime, protocols, reader.interfaces(), warnings);
        sink.end(summary);
        return summary;
    }
}
