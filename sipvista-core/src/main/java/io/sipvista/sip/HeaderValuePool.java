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

    /** {@link #nameAddr(String)} of header line {@code i} of a message: its header table and its bytes. */
    NameAddr nameAddr(HeaderTable headers, int i, byte[] raw) {
        return get(nameAddrs, headers, i, raw, NameAddr::parse);
    }

    /** {@link #via(String)} of header line {@code i} of a message, when the line holds one Via value. */
    Via via(HeaderTable headers, int i, byte[] raw) {
        return get(vias, headers, i, raw, Via::parse);
    }

    /** {@link #text(String)} of header line {@code i} of a message. */
    String text(HeaderTable headers, int i, byte[] raw) {
        return get(texts, headers, i, raw, Function.identity());
    }

    /**
     * The value of header line {@code i} from {@code table}. Nearly always an equal value is there already: a value
     * of ASCII bytes (nearly every one) is looked up by its bytes, and a string is made only when it is not there;
     * other bytes are decoded first, the one way to get the same text, and a folded value is a string already.
     */
    private static <V> V get(RecentValues<String, V> table, HeaderTable headers, int i, byte[] raw,
                             Function<? super String, ? extends V> read) {
        if (!headers.isFolded(i)) {
            int from = headers.valueFrom(i);
            int to = headers.valueTo(i);
            if (Utf8.isAscii(raw, from, to)) {
                return RecentValues.getAscii(table, raw, from, to, read);
            }
        }
        return table.get(headers.value(i, raw), read);
    }

    /** The pooled string equal to {@code value} (a value read from a header, or made from one), or {@code value}. */
    public String text(String value) {
        return texts.get(value, Function.identity());
    }
}
