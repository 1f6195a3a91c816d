package io.sipvista.report.ladder;

import java.util.Objects;

/**
 * One row of a ladder: a message (or a media summary, or a note) from one participant to another.
 *
 * @param frame the capture frame number it came from, used for cross-links ({@code data-frame} in SVG)
 * @param time  capture time in ISO-8601 (e.g. {@code "2026-11-30T05:42:17.123456Z"}); renderers show it relative to
 *              the first arrow; {@code null} or unparseable shows as {@code "?"}
 * @param from  {@link Participant#id()} of the sender
 * @param to    {@link Participant#id()} of the receiver; equal to {@code from} for a self-arrow. For a
 *              {@link Kind#NOTE} the note spans the columns from {@code from} to {@code to}
 * @param label the arrow text, e.g. {@code "INVITE (SDP)"}, {@code "200 OK (SDP)"}, {@code "RTP PCMU 250 pkts"}
 * @param kind  what is drawn: the arrow style and colour
 * @param note  an optional remark drawn beside the arrow; {@code null} or blank for none
 */
public record Arrow(long frame, String time, String from, String to, String label, Kind kind, String note) {
    /** What an arrow stands for; decides how it is drawn. */
    public enum Kind {
        /** A SIP request. */
        REQUEST,
        /** A 1xx response. */
        PROVISIONAL,
        /** A 2xx response. */
        SUCCESS,
        /** A 3xx-6xx response. */
        FAILURE,
        /** A message sent again (request or response); drawn dashed and marked. */
        RETRANSMISSION,
        /** A media stream summary (RTP), drawn as a double line. */
        MEDIA,
        /** Not a message: a note across the columns {@code from}..{@code to}. */
        NOTE
    }

    public Arrow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        if (label == null) {
            label = "";
        }
        if (note != null && note.isBlank()) {
            note = null;
        }
    }

    /** An arrow without a note. */
    public Arrow(long frame, String time, String from, String to, String label, Kind kind) {
        this(frame, time, from, to, label, kind, null);
    }

    /** True when sender and receiver are the same participant. */
    public boolean isSelf() {
        return from.equals(to);
    }

    /** True for responses of any class (drawn as replies in Mermaid). */
    public boolean isResponse() {
        return kind == Kind.PROVISIONAL || kind == Kind.SUCCESS || kind == Kind.FAILURE;
    }
}
