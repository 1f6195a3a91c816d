package io.sipvista.report.ladder;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sipvista.report.ladder.Arrow.Kind.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderTest {
    @Test
    void arrowNamingAnUnknownParticipantIsRefused() {
        assertThatThrownBy(() -> new Ladder(List.of(Participant.of("a")),
                List.of(new Arrow(1, null, "a", "zz", "INVITE", REQUEST))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zz");
    }

    @Test
    void duplicateParticipantIsRefused() {
        assertThatThrownBy(() -> new Ladder(List.of(Participant.of("a"), new Participant("a", "again")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void participantsKeepTheCallersOrder() {
        Ladder l = new Ladder(List.of(Participant.of("z"), Participant.of("a")), List.of());
        assertThat(l.columnOf("z")).isZero();
        assertThat(l.columnOf("a")).isEqualTo(1);
        assertThat(l.columnOf("q")).isEqualTo(-1);
    }

    @Test
    void missingLabelShowsTheIdAndBlankNoteIsNone() {
        assertThat(new Participant("a", null).label()).isEqualTo("a");
        assertThat(new Arrow(1, null, "a", "a", null, REQUEST, "  ").note()).isNull();
        assertThat(new Arrow(1, null, "a", "a", null, REQUEST).label()).isEmpty();
    }
}
