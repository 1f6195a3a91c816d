package io.sipvista.media;

import io.sipvista.label.RtpPayloadTypes;
import io.sipvista.sip.sdp.RtpMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>A table is held by every open call's SDP, and most bind one or two dynamic types: it keeps only those (a
 * 128-bit mask of the types it binds and their entries in order), and takes every other type from the one table of
 * static types. A lookup is a mask test and a bit count.
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

    /** Static types only: it binds every type 0-127 itself, and every other table falls back on it. */
    private static final ClockRates STATIC_ONLY = new ClockRates(staticClocks());

    /** The types this table binds itself, bit {@code pt} of 0-63 then 64-127; every other one is as in STATIC_ONLY. */
    private final long boundLow;
    private final long boundHigh;
    /** What the bound types stand for, in order of payload type (one per bit of boundLow and boundHigh). */
    private final PayloadClock[] bound;
    /** {@link #timingOnly} of every type 0-127, bit {@code pt} of 0-63 then 64-127. */
    private final long timingLow;
    private final long timingHigh;

    /**
     * A table binding the types of the non-null entries of {@code clocks} (128 of them, by payload type). STATIC_ONLY
     * binds all 128, so building it does not look at itself.
     */
    private ClockRates(PayloadClock[] clocks) {
        long[] bits = new long[2]; // bit pt of 0-63, then of 64-127 (a shift takes pt modulo 64)
        List<PayloadClock> in = new ArrayList<>();
        for (int pt = 0; pt < 128; pt++) {
            if (clocks[pt] != null) {
                in.add(clocks[pt]);
                bits[pt >>> 6] |= 1L << pt;
            }
        }
        boundLow = bits[0];
        boundHigh = bits[1];
        bound = in.toArray(new PayloadClock[0]);
        long[] timing = new long[2];
        for (int pt = 0; pt < 128; pt++) {
            if (isTimingOnly(clock(pt).encoding())) {
                timing[pt >>> 6] |= 1L << pt;
            }
        }
        timingLow = timing[0];
        timingHigh = timing[1];
    }

    /** The RFC 3551 static types and every other type unknown, by payload type. */
    private static PayloadClock[] staticClocks() {
        PayloadClock[] clocks = new PayloadClock[128];
        for (int pt = 0; pt < 128; pt++) {
            clocks[pt] = RtpPayloadTypes.isStatic(pt)
                    ? new PayloadClock(pt, RtpPayloadTypes.name(pt), RtpPayloadTypes.clockRate(pt), Origin.STATIC)
                    : new PayloadClock(pt, UNKNOWN_NAME, 0, Origin.UNKNOWN);
        }
        return clocks;
    }

    /** Static types plus the dynamic bindings given; STATIC_ONLY when none binds a type that is not static. */
    private static ClockRates withBindings(Map<Integer, Binding> dynamic) {
        PayloadClock[] clocks = new PayloadClock[128];
        boolean any = false;
        for (Map.Entry<Integer, Binding> e : dynamic.entrySet()) {
            int pt = e.getKey();
            if (pt >= 0 && pt < 128 && !RtpPayloadTypes.isStatic(pt)) {
                Binding b = e.getValue();
                clocks[pt] = new PayloadClock(pt, b.encoding(), b.clockRate(), Origin.RTPMAP);
                any = true;
            }
        }
        return any ? new ClockRates(clocks) : STATIC_ONLY;
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
        return withBindings(Map.copyOf(dynamic));
    }

    /** Static types plus the SDP rtpmap lines given (as parsed by {@code io.sipvista.sip.sdp}). */
    public static ClockRates fromRtpMaps(Collection<RtpMap> rtpmaps) {
        HashMap<Integer, Binding> m = new HashMap<>();
        for (RtpMap r : rtpmaps) {
            if (r != null && r.clockRate() > 0 && r.payloadType() >= 0 && r.payloadType() <= 127) {
                m.putIfAbsent(r.payloadType(), new Binding(r.encoding(), r.clockRate()));
            }
        }
        return withBindings(m);
    }

    /** What the payload type stands for; UNKNOWN (clock rate 0) outside 0-127 or when nothing binds it. */
    public PayloadClock of(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            return new PayloadClock(payloadType, UNKNOWN_NAME, 0, Origin.UNKNOWN);
        }
        return clock(payloadType);
    }

    /** The clock rate in Hz, 0 when unknown (never allocates). */
    public int clockRate(int payloadType) {
        return payloadType < 0 || payloadType > 127 ? 0 : clock(payloadType).clockRate();
    }

    /**
     * True for payload types whose timestamps do not follow the audio sampling clock packet by packet: RFC 4733
     * {@code telephone-event} (one timestamp for a whole event) and comfort noise ({@code CN}, RFC 3389: sparse
     * packets). Stream statistics keep these out of jitter and ptime.
     */
    public boolean timingOnly(int payloadType) {
        return payloadType >= 0 && payloadType <= 127
                && ((payloadType < 64 ? timingLow : timingHigh) & (1L << payloadType)) != 0;
    }

    /** The entry of a type 0-127: this table's binding, else STATIC_ONLY's; a rank in the bound bits, no search. */
    private PayloadClock clock(int payloadType) {
        boolean low = payloadType < 64;
        long bits = low ? boundLow : boundHigh;
        long bit = 1L << payloadType;
        if ((bits & bit) == 0) {
            return STATIC_ONLY.clock(payloadType);
        }
        return bound[Long.bitCount(bits & (bit - 1)) + (low ? 0 : Long.bitCount(boundLow))];
    }

    private static boolean isTimingOnly(String encoding) {
        return encoding.equalsIgnoreCase("telephone-event") || encoding.equalsIgnoreCase("CN");
    }
}
