package io.sipvista.sip.sdp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrozenMapsTest {
    private static Map<Integer, String> written(int... keys) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int k : keys) {
            m.put(k, "v" + k);
        }
        return m;
    }

    @Test
    void anEmptyMapIsTheSharedOne() {
        assertThat(FrozenMaps.copy(new LinkedHashMap<>())).isSameAs(Map.of());
    }

    @Test
    void keepsTheOrderWrittenInEntriesKeysAndValues() {
        Map<Integer, String> in = written(101, 0, 8, 96, 13);
        Map<Integer, String> m = FrozenMaps.copy(in);
        List<Integer> keys = new ArrayList<>();
        for (Map.Entry<Integer, String> e : m.entrySet()) {
            keys.add(e.getKey());
            assertThat(e.getValue()).isEqualTo("v" + e.getKey());
        }
        assertThat(keys).containsExactly(101, 0, 8, 96, 13);
        assertThat(m.keySet()).containsExactly(101, 0, 8, 96, 13);
        assertThat(new ArrayList<>(m.values())).containsExactly("v101", "v0", "v8", "v96", "v13");
        assertThat(m.toString()).isEqualTo(in.toString());
    }

    @Test
    void looksUpLikeTheMapCopied() {
        Map<Integer, String> in = written(101, 0, 8);
        Map<Integer, String> m = FrozenMaps.copy(in);
        assertThat(m).hasSize(3).isEqualTo(in);
        assertThat(m.hashCode()).isEqualTo(in.hashCode());
        assertThat(m.get(8)).isEqualTo("v8");
        assertThat(m.get(9)).isNull();
        assertThat(m.get("8")).isNull();
        assertThat(m.containsKey(101)).isTrue();
        assertThat(m.containsKey(100)).isFalse();
        assertThat(m.containsValue("v0")).isTrue();
    }

    @Test
    void isReadOnlyAndApartFromTheMapCopied() {
        Map<Integer, String> in = written(1, 2);
        Map<Integer, String> m = FrozenMaps.copy(in);
        in.put(3, "v3");
        assertThat(m).hasSize(2);
        assertThatThrownBy(() -> m.put(4, "v4")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.remove(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m).hasSize(2);
    }
}
