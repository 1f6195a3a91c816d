package io.sipvista.media;

import io.sipvista.label.RtpPayloadTypes;
import io.sipvista.sip.sdp.RtpMap;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The RTP clock rate (and encoding name) of each payload type 0-127 on one stream: static types from RFC 3551
 * (tables 4 and 5, via {@link RtpPayloadTypes}; G.722 is 8000 Hz by RFC 3551 §4.5.2 although sampled at 16000 Hz) and
 * dynamic types from the SDP {@code a=rtpmap} lines that bound them ({@code opus/48000}, {@code telephone-event/8000},
 * {@code H264/90000}). A type that neither gives is {@link Origin#UNKNOWN}, with clock rate 0, so statistics can say
 * "unknown" instead of guessing.
 *
 * <p>An rtpmap for a static type (0-95) does not override RFC 3551: the timestamps of a static type run at the RFC's
 * rate, and SDP that says {@code G722/16000} for type 9 is a common mistake. Immutable; lookups never allocate.
 */
public final class ClockRates {
    /** Where a payload type's clock rate comes from. */
    public enum Origin {
        /** An RFC 3551 static assignment. */
        STATIC,
        /** An SDP rtpmap binding of a dynamic type. */
        RTPMAP,
        /** Neither: the clock rate is not known. */
        UNKNOWN
    }

    /**
     * What a payload type stands for on this stream.
     *
     * @param payloadType the RTP payload type, 0-127 (or the out-of-range value asked about)
     * @param encoding    the encoding name ("PCMU", "opus", "telephone-event"), or "unknown"
     * @param clockRate   the RTP clock rate in Hz, 0 when unknown
     * @param origin      where the values come from
     */
    public record PayloadClock(int payloadType, String encoding, int clockRate, Origin origin) {
        /** True when the clock rate is known. */
        public boolean known() {
            return clockRate > 0;
        }
    }

    /** One dynamic binding: encoding name and clock rate in Hz. */
    public record Binding(String encoding, int clockRate) {
        /** Checks the values; a programming error when they are not sane. */
        public Binding {
            if (encoding == null || encoding.isEmpty() || clockRate <= 0) {
                throw new IllegalArgumentException("binding needs an encoding and a positive clock rate");
            }
        }
    }

    private static final String UNKNOWN_NAME = "unknown";

    /** Static types only; its entries are shared by every table, which adds only its dynamic bindings. */
    private static final ClockRates STATIC_ONLY = new ClockRates();

    private final PayloadClock[] clocks;
    private final boolean[] timingOnly;

    private ClockRates() {
        clocks = new PayloadClock[128];
        timingOnly = new boolean[128];
        for (int pt = 0; pt < 128; pt++) {
            PayloadClock c = RtpPayloadTypes.isStatic(pt)
                    ? new PayloadClock(pt, RtpPayloadTypes.name(pt), RtpPayloadTypes.clockRate(pt), Origin.STATIC)
                    : new PayloadClock(pt, UNKNOWN_NAME, 0, Origin.UNKNOWN);
            clocks[pt] = c;
            timingOnly[pt] = isTimingOnly(c.encoding());
        }
    }

    private ClockRates(Map<Integer, Binding> dynamic) {
        clocks = STATIC_ONLY.clocks.clone();
        timingOnly = STATIC_ONLY.timingOnly.clone();
        for (Map.Entry<Integer, Binding> e : dynamic.entrySet()) {
            int pt = e.getKey();
            if (pt >= 0 && pt < 128 && !RtpPayloadTypes.isStatic(pt)) {
                Binding b = e.getValue();
                clocks[pt] = new PayloadClock(pt, b.encoding(), b.clockRate(), Origin.RTPMAP);
                timingOnly[pt] = isTimingOnly(b.encoding());
            }
        }
    }

    /** Static types only: every dynamic type is unknown. */
    public static ClockRates staticOnly() {
        return STATIC_ONLY;
    }

    /**
     * Static types plus the given dynamic bindings (payload type → encoding and clock rate). Keys outside 0-127 are
     * ignored; keys 0-95 that RFC 3551 assigns keep the RFC's values.
     */
    public static ClockRates of(Map<Integer, Binding> dynamic) {
        return dynamic.isEmpty() ? STATIC_ONLY : new ClockRates(Map.copyOf(dynamic));
    }

    /** Static types plus the SDP rtpmap lines given (as parsed by {@code io.sipvista.sip.sdp}). */
    public static ClockRates fromRtpMaps(Collection<RtpMap> rtpmaps) {
        HashMap<Integer, Binding> m = new HashMap<>();
        for (RtpMap r : rtpmaps) {
            if (r != null && r.clockRate() > 0 && r.payloadType() >= 0 && r.payloadType() <= 127) {
                m.putIfAbsent(r.payloadType(), new Binding(r.encoding(), r.clockRate()));
            }
        }
        return m.isEmpty() ? STATIC_ONLY : new ClockRates(m);
    }

    /** What the payload type stands for; UNKNOWN (clock rate 0) outside 0-127 or when nothing binds it. */
    public PayloadClock of(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            return new PayloadClock(payloadType, UNKNOWN_NAME, 0, Origin.UNKNOWN);
        }
        return clocks[payloadType];
    }

    /** The clock rate in Hz, 0 when unknown (never allocates). */
    public int clockRate(int payloadType) {
        return payloadType < 0 || payloadType > 127 ? 0 : clocks[payloadType].clockRate();
    }

    /**
     * True for payload types whose timestamps do not follow the audio sampling clock packet by packet: RFC 4733
     * {@code telephone-event} (one timestamp for a whole event) and comfort noise ({@code CN}, RFC 3389: sparse
     * packets). Stream statistics keep these out of jitter and ptime.
     */
    public boolean timingOnly(int payloadType) {
        return payloadType >= 0 && payloadType <= 127 && timingOnly[payloadType];
    }

    private static boolean isTimingOnly(String encoding) {
        return encoding.equalsIgnoreCase("telephone-event") || encoding.equalsIgnoreCase("CN");
    }
}
