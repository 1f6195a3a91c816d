package io.sipvista.correlate;

import io.sipvista.sip.SipMessage;
import io.sipvista.sip.sdp.Sdp;
import io.sipvista.sip.sdp.SdpParser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SIP message as the capture shows it: the input of {@link Correlator#accept}. Events are given in capture
 * order, one per message (a message that spans several TCP segments is one event, numbered by the frame that
 * completes it or by its first frame, as the caller chooses, but consistently).
 *
 * @param frame        the frame number, 1-based and positive (0 is used by the model for "none")
 * @param epochSeconds capture time, whole seconds since 1970-01-01 UTC
 * @param nanos        capture time, nanoseconds within the second
 * @param src          where the message came from, {@code "ip:port"} (IPv6 as {@code "[addr]:port"})
 * @param dst          where it went
 * @param transport    {@code udp}, {@code tcp}, {@code sctp}, {@code ws} ... (kept as given)
 * @param message      the parsed message
 * @param sdp          one entry per {@code application/sdp} body part, in body order (usually zero or one)
 */
public record SipEvent(long frame, long epochSeconds, int nanos, String src, String dst, String transport,
                       SipMessage message, List<Sdp> sdp) {
    /** Capture times are clamped into the range {@link Instant} can hold; a capture never gets there. */
    private static final long MIN_SECONDS = Instant.MIN.getEpochSecond();
    private static final long MAX_SECONDS = Instant.MAX.getEpochSecond();

    public SipEvent {
        Objects.requireNonNull(message, "message");
        src = src == null ? "" : src;
        dst = dst == null ? "" : dst;
        transport = transport == null ? "" : transport;
        sdp = List.copyOf(sdp);
    }

    /** An event whose SDP bodies are read here from {@link SipMessage#sdpTexts()}. */
    public SipEvent(long frame, long epochSeconds, int nanos, String src, String dst, String transport,
                    SipMessage message) {
        this(frame, epochSeconds, nanos, src, dst, transport, message, parsedSdp(message));
    }

    private static List<Sdp> parsedSdp(SipMessage message) {
        List<Sdp> out = new ArrayList<>();
        for (String text : message.sdpTexts()) {
            out.add(SdpParser.parse(text));
        }
        return out;
    }

    /** The capture time as an instant (never the wall clock). */
    public Instant time() {
        long s = Math.max(MIN_SECONDS + 1, Math.min(MAX_SECONDS - 1, epochSeconds));
        return Instant.ofEpochSecond(s, Math.floorMod(nanos, 1_000_000_000));
    }
}
