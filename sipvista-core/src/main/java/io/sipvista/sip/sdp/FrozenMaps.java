package io.sipvista.sip.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read-only copies of maps that keep their order. Most maps of a description are empty (no {@code b=}, no
 * {@code a=fmtp}), and a parsed description is held as long as its call: an empty one is the shared empty map, not a
 * new map and its wrapper.
 */
final class FrozenMaps {
    private FrozenMaps() {
    }

    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
