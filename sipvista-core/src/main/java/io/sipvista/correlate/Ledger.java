package io.sipvista.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The builders of one kind (transactions, dialogs, subscriptions) a {@link Correlator} made, numbered in order of
 * creation. Those of a Call-ID the caller has released leave the held list; they are kept for the final model only
 * when the correlator keeps everything, so a streaming analysis holds the builders of unreleased Call-IDs only.
 */
final class Ledger<B> {
    private final Function<B, String> callIdOf;
    /** The number a builder was given ({@link #nextNumber()} when it was made). */
    private final ToIntFunction<B> numberOf;
    private final boolean keepReleased;
    /** The held builders of each Call-ID, in order of creation: settling asks for and releases a few Call-IDs. */
    private final Map<String, List<B>> held = new HashMap<>();
    private final List<B> released = new ArrayList<>();
    private int created;

    Ledger(Function<B, String> callIdOf, ToIntFunction<B> numberOf, boolean keepReleased) {
        this.callIdOf = callIdOf;
        this.numberOf = numberOf;
        this.keepReleased = keepReleased;
    }

    /** The number the next builder gets: 0, 1, 2 ... never reused, whatever is released. */
    int nextNumber() {
        return created;
    }

    /** Holds a builder made with the number {@link #nextNumber()} gave. */
    void add(B builder) {
        if (numberOf.applyAsInt(builder) != created) {
            throw new IllegalArgumentException("builder " + numberOf.applyAsInt(builder) + " added as " + created);
        }
        held.computeIfAbsent(callIdOf.apply(builder), k -> new ArrayList<>(4)).add(builder);
        created++;
    }

    /** The builders not released yet, in order of creation. */
    List<B> held() {
        return inOrder(held.values());
    }

    /** The held builders of this Call-ID, in order of creation. */
    List<B> heldOf(String callId) {
        return held.getOrDefault(callId, List.of());
    }

    /** The held builders of these Call-IDs, in order of creation. */
    List<B> heldOf(Set<String> callIds) {
        List<List<B>> lists = new ArrayList<>(callIds.size());
        for (String id : callIds) {
            List<B> l = held.get(id);
            if (l != null) {
                lists.add(l);
            }
        }
        return inOrder(lists);
    }

    /** The builders of these lists by number (see {@link KeyOrder}). */
    private List<B> inOrder(Collection<List<B>> lists) {
        int n = 0;
        for (List<B> l : lists) {
            n += l.size();
        }
        Object[] all = new Object[n];
        long[] numbers = new long[n];
        int i = 0;
        for (List<B> l : lists) {
            for (B b : l) {
                all[i] = b;
                numbers[i++] = numberOf.applyAsInt(b);
            }
        }
        return KeyOrder.stable(all, numbers);
    }

    /** Takes the builders of these Call-IDs out of the held list (into the kept list when everything is kept). */
    void release(Set<String> callIds) {
        List<List<B>> gone = new ArrayList<>();
        for (String id : callIds) {
            List<B> l = held.remove(id);
            if (l != null) {
                gone.add(l);
            }
        }
        if (keepReleased) {
            released.addAll(inOrder(gone));
        }
    }

    /** Everything the final model shows: the kept released builders and the held ones (callers sort). */
    Collection<B> everything() {
        List<B> out = new ArrayList<>(released);
        out.addAll(held());
        return out;
    }
}
