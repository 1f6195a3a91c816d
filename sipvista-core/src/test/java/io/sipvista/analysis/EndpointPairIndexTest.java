package io.sipvista.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link EndpointPairIndex} answers as a map of key pairs would, through growth and removals. */
class EndpointPairIndexTest {
    @Test
    void answersAsAMapThroughPutsAndRemovals() {
        Random random = new Random(3);
        EndpointPairIndex<Object> index = new EndpointPairIndex<>();
        Map<List<Long>, Object> model = new HashMap<>();
        List<List<Long>> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // few distinct addresses and ports: many keys share one half, as flows do
            keys.add(List.of((long) random.nextInt(40) << 16 | random.nextInt(30), (long) random.nextInt(40) << 16 | random.nextInt(30)));
        }
        for (int step = 0; step < 200_000; step++) {
            List<Long> k = keys.get(random.nextInt(keys.size()));
            int op = random.nextInt(3);
            if (op == 0) {
                Object v = new Object();
                index.put(k.get(0), k.get(1), v);
                model.put(k, v);
            } else if (op == 1) {
                Object held = model.get(k);
                Object v = held != null && random.nextBoolean() ? held : new Object();
                index.remove(k.get(0), k.get(1), v);
                model.remove(k, v);
            } else {
                assertThat(index.get(k.get(0), k.get(1))).isSameAs(model.get(k));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (List<Long> k : keys) {
            assertThat(index.get(k.get(0), k.get(1))).isSameAs(model.get(k));
        }
    }

    @Test
    void aRemovalOfAnotherValueLeavesTheKey() {
        EndpointPairIndex<String> index = new EndpointPairIndex<>();
        String v = new String("flow");
        index.put(1, 2, v);
        index.remove(1, 2, new String("flow"));
        assertThat(index.get(1, 2)).isSameAs(v);
        index.remove(1, 2, v);
        assertThat(index.get(1, 2)).isNull();
        assertThat(index.size()).isZero();
    }

    @Test
    void negativeKeysAreRefused() {
        EndpointPairIndex<String> index = new EndpointPairIndex<>();
        assertThatThrownBy(() -> index.put(-1, 2, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
