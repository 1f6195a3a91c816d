package io.sipvista.report.ladder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A call flow to draw: the columns (participants, in the order the caller chose, normally first appearance) and the
 * rows (arrows, in capture order). Owns the check that every arrow names known participants; a ladder that breaks
 * it is a programming error of the caller and is refused with {@link IllegalArgumentException}.
 */
public record Ladder(List<Participant> participants, List<Arrow> arrows) {
    public Ladder {
        participants = List.copyOf(Objects.requireNonNull(participants, "participants"));
        arrows = List.copyOf(Objects.requireNonNull(arrows, "arrows"));
        Map<String, Integer> seen = new HashMap<>();
        for (Participant p : participants) {
            if (seen.put(p.id(), seen.size()) != null) {
                throw new IllegalArgumentException("duplicate participant id: " + p.id());
            }
        }
        for (Arrow a : arrows) {
            if (!seen.containsKey(a.from()) || !seen.containsKey(a.to())) {
                throw new IllegalArgumentException("arrow of frame " + a.frame() + " names an unknown participant: "
                        + a.from() + " -> " + a.to());
            }
        }
    }

    /** A ladder with nothing in it. */
    public static Ladder empty() {
        return new Ladder(List.of(), List.of());
    }

    /** The column of a participant id, or -1. */
    public int columnOf(String id) {
        for (int i = 0; i < participants.size(); i++) {
            if (participants.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
