package io.sipvista.report.ladder;

import java.util.Objects;

/**
 * One column of a ladder: a signalling endpoint.
 *
 * @param id    the key arrows refer to, typically {@code "192.168.9.212:5060"}
 * @param label what the column header shows; may hold {@code '\n'} for several lines
 *              (e.g. {@code "192.168.9.212:5060\nPolycom SPIP_500"}); {@code null} means "show the id"
 */
public record Participant(String id, String label) {
    public Participant {
        Objects.requireNonNull(id, "id");
        if (label == null) {
            label = id;
        }
    }

    /** A participant whose header shows only its id. */
    public static Participant of(String id) {
        return new Participant(id, id);
    }
}
