package io.sipvista.correlate;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {
    /** A builder stand-in: its number and Call-ID. */
    private record B(int number, String callId) {
    }

    private static Ledger<B> ledger(boolean keepReleased, String... callIds) {
        Ledger<B> l = new Ledger<>(B::callId, B::number, keepReleased);
        for (String id : callIds) {
            l.add(new B(l.nextNumber(), id));
        }
        return l;
    }

    @Test
    void heldInOrderOfCreationAcrossCallIds() {
        Ledger<B> l = ledger(true, "a", "b", "a", "c", "b");
        assertThat(l.held()).extracting(B::number).containsExactly(0, 1, 2, 3, 4);
        assertThat(l.heldOf(Set.of("b", "a", "x"))).extracting(B::number).containsExactly(0, 1, 2, 4);
    }

    @Test
    void releasedLeaveTheHeldListAndAreKeptOnlyWhenAsked() {
        Ledger<B> kept = ledger(true, "a", "b", "a");
        kept.release(Set.of("a"));
        assertThat(kept.held()).extracting(B::number).containsExactly(1);
        assertThat(kept.everything()).extracting(B::number).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(kept.nextNumber()).isEqualTo(3);

        Ledger<B> dropped = ledger(false, "a", "b", "a");
        dropped.release(Set.of("a"));
        assertThat(dropped.everything()).extracting(B::number).containsExactly(1);
    }

    @Test
    void manyCallIdsInterleavedComeBackInOrderOfCreation() {
        java.util.Random random = new java.util.Random(3);
        String[] ids = new String[3_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "call-" + random.nextInt(400);
        }
        Ledger<B> l = ledger(true, ids);
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            all.add(i);
        }
        assertThat(l.held()).extracting(B::number).containsExactlyElementsOf(all);
        Set<String> some = Set.of("call-7", "call-100", "call-399", "call-250");
        java.util.List<Integer> theirs = all.stream().filter(i -> some.contains(ids[i])).toList();
        assertThat(l.heldOf(some)).extracting(B::number).containsExactlyElementsOf(theirs);
        l.release(some);
        assertThat(l.everything()).extracting(B::number).containsExactlyInAnyOrderElementsOf(all);
        assertThat(l.held()).extracting(B::number)
                .containsExactlyElementsOf(all.stream().filter(i -> !some.contains(ids[i])).toList());
    }

    @Test
    void aBuilderMustCarryTheNextNumber() {
        Ledger<B> l = ledger(true, "a");
        assertThatThrownBy(() -> l.add(new B(0, "a"))).isInstanceOf(IllegalArgumentException.class);
    }
}
