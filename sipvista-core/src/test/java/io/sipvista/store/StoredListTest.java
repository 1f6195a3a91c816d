package io.sipvista.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredListTest {
    record Item(long key, String name, double value) {
    }

    static final Codec<Item> ITEMS = new Codec<>() {
        @Override
        public void write(Item v, ByteSink out) {
            out.writeZigZag(v.key()).writeString(v.name()).writeDouble(v.value());
        }

        @Override
        public Item read(ByteSource in) {
            return new Item(in.readZigZag(), in.readString(), in.readDouble());
        }
    };

    /** Values of 10 bytes to 70 KB, so some blocks hold one value and some hundreds. */
    private static List<Item> items(Random r, int n) {
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = r.nextInt(50) == 0 ? r.nextInt(70_000) : r.nextInt(300);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.append((char) ('a' + r.nextInt(r.nextBoolean() ? 3 : 26)));
            }
            out.add(new Item(r.nextInt(40) - 20, r.nextInt(20) == 0 ? null : sb.toString(), r.nextGaussian()));
        }
        return out;
    }

    @Test
    void everyValueReadsBackEqualInAnyOrderOfReading() {
        Random r = new Random(7);
        for (int round = 0; round < 6; round++) {
            List<Item> all = items(r, r.nextInt(2_000));
            StoredList<Item> store = new StoredList<>(ITEMS, Item::key);
            for (int i = 0; i < all.size(); i++) {
                assertThat(store.add(all.get(i))).isEqualTo(i);
            }
            assertThat(store.size()).isEqualTo(all.size());
            for (int i = 0; i < all.size(); i++) {
                assertThat(store.get(i)).isEqualTo(all.get(i));
                assertThat(store.key(i)).isEqualTo(all.get(i).key());
            }
            for (int k = 0; k < all.size(); k++) { // random reads: the block cache misses and evicts
                int i = r.nextInt(all.size());
                assertThat(store.get(i)).isEqualTo(all.get(i));
            }
        }
    }

    @Test
    void blocksAreDeflated() {
        StoredList<Item> store = new StoredList<>(ITEMS, Item::key);
        for (int i = 0; i < 5_000; i++) {
            Item it = new Item(i, "INVITE sip:" + (1000 + i % 50) + "@10.0.0.1:5060 SIP/2.0 call " + i, i * 0.5);
            store.add(it);
        }
        assertThat(store.encodedBytes()).isGreaterThan(8 * StoredList.BLOCK_BYTES);
        assertThat(store.deflatedBytes()).isLessThan(store.encodedBytes() / 3);
        assertThat(store.heldBytes()).isLessThan(store.deflatedBytes() + StoredList.BLOCK_BYTES * 2 + 12 * 8192);
        assertThat(store.get(4_321).name()).endsWith("call 4321");
    }

    @Test
    void orderIsByKeyThenByTheComparatorAndStable() {
        Random r = new Random(11);
        List<Item> all = items(r, 3_000);
        StoredList<Item> store = new StoredList<>(ITEMS, Item::key);
        all.forEach(store::add);
        Comparator<Item> byName = Comparator.comparing(Item::name, Comparator.nullsFirst(Comparator.naturalOrder()));
        int[] order = store.order(byName);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            expected.add(i);
        }
        expected.sort(Comparator.comparingLong((Integer i) -> all.get(i).key())
                .thenComparing(i -> all.get(i), byName)); // List.sort is stable too
        assertThat(order).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void aViewReadsThroughItsIndicesAndTransform() {
        StoredList<Item> store = new StoredList<>(ITEMS, Item::key);
        for (int i = 0; i < 100; i++) {
            store.add(new Item(i, "n" + i, i));
        }
        List<Item> view = store.view(new int[] {5, 3, 99}, (index, v) -> new Item(v.key(), v.name() + "@" + index, 0));
        assertThat(view).containsExactly(new Item(5, "n5@5", 0), new Item(3, "n3@3", 0), new Item(99, "n99@99", 0));
        assertThat(StoredList.isView(view)).isTrue();
        assertThat(StoredList.isView(List.of())).isFalse();
        assertThatThrownBy(() -> view.set(0, null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> store.view(new int[] {100}, (i, v) -> v))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * The output reads calls by first frame, stored as they ended: long and short calls mixed put neighbours far
     * apart. A pass front to back inflates each block once whatever the order (a cache of recent blocks inflated
     * one block per value here), and keeps none once the pass is over.
     */
    @Test
    void aPassOverAViewInflatesEachBlockOnceInAnyOrder() {
        Random r = new Random(3);
        StoredList<Item> store = new StoredList<>(ITEMS, Item::key);
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Item it = new Item(i, "value " + r.nextLong() + " " + r.nextLong(), i);
            all.add(it);
            store.add(it);
        }
        int blocks = store.blocks();
        assertThat(blocks).isGreaterThan(3 * StoredList.CACHED_BLOCKS);
        int[] order = new int[all.size()];
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            shuffled.add(i);
        }
        java.util.Collections.shuffle(shuffled, r);
        for (int i = 0; i < order.length; i++) {
            order[i] = shuffled.get(i);
        }
        List<Item> view = store.view(order, (i, v) -> v);
        for (int pass = 1; pass <= 2; pass++) {
            long before = store.inflations();
            int i = 0;
            for (Item it : view) {
                assertThat(it).isEqualTo(all.get(order[i++]));
            }
            assertThat(store.inflations() - before).as("pass %d", pass).isEqualTo(blocks);
            assertThat(((StoredList.View<Item>) view).pinned()).isZero();
        }
        long before = store.inflations();
        for (int k = 0; k < 2_000; k++) { // out of order: through the cache, still right
            int i = 1 + r.nextInt(order.length - 1);
            assertThat(view.get(i)).isEqualTo(all.get(order[i]));
        }
        assertThat(store.inflations() - before).isGreaterThan(1_000);
    }

    @Test
    void aCodecThatReadsTooLittleIsCaught() {
        Codec<Item> shortRead = new Codec<>() {
            @Override
            public void write(Item v, ByteSink out) {
                ITEMS.write(v, out);
            }

            @Override
            public Item read(ByteSource in) {
                return new Item(in.readZigZag(), in.readString(), 0);
            }
        };
        StoredList<Item> store = new StoredList<>(shortRead, Item::key);
        store.add(new Item(1, "x", 2));
        assertThatThrownBy(() -> store.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read 3 of its 11 bytes");
    }
}
