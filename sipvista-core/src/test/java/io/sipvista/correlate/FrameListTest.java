package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameListTest {
    @Test
    void emptyHasNoFirst() {
        FrameList l = new FrameList();
        assertThat(l.isEmpty()).isTrue();
        assertThat(l.size()).isZero();
        assertThat(l.toList()).isEmpty();
        assertThatThrownBy(l::first).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneFrame() {
        FrameList l = new FrameList();
        l.add(7);
        assertThat(l.isEmpty()).isFalse();
        assertThat(l.first()).isEqualTo(7);
        assertThat(l.toList()).containsExactly(7L);
    }

    @Test
    void keepsOrderAcrossGrowth() {
        FrameList l = new FrameList();
        List<Long> expected = new ArrayList<>();
        for (long f = 100; f > 83; f--) { // not sorted: arrival order is kept as given
            l.add(f);
            expected.add(f);
            assertThat(l.size()).isEqualTo(expected.size());
            assertThat(l.toList()).isEqualTo(expected);
        }
        assertThat(l.first()).isEqualTo(100);
    }

    @Test
    void keepsLargeFrameNumbers() {
        FrameList l = new FrameList();
        l.add(Long.MAX_VALUE);
        l.add(1L << 40);
        assertThat(l.toList()).containsExactly(Long.MAX_VALUE, 1L << 40);
    }
}
