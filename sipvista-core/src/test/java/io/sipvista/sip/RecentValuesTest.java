package io.sipvista.sip;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentValuesTest {
    @Test
    void aKeySeenLatelyGivesTheValueReadThenWithoutReadingAgain() {
        RecentValues<String, List<String>> t = new RecentValues<>(4);
        List<String> reads = new ArrayList<>();
        List<String> first = t.get(new String("k"), k -> { reads.add(k); return List.of(k); });
        List<String> again = t.get(new String("k"), k -> { reads.add(k); return List.of(k); });
        assertThat(again).isSameAs(first);
        assertThat(reads).containsExactly("k");
    }

    @Test
    void twoKeysOfOneBucketAreBothKeptAndAThirdPushesOutTheOlder() {
        RecentValues<Integer, String> t = new RecentValues<>(2); // 4 places: 2 buckets of 2
        // keys that land in one bucket: find three
        List<Integer> same = new ArrayList<>();
        for (int k = 0; same.size() < 3; k++) {
            if (bucket(k, 2) == bucket(0, 2)) {
                same.add(k);
            }
        }
        String a = t.get(same.get(0), k -> "a" + k);
        String b = t.get(same.get(1), k -> "b" + k);
        assertThat(t.get(same.get(0), k -> "x")).isSameAs(a); // a is the newer now
        assertThat(t.get(same.get(1), k -> "x")).isSameAs(b); // b too, and a the older
        t.get(same.get(2), k -> "c" + k); // pushes out the older: a
        assertThat(t.get(same.get(1), k -> "x")).isSameAs(b);
        assertThat(t.get(same.get(0), k -> "read again")).isEqualTo("read again");
        assertThat(t.size()).isEqualTo(4);
    }

    private static int bucket(int key, int bits) {
        return ((Integer.hashCode(key) * 0x9E3779B9) >>> (32 - bits)) & ~1;
    }

    @Test
    void sizeIsBounded() {
        assertThatThrownBy(() -> new RecentValues<String, String>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentValues<String, String>(21)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RecentValues<String, String>(10).size()).isEqualTo(1024);
    }

    /**
     * A table of one bucket is a list of the two keys last looked up, the newer first. Strings and ASCII bytes looked
     * up in turn hit exactly when the key is one of those two, and read again otherwise.
     */
    @Test
    void oneBucketKeepsTheTwoKeysLastLookedUpWhicheverWayTheyCame() {
        RecentValues<String, String> t = new RecentValues<>(1);
        java.util.Random rnd = new java.util.Random(3);
        String[] keys = {"", "a", "b", "ab", "ba", "abc", "Aa", "BB"}; // "Aa" and "BB" share a hash code
        List<String> model = new ArrayList<>(); // the two kept keys, newer first
        java.util.Map<String, String> lastValue = new java.util.HashMap<>();
        for (int step = 0; step < 5000; step++) {
            String key = keys[rnd.nextInt(keys.length)];
            List<String> reads = new ArrayList<>();
            java.util.function.Function<String, String> read = k -> {
                reads.add(k);
                return new String(k);
            };
            String got;
            if (rnd.nextBoolean()) {
                got = t.get(new String(key), read);
            } else {
                byte[] b = ("xy" + key + "z").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                got = RecentValues.getAscii(t, b, 2, 2 + key.length(), read);
            }
            boolean kept = model.remove(key);
            model.add(0, key);
            if (model.size() > 2) {
                model.remove(2);
            }
            assertThat(got).isEqualTo(key);
            if (kept) {
                assertThat(reads).as("step %d: %s is one of the two last keys", step, key).isEmpty();
                assertThat(got).isSameAs(lastValue.get(key));
            } else {
                assertThat(reads).as("step %d: %s is not kept", step, key).containsExactly(key);
            }
            lastValue.put(key, got);
        }
    }
}
