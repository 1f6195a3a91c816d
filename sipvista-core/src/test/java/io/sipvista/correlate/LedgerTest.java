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
    void aBuilderMustCarryTheNextNumber() {
        Ledger<B> l = ledger(true, "a");
        assertThatThrownBy(() -> l.add(new B(0, "a"))).isInstanceOf(IllegalArgumentException.class);
    }
}
