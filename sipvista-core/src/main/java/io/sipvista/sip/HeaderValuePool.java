package io.sipvista.sip;

import java.util.function.Function;

/**
 * The From, To, top Via, Call-ID and Request-URI values that the messages of one capture repeat, each read once: every
 * message of a dialog carries the same From and To, a response the top Via of its request, every message of a call its
 * Call-ID. {@link SipMessage#readShared} takes them from here, so the messages held until their call settles share
 * them. Bounded ({@link RecentValues}: at most {@value #SLOTS} values of each kind); what it gives is equal to what
 * reading the value again gives, so sharing changes nothing but memory. One pool per correlator or frame decoder, one thread at a time.
 */
public final class HeaderValuePool {
    static final int SLOTS = 2048;
    private static final int BITS = Integer.numberOfTrailingZeros(SLOTS);

    private final RecentValues<String, NameAddr> nameAddrs = new RecentValues<>(BITS);
    private final RecentValues<String, Via> vias = new RecentValues<>(BITS);
    private final RecentValues<String, String> texts = new RecentValues<>(BITS);

    NameAddr nameAddr(String value) {
        return nameAddrs.get(value, NameAddr::parse);
    }

    Via via(String value) {
        return vias.get(value, Via::parse);
    }

    /** The pooled string equal to {@code value} (a value read from a header, or made from one), or {@code value}. */
    public String text(String value) {
        return texts.get(value, Function.identity());
    }
}
