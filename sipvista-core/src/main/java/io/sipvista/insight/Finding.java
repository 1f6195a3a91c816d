package io.sipvista.insight;

import java.util.List;
import java.util.Objects;

/**
 * One diagnosis of a call or of the capture, as {@link FindingDetector} made it: what went wrong (or notably
 * happened), in words from {@link FindingCatalog}, and the frames that show it.
 *
 * @param id       the finding id, lower-case dotted ({@code call.busy}, {@code auth.challenge_loop})
 * @param severity {@code info}, {@code warning} or {@code error}
 * @param title    a short plain-English phrase
 * @param text     the catalog template with every placeholder filled
 * @param rfc      the RFC reference, e.g. {@code RFC 3261 §17.1.1.2}
 * @param frames   the evidence: frame numbers in ascending order, never empty
 * @param callId   the {@link io.sipvista.correlate.Call#id()} ({@code call-1} ...) of the call it concerns; null
 *                 when it concerns no assembled call
 */
public record Finding(String id, String severity, String title, String text, String rfc, List<Long> frames,
                      String callId) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(text, "text");
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a finding needs evidence frames: " + id);
        }
    }

    /** The first evidence frame. */
    public long firstFrame() {
        return frames.get(0);
    }

    /** The remedy hint of this finding's catalog row. */
    public String remedy() {
        return FindingCatalog.standard().entry(id).remedy();
    }
}
