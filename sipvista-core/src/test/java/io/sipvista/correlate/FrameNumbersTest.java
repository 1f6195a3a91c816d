package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameNumbersTest {
    @Test
    void holdsWhatListCopyOfHoldsForRandomLists() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            List<Long> given = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                given.add(random.nextInt(4) == 0 ? random.nextLong() : (long) random.nextInt(300));
            }
            List<Long> compact = FrameNumbers.copyOf(given);
            List<Long> reference = List.copyOf(given);
            assertThat(compact).isEqualTo(reference).containsExactlyElementsOf(reference);
            assertThat(reference).isEqualTo(compact);
            assertThat(compact.hashCode()).isEqualTo(reference.hashCode());
            assertThat(compact.toString()).isEqualTo(reference.toString());
            if (n > 0) {
                int i = random.nextInt(n);
                assertThat(compact.get(i)).isEqualTo(given.get(i));
                assertThat(compact.indexOf(given.get(i))).isEqualTo(reference.indexOf(given.get(i)));
            }
        }
    }

    @Test
    void keepsTheOrderOfASortedSet() {
        TreeSet<Long> frames = new TreeSet<>(Arrays.asList(9L, 2L, 5L, 2L));
        assertThat(FrameNumbers.copyOf(frames)).containsExactly(2L, 5L, 9L);
    }

    @Test
    void isACopyAndCannotBeChanged() {
        List<Long> given = new ArrayList<>(List.of(1L, 2L));
        List<Long> compact = FrameNumbers.copyOf(given);
        given.set(0, 99L);
        assertThat(compact).containsExactly(1L, 2L);
        assertThatThrownBy(() -> compact.add(3L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.set(0, 3L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> compact.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aCompactListIsNotCopiedAgainAndNullsAreRefused() {
        List<Long> compact = FrameNumbers.copyOf(List.of(4L));
        assertThat(FrameNumbers.copyOf(compact)).isSameAs(compact);
        assertThat(FrameNumbers.copyOf(List.of())).isEmpty();
        assertThatThrownBy(() -> FrameNumbers.copyOf(Arrays.asList(1L, null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aCallKeepsItsFramesCompact() {
        Call call = new Call("call-1", List.of("a@b"), null, null, List.of(), null, null, null, null, null, null,
                null, CallOutcome.ANSWERED, 200, null, List.of(), new ArrayList<>(List.of(1L, 2L, 3L)));
        assertThat(call.frames()).isInstanceOf(FrameNumbers.class).containsExactly(1L, 2L, 3L);
    }
}
