package io.sipvista.sip;

import java.util.function.Function;

/**
 * The From, To, top Via and Call-ID values that the messages of one capture repeat, each read once: every message of
 * a dialog carries the same From and To, a response the top Via of its request, every message of a call its Call-ID.
 * {@link SipMessage#readShared} takes them from here, so the messages held until their call settles share them.
 *
 * <p>Fixed tables of recent values, two per hash bucket (the newer first): a value in neither place of its bucket
 * pushes out the older one, so the pool never grows and holds at most {@value #SLOTS} values of each kind. What it
 * gives is equal to what reading the value again would give (the values are immutable), so sharing changes nothing
 * but memory. One pool serves one reader at a time (one per correlator); it is not for two threads at once.
 */
public final class HeaderValuePool {
    static final int SLOTS = 2048;

    private final Table<NameAddr> nameAddrs = new Table<>(NameAddr::parse);
    private final Table<Via> vias = new Table<>(Via::parse);
    private final Table<String> texts = new Table<>(Function.identity());

    NameAddr nameAddr(String value) {
        return nameAddrs.get(value);
    }

    Via via(String value) {
        return vias.get(value);
    }

    /** The pooled string equal to {@code value} (a value read from a header, or made from one), or {@code value}. */
    public String text(String value) {
        return texts.get(value);
    }

    /** Values by the text they were read from. */
    private static final class Table<T> {
        private final String[] keys = new String[SLOTS];
        private final Object[] values = new Object[SLOTS];
        private final Function<String, T> read;

        Table(Function<String, T> read) {
            this.read = read;
        }

        @SuppressWarnings("unchecked")
        T get(String key) {
            int h = key.hashCode();
            int i = ((h * 0x9E3779B9) >>> 21) & (SLOTS - 2); // the bucket's first place (an even index)
            if (key.equals(keys[i])) {
                return (T) values[i];
            }
            if (key.equals(keys[i + 1])) {
                String k = keys[i + 1];
                Object v = values[i + 1];
                keys[i + 1] = keys[i];
                values[i + 1] = values[i];
                keys[i] = k;
                values[i] = v;
                return (T) v;
            }
            T v = read.apply(key);
            keys[i + 1] = keys[i];
            values[i + 1] = values[i];
            keys[i] = key;
            values[i] = v;
            return v;
        }
    }
}
