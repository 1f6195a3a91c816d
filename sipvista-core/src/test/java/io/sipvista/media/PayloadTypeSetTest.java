package io.sipvista.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadTypeSetTest {
    @Test
    void holdsTypesOnBothHalvesOfTheBitmap() {
        PayloadTypeSet s = PayloadTypeSet.EMPTY.with(0).with(63).with(64).with(127);
        assertThat(s.types()).containsExactly(0, 63, 64, 127);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.contains(1)).isFalse();
    }

    @Test
    void ignoresTypesOutsideTheRange() {
        assertThat(PayloadTypeSet.EMPTY.with(128).with(-1).isEmpty()).isTrue();
        assertThat(PayloadTypeSet.EMPTY.contains(128)).isFalse();
    }

    @Test
    void theBitsAloneAnswerAsTheSet() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(128);
        for (int round = 0; round < 500; round++) {
            PayloadTypeSet set = PayloadTypeSet.EMPTY;
            java.util.Set<Integer> plain = new java.util.HashSet<>();
            for (int i = 0, n = r.nextInt(12); i < n; i++) {
                int pt = r.nextInt(128);
                set = set.with(pt);
                plain.add(pt);
            }
            for (int pt = -3; pt <= 131; pt++) {
                assertThat(PayloadTypeSet.contains(set.low(), set.high(), pt)).as("%d in %s", pt, plain)
                        .isEqualTo(plain.contains(pt)).isEqualTo(set.contains(pt));
            }
        }
    }
}
