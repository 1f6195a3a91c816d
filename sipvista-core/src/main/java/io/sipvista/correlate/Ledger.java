package io.sipvista.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The builders of one kind (transactions, dialogs, subscriptions) a {@link Correlator} made, numbered in order of
 * creation. Those of a Call-ID the caller has released leave the held list; they are kept for the final model only
 * when the correlator keeps everything, so a streaming analysis holds the builders of unreleased Call-IDs only.
 */
final class Ledger<B> {
    /** One held builder and its number. */
    private record Held<B>(int number, B builder) {
    }

    private final Function<B, String> callIdOf;
    private final boolean keepReleased;
    /** The held builders of each Call-ID, in order of creation: settling asks for and releases a few Call-IDs. */
    private final Map<String, List<Held<B>>> held = new HashMap<>();
    private final List<B> released = new ArrayList<>();
    private int created;

    Ledger(Function<B, String> callIdOf, boolean keepReleased) {
        this.callIdOf = callIdOf;
        this.keepReleased = keepReleased;
    }

    /** The number the next builder gets: 0, 1, 2 ... never reused, whatever is released. */
    int nextNumber() {
        return created;
    }

    void add(B builder) {
        held.computeIfAbsent(callIdOf.apply(builder), k -> new ArrayList<>(4)).add(new Held<>(created, builder));
        created++;
    }

    /** The builders not released yet, in order of creation. */
    List<B> held() {
        return inOrder(held.values());
    }

    /** The held builders of these Call-IDs, in order of creation. */
    List<B> heldOf(Set<String> callIds) {
        List<List<Held<B>>> lists = new ArrayList<>(callIds.size());
        for (String id : callIds) {
            List<Held<B>> l = held.get(id);
            if (l != null) {
                lists.add(l);
            }
        }
        return inOrder(lists);
    }

    private static <B> List<B> inOrder(Collection<List<Held<B>>> lists) {
        List<Held<B>> all = new ArrayList<>();
        for (List<Held<B>> l : lists) {
            all.addAll(l);
        }
        all.sort(Comparator.comparingInt(Held::number));
        List<B> out = new ArrayList<>(all.size());
        for (Held<B> h : all) {
            out.add(h.builder());
        }
        return out;
    }

    /** Takes the builders of these Call-IDs out of the held list (into the kept list when everything is kept). */
    void release(Set<String> callIds) {
        List<List<Held<B>>> gone = new ArrayList<>();
        for (String id : callIds) {
            List<Held<B>> l = held.remove(id);
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
