package io.sipvista.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The builders of one kind (transactions, dialogs, subscriptions) a {@link Correlator} made, numbered in order of
 * creation. Those of a Call-ID the caller has released leave the held list; they are kept for the final model only
 * when the correlator keeps everything, so a streaming analysis holds the builders of unreleased Call-IDs only.
 */
final class Ledger<B> {
    private final Function<B, String> callIdOf;
    private final boolean keepReleased;
    private final List<B> held = new ArrayList<>();
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
        created++;
        held.add(builder);
    }

    /** The builders not released yet, in order of creation. */
    List<B> held() {
        return held;
    }

    /** The held builders of these Call-IDs, in order of creation. */
    List<B> heldOf(Set<String> callIds) {
        List<B> out = new ArrayList<>();
        for (B b : held) {
            if (callIds.contains(callIdOf.apply(b))) {
                out.add(b);
            }
        }
        return out;
    }

    /** Takes the builders of these Call-IDs out of the held list (into the kept list when everything is kept). */
    void release(Set<String> callIds) {
        held.removeIf(b -> {
            if (!callIds.contains(callIdOf.apply(b))) {
                return false;
            }
            if (keepReleased) {
                released.add(b);
            }
            return true;
        });
    }

    /** Everything the final model shows: the kept released builders and the held ones (callers sort). */
    Collection<B> everything() {
        List<B> out = new ArrayList<>(released.size() + held.size());
        out.addAll(released);
        out.addAll(held);
        return out;
    }
}
