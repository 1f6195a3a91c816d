package io.sipvista.report.ladder;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.sipvista.report.ladder.Arrow.Kind.FAILURE;
import static io.sipvista.report.ladder.Arrow.Kind.NOTE;
import static io.sipvista.report.ladder.Arrow.Kind.REQUEST;
import static io.sipvista.report.ladder.Arrow.Kind.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderTextTest {
    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void smallCallIsDrawnAsALadder() {
        assertThat(LadderText.render(SmallCall.ladder(), 80)).isEqualTo(lines(
                "                 10.0.0.1:5060         10.0.0.2:5060            phone B",
                "                    Polycom",
                "                       ┬                     ┬                     ┬",
                " 1 +0.000s             │────INVITE (SDP)────▶│                     │",
                " 2 +0.002s             │◀────100 Trying──────│                     │",
                " 3 +0.003s             │                     │────INVITE (SDP)────▶│",
                " 4 +0.503s             │                     │╌╌╌↻ INVITE (SDP)╌╌╌▶│",
                " 5 +0.610s             │                     │◀────180 Ringing─────│",
                " 6 +0.611s             │◀────180 Ringing─────│                     │",
                " 7 +2.100s             │◀──────────────200 OK (SDP)────────────────│",
                "                       │                (via proxy)                │",
                " 8 +2.120s             │────────────────────ACK───────────────────▶│",
                " 9 +2.130s             │═════════════RTP PCMU 250 pkts════════════▶│",
                "10 +7.000s             │◀───────────────────BYE────────────────────│",
                "11 +7.010s             │──────────────────200 OK──────────────────▶│"));
    }

    @Test
    void noLineIsWiderThanAsked() {
        for (int width : new int[] {40, 55, 80, 132}) {
            for (String line : LadderText.render(SmallCall.ladder(), width).split("\n")) {
                assertThat(line.codePointCount(0, line.length())).as("width %d: %s", width, line)
                        .isLessThanOrEqualTo(width);
            }
        }
    }

    @Test
    void tooNarrowFallsBackToAList() {
        String text = LadderText.render(SmallCall.ladder(), 40);
        assertThat(text).doesNotContain("│");
        assertThat(text.split("\n")).hasSize(11);
        assertThat(text).startsWith(lines(
                " 1 +0.000s  10.0.0.1:5060 → 10.0.0.2:50…",
                " 2 +0.002s  10.0.0.2:5060 → 10.0.0.1:50…"));
    }

    @Test
    void listFormShowsFrameTimeFromToAndLabel() {
        assertThat(LadderText.renderList(SmallCall.ladder(), 120, false).split("\n"))
                .contains(" 4 +0.503s  10.0.0.2:5060 → 10.0.0.3:5060 ↻ INVITE (SDP)",
                        " 7 +2.100s  10.0.0.3:5060 → 10.0.0.1:5060 200 OK (SDP) (via proxy)");
    }

    @Test
    void longLabelsAreCutWithAnEllipsis() {
        Ladder l = new Ladder(List.of(Participant.of("a"), Participant.of("b")),
                List.of(new Arrow(1, null, "a", "b", "INVITE sip:someone-with-a-very-long-name@example.com", REQUEST)));
        String row = LadderText.render(l, 40).split("\n")[2];
        assertThat(row).isEqualTo("1 ?          │──INVITE sip:…─▶│");
    }

    @Test
    void selfArrowIsALoopOverTwoRows() {
        Ladder l = new Ladder(List.of(Participant.of("pbx")),
                List.of(new Arrow(7, "2026-01-01T00:00:00Z", "pbx", "pbx", "OPTIONS", REQUEST, "keepalive")));
        assertThat(LadderText.render(l, 44)).isEqualTo(lines(
                " ".repeat(26) + "pbx",
                " ".repeat(27) + "┬",
                "7 +0.000s" + " ".repeat(18) + "├──┐ OPTIONS",
                " ".repeat(27) + "│◀─┘ (keepalive)"));
    }

    @Test
    void selfArrowOnTheLastColumnLoopsToTheLeft() {
        Ladder l = new Ladder(List.of(Participant.of("a"), Participant.of("b")),
                List.of(new Arrow(1, null, "b", "b", "OPTIONS", REQUEST)));
        String[] rows = LadderText.render(l, 40).split("\n");
        assertThat(rows[2]).isEqualTo("1 ?          │     OPTIONS ┌──┤");
        assertThat(rows[3]).isEqualTo("             │             └─▶│");
    }

    @Test
    void notesAreBoxedAcrossTheirColumns() {
        Ladder l = new Ladder(List.of(Participant.of("a"), Participant.of("b")),
                List.of(new Arrow(3, null, "a", "b", "call on hold", NOTE)));
        assertThat(LadderText.render(l, 40).split("\n")[2]).isEqualTo("3 ?          │ [call on hold] │");
    }

    @Test
    void arrowsPassOverIntermediateColumnsWithEightParticipants() {
        List<Participant> ps = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            ps.add(new Participant("10.0.0." + i + ":5060", "10.0.0." + i + ":5060\nUA " + i));
        }
        Ladder l = new Ladder(ps, List.of(
                new Arrow(1, "2026-01-01T00:00:00Z", "10.0.0.1:5060", "10.0.0.8:5060", "INVITE", REQUEST),
                new Arrow(2, "2026-01-01T00:00:01Z", "10.0.0.8:5060", "10.0.0.1:5060", "486 Busy Here", FAILURE),
                new Arrow(3, "2026-01-01T00:00:01.5Z", "10.0.0.4:5060", "10.0.0.5:5060", "200 OK", SUCCESS)));
        String[] rows = LadderText.render(l, 120).split("\n");
        assertThat(rows).hasSize(8);
        for (String row : rows) {
            assertThat(row.length()).isLessThanOrEqualTo(120);
        }
        assertThat(rows[0]).contains("10.0.0.1:5060").contains("10.0.0.7:5060").doesNotContain("10.0.0.2");
        assertThat(rows[1]).contains("UA 1").contains("UA 7").doesNotContain("UA 2");
        assertThat(rows[2]).contains("10.0.0.2:5060").contains("10.0.0.8:5060").contains("│");
        assertThat(rows[3]).contains("UA 2").contains("UA 8");
        assertThat(rows[4]).matches(" +┬( +┬){7}");
        assertThat(rows[5]).matches("1 \\+0\\.000s +│─+INVITE─+▶│").hasSize(rows[4].length());
        assertThat(rows[6]).matches("2 \\+1\\.000s +│◀─+486 Busy Here─+│");
        assertThat(rows[7]).contains("200 OK").matches("3 \\+1\\.500s( +│){4}─.*▶│( +│){3}");
    }

    @Test
    void headersTooWideForTheirColumnAreStaggered() {
        String a = "[2001:db8::1]:5060";
        String b = "[2001:db8::2]:5060";
        Ladder l = new Ladder(List.of(Participant.of(a), Participant.of(b)), List.of(
                new Arrow(1, null, a, b, "REGISTER", REQUEST),
                new Arrow(2, null, b, a, "401 Unauthorized", FAILURE)));
        assertThat(LadderText.render(l, 40)).isEqualTo(lines(
                "    [2001:db8::1]:5060",
                "             │       [2001:db8::2]:5060",
                "             ┬                ┬",
                "1 ?          │────REGISTER───▶│",
                "2 ?          │◀─401 Unautho…──│"));
    }

    @Test
    void oneParticipantWithoutArrowsDrawsOnlyTheHeader() {
        Ladder l = new Ladder(List.of(Participant.of("a")), List.of());
        assertThat(LadderText.render(l, 20)).isEqualTo(lines("          a", "          ┬"));
    }

    @Test
    void emptyLadderSaysSo() {
        assertThat(LadderText.render(Ladder.empty(), 80)).isEqualTo("(empty ladder)\n");
    }

    @Test
    void plainByDefaultColouredOnRequest() {
        assertThat(LadderText.render(SmallCall.ladder(), 80)).doesNotContain("\u001b");
        String coloured = LadderText.render(SmallCall.ladder(), 80, true);
        assertThat(coloured).contains("\u001b[32m").contains("\u001b[35m").contains("\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", ""))
                .isEqualTo(LadderText.render(SmallCall.ladder(), 80));
    }

    @Test
    void controlCharactersInCaptureTextAreShownNotObeyed() {
        Ladder l = new Ladder(List.of(Participant.of("a\u001b[2J"), Participant.of("b")),
                List.of(new Arrow(1, null, "a\u001b[2J", "b", "X\u001b]0;pwned\u0007", REQUEST, "n\u009b")));
        String text = LadderText.render(l, 100);
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b")
                .contains("\\x1b");
        assertThat(LadderText.renderList(l, 100, false)).doesNotContain("\u001b").contains("X\\x1b]0;pwned\\x07");
    }

    @Test
    void timesAreRelativeToTheFirstArrowWithAReadableTime() {
        Ladder l = new Ladder(List.of(Participant.of("a"), Participant.of("b")), List.of(
                new Arrow(1, "garbage", "a", "b", "A", REQUEST),
                new Arrow(2, "2026-01-01T00:00:10.250+01:00", "a", "b", "B", REQUEST),
                new Arrow(3, "2026-01-01T00:00:10.249+01:00", "a", "b", "C", REQUEST),
                new Arrow(4, "2026-01-01T00:01:10.25", "a", "b", "D", REQUEST)));
        assertThat(LadderText.renderList(l, 80, false)).isEqualTo(lines(
                "1          ?  a → b A",
                "2    +0.000s  a → b B",
                "3    -0.001s  a → b C",
                "4 +3660.000s  a → b D"));
    }

    @Test
    void nonPositiveWidthIsAProgrammingError() {
        assertThatThrownBy(() -> LadderText.render(SmallCall.ladder(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
