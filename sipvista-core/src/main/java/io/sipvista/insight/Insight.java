package io.sipvista.insight;

import java.util.Objects;

/**
 * The one-line explanation of one SIP message: what this capture shows it doing.
 *
 * @param frame the message's frame
 * @param id    the catalog entry that worded it ({@code insights.tsv}), e.g. {@code REGISTER.200.granted-q}
 * @param text  the line, placeholders filled from the capture
 */
public record Insight(long frame, String id, String text) {
    public Insight {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
