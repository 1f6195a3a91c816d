package io.sipvista.analysis;

import io.sipvista.store.Codec;
import io.sipvista.store.StoredList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The finished calls or streams an analysis keeps for its output, in the order they finished: as objects, or, when
 * only a summary is kept ({@link CaptureAnalysis.Keep#SUMMARY}), as bytes in a {@link StoredList} (a few hundred
 * bytes a call instead of ~4 KB of objects), decoded again as the output reads them. Both give equal values in the
 * same order.
 *
 * @param <T> the type of value
 */
final class FinishedList<T> {
    private final ToLongFunction<? super T> key;
    private final List<T> objects;
    private final StoredList<T> stored;

    /**
     * @param codec how a value is kept as bytes; null to keep objects
     * @param key   the first thing values are ordered by (see {@link #order})
     */
    FinishedList(Codec<T> codec, ToLongFunction<? super T> key) {
        this.key = key;
        this.objects = codec == null ? new ArrayList<>() : null;
        this.stored = codec == null ? null : new StoredList<>(codec, key);
    }

    void add(T value) {
        if (objects != null) {
            objects.add(value);
        } else {
            stored.add(value);
        }
    }

    int size() {
        return objects != null ? objects.size() : stored.size();
    }

    /** Every index, ordered by key, then by {@code ties}, then as added. */
    int[] order(Comparator<? super T> ties) {
        if (stored != null) {
            return stored.order(ties);
        }
        List<Integer> idx = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparing(objects::get, Comparator.<T>comparingLong(key).thenComparing(ties)));
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The values at {@code indices} in that order, each through {@code transform}; unmodifiable. */
    List<T> view(int[] indices, StoredList.Transform<T> transform) {
        if (stored != null) {
            return stored.view(indices, transform);
        }
        List<T> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(transform.apply(i, objects.get(i)));
        }
        return Collections.unmodifiableList(out);
    }
}
