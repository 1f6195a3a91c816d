package io.sipvista.report.ladder;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sipvista.report.ladder.Arrow.Kind.FAILURE;
import static io.sipvista.report.ladder.Arrow.Kind.NOTE;
import static io.sipvista.report.ladder.Arrow.Kind.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

class LadderMermaidTest {
    @Test
    void smallCallIsASequenceDiagram() {
        assertThat(LadderMermaid.render(SmallCall.ladder())).isEqualTo("""
                sequenceDiagram
                    participant P1 as 10.0.0.1:5060<br/>Polycom
                    participant P2 as 10.0.0.2:5060
                    participant P3 as phone B
                    P1->>P2: [1] INVITE (SDP)
                    P2-->>P1: [2] 100 Trying
                    P2->>P3: [3] INVITE (SDP)
                    P2-)P3: [4] ↻ INVITE (SDP)
                    P3-->>P2: [5] 180 Ringing
                    P2-->>P1: [6] 180 Ringing
                    P3-->>P1: [7] 200 OK (SDP)
                    Note over P3,P1: via proxy
                    P1->>P3: [8] ACK
                    P1--)P3: [9] RTP PCMU 250 pkts
                    P3->>P1: [10] BYE
                    P1-->>P3: [11] 200 OK
                """);
    }

    @Test
    void metacharactersInCaptureTextAreEntityCoded() {
        String hostile = "a;b#c\"d'e<f>g&h";
        Ladder l = new Ladder(List.of(Participant.of(hostile), Participant.of("b")),
                List.of(new Arrow(1, null, hostile, "b", hostile, FAILURE)));
        String coded = "a#59;b#35;c#34;d#39;e#60;f#62;g#38;h";
        assertThat(LadderMermaid.render(l)).isEqualTo("""
                sequenceDiagram
                    participant P1 as %s
                    participant P2 as b
                    P1-->>P2: [1] %s
                """.formatted(coded, coded));
    }

    @Test
    void lineBreaksInLabelsCannotInjectStatements() {
        Ladder l = new Ladder(List.of(Participant.of("a"), Participant.of("b")),
                List.of(new Arrow(1, null, "a", "b", "INVITE\nP2->>P1: forged\r\n", REQUEST, "x\ny")));
        String[] lines = LadderMermaid.render(l).split("\n");
        assertThat(lines).containsExactly("sequenceDiagram", "    participant P1 as a", "    participant P2 as b",
                "    P1->>P2: [1] INVITE P2-#62;#62;P1: forged", "    Note over P1,P2: x y");
    }

    @Test
    void notesAndSelfArrowsUseOneParticipant() {
        Ladder l = new Ladder(List.of(Participant.of("pbx")), List.of(
                new Arrow(1, null, "pbx", "pbx", "OPTIONS", REQUEST),
                new Arrow(2, null, "pbx", "pbx", "restart", NOTE)));
        assertThat(LadderMermaid.render(l)).endsWith("""
                    P1->>P1: [1] OPTIONS
                    Note over P1: [2] restart
                """);
    }

    @Test
    void emptyLabelsBecomeADash() {
        Ladder l = new Ladder(List.of(new Participant("a", ""), Participant.of("b")),
                List.of(new Arrow(1, null, "a", "b", "", REQUEST)));
        assertThat(LadderMermaid.render(l)).contains("participant P1 as -\n").contains("P1->>P2: [1] -\n");
    }

    @Test
    void emptyLadderIsJustTheHeader() {
        assertThat(LadderMermaid.render(Ladder.empty())).isEqualTo("sequenceDiagram\n");
    }
}
