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
}
