package io.sipvista.correlate;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds messages to one {@link Correlator} as a capture would: frames numbered from 1, each message 1 ms after
 * the previous unless {@link #after} says otherwise. Alice is 10.0.0.1, Bob 10.0.0.2; where a message goes does
 * not matter to matching, which reads the Via.
 */
final class Trace {
    static final long START = 1_700_000_000L;

    final Correlator correlator;
    private SipEvent lastEvent;
    final List<MessageContext> contexts = new ArrayList<>();
    private long frame;
    private long nanos;

    Trace() {
        this(CorrelatorLimits.DEFAULT);
    }

    Trace(CorrelatorLimits limits) {
        this.correlator = new Correlator(limits);
    }

    /** Moves the clock on by this many milliseconds before the next message (on top of the usual 1 ms). */
    Trace after(long millis) {
        nanos += millis * 1_000_000L;
        return this;
    }

    /** Sends a message from Alice to Bob (requests) or Bob to Alice (responses). */
    MessageContext send(Msg m) {
        boolean response = m.toString().startsWith("SIP/");
        return send(m, response ? "10.0.0.2:5060" : "10.0.0.1:5060", response ? "10.0.0.1:5060" : "10.0.0.2:5060");
    }

    MessageContext send(Msg m, String src, String dst) {
        nanos += 1_000_000L;
        frame++;
        SipEvent e = new SipEvent(frame, START + nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), src, dst,
                "udp", m.parse());
        MessageContext c = correlator.accept(e);
        contexts.add(c);
        lastEvent = e;
        return c;
    }

    /** Sends {@code m} as {@link #send(Msg)} does and returns the event the correlator was given. */
    SipEvent sent(Msg m) {
        send(m);
        return lastEvent;
    }

    long lastFrame() {
        return frame;
    }

    Correlation finish() {
        return correlator.finish();
    }
}
