package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmallArraysTest {
    @Test
    void appendCopiesAndLeavesTheOriginal() {
        String[] a = {"x"};
        String[] b = SmallArrays.append(a, "y");
        assertThat(b).containsExactly("x", "y");
        assertThat(a).containsExactly("x");
    }

    @Test
    void appendAbsentKeepsInsertionOrderAndSkipsEqualValues() {
        String[] s = {};
        s = SmallArrays.appendAbsent(s, "b");
        s = SmallArrays.appendAbsent(s, "a");
        String[] before = s;
        s = SmallArrays.appendAbsent(s, new String("b")); // equal, not the same object
        assertThat(s).isSameAs(before).containsExactly("b", "a");
        s = SmallArrays.appendAbsent(s, "c");
        assertThat(s).containsExactly("b", "a", "c");
    }

    @Test
    void holdsComparesIdentity() {
        String x = "x";
        Object[] a = {x};
        assertThat(SmallArrays.holds(a, x)).isTrue();
        assertThat(SmallArrays.holds(a, new String("x"))).isFalse();
        assertThat(SmallArrays.holds(new Object[0], x)).isFalse();
    }
}
