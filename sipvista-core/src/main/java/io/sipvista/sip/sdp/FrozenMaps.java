package io.sipvista.sip.sdp;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Read-only copies of maps that keep their order. A parsed description is held as long as its call, and its maps
 * are small (a few {@code a=rtpmap} or {@code b=} lines) or empty: an empty one is the shared empty map, any other
 * an {@link ArrayMap} of its keys and values in one array, not a linked hash map and its wrapper.
 */
final class FrozenMaps {
    private FrozenMaps() {
    }

    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return m.isEmpty() ? Map.of() : new ArrayMap<>(m);
    }

    /**
     * An immutable map of a few entries in the order of the map copied: keys and values alternate in one array, and
     * a lookup compares keys one by one. Null keys and values are kept as they are. Its views are made when asked
     * for, not kept.
     */
    static final class ArrayMap<K, V> extends AbstractMap<K, V> {
        /** Key 0, value 0, key 1, value 1 ... */
        private final Object[] entries;

        ArrayMap(Map<K, V> m) {
            entries = new Object[2 * m.size()];
            int i = 0;
            for (Map.Entry<K, V> e : m.entrySet()) {
                entries[i++] = e.getKey();
                entries[i++] = e.getValue();
            }
        }

        @Override
        public int size() {
            return entries.length / 2;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < entries.length; i += 2) {
                if (Objects.equals(entries[i], key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : (V) entries[i + 1];
        }

        @Override
        public Collection<V> values() {
            return new AbstractList<>() {
                @Override
                @SuppressWarnings("unchecked")
                public V get(int index) {
                    Objects.checkIndex(index, size());
                    return (V) entries[2 * index + 1];
                }

                @Override
                public int size() {
                    return ArrayMap.this.size();
                }
            };
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<K, V>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < entries.length;
                        }

                        @Override
                        @SuppressWarnings("unchecked")
                        public Map.Entry<K, V> next() {
                            if (next >= entries.length) {
                                throw new NoSuchElementException();
                            }
                            next += 2;
                            return new SimpleImmutableEntry<>((K) entries[next - 2], (V) entries[next - 1]);
                        }
                    };
                }

                @Override
                public int size() {
                    return ArrayMap.this.size();
                }
            };
        }
    }
}
