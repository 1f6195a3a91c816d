package io.sipvista.analysis;

import io.sipvista.anomaly.Anomaly;
import io.sipvista.capture.CaptureReader;
import io.sipvista.capture.CaptureRecord;
import io.sipvista.correlate.Call;
import io.sipvista.correlate.CallAssembler;
import io.sipvista.correlate.Correlation;
import io.sipvista.correlate.Correlator;
import io.sipvista.correlate.MessageContext;
import io.sipvista.correlate.SipEvent;
import io.sipvista.frame.Frame;
import io.sipvista.frame.FrameDecoder;
import io.sipvista.frame.FrameLimits;
import io.sipvista.frame.SipEntry;
import io.sipvista.insight.Finding;
import io.sipvista.insight.FindingDetector;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a capture through decoding and correlation: every frame decoded, every SIP message on the wire (not the
 * ones only quoted in ICMP errors) handed to a {@link Correlator} in capture order, then calls assembled. Keeps the
 * SIP messages and their contexts (what a call view needs), not the other frames.
 */
public final class CaptureAnalysis {
    /** One SIP message as the analysis saw it. */
    public record Message(SipEvent event, MessageContext context) {
    }

    /**
     * What a capture holds.
     *
     * @param frames      frames read
     * @param firstTime   time of the first frame, or null
     * @param lastTime    time of the last frame, or null
     * @param messages    SIP messages on the wire, in capture order, with their correlation context
     * @param correlation transactions, dialogs, registrations, subscriptions
     * @param calls       calls, in order of first frame
     * @param findings    the diagnosis: failed calls and why, protocol problems, NAT, expiries (ordered by evidence)
     * @param warnings    capture-level anomalies (file damage, streams ended inside a message)
     */
    public record Result(long frames, String firstTime, String lastTime, List<Message> messages,
                         Correlation correlation, List<Call> calls, List<Finding> findings, List<Anomaly> warnings) {
        public Result {
            messages = List.copyOf(messages);
            calls = List.copyOf(calls);
            findings = List.copyOf(findings);
            warnings = List.copyOf(warnings);
        }
    }

    private CaptureAnalysis() {
    }

    public static Result run(CaptureReader reader, FrameLimits limits) throws IOException {
        FrameDecoder decoder = new FrameDecoder(limits);
        Correlator correlator = new Correlator();
        List<Message> messages = new ArrayList<>();
        List<SipEvent> events = new ArrayList<>();
        long frames = 0;
        String first = null;
        String last = null;
        Instant end = null;
        for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
            Frame f = decoder.decode(r);
            frames++;
            if (first == null) {
                first = f.time();
            }
            last = f.time();
            end = Instant.ofEpochSecond(f.epochSeconds(), f.nanos());
            for (SipEntry e : f.sip()) {
                if (e.quoted()) {
                    continue;
                }
                SipEvent event = new SipEvent(f.number(), f.epochSeconds(), f.nanos(), f.src(), f.dst(),
                        transportOf(f), e.message(), e.sdp());
                events.add(event);
                messages.add(new Message(event, correlator.accept(event)));
            }
        }
        List<Anomaly> warnings = new ArrayList<>(reader.warnings());
        warnings.addAll(decoder.finish());
        Correlation correlation = correlator.finish();
        List<Call> calls = CallAssembler.assemble(correlation, events);
        List<Finding> findings = events.isEmpty() ? List.of()
                : FindingDetector.detect(correlation, calls, events, end);
        return new Result(frames, first, last, messages, correlation, calls, findings, warnings);
    }

    private static String transportOf(Frame f) {
        return f.transport() == null ? "udp" : f.transport();
    }
}
