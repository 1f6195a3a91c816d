package io.sipvista.anomaly;

import java.util.Objects;

/**
 * A named irregularity found while decoding: a stable id from {@link AnomalyCatalog} and the detail that
 * makes it concrete for this frame (e.g. "Content-Length 1200, 312 bytes present").
 */
public record Anomaly(String id, String detail) {
    public Anomaly {
        Objects.requireNonNull(id, "id");
        detail = detail == null ? "" : detail;
    }

    public static Anomaly of(String id, String detail) {
        return new Anomaly(id, detail);
    }

    public static Anomaly of(String id) {
        return new Anomaly(id, "");
    }

    public Severity severity() {
        return AnomalyCatalog.standard().severity(id);
    }

    /** Plain-language text: the catalog's title, then the detail. */
    public String text() {
        String title = AnomalyCatalog.standard().title(id);
        return detail.isEmpty() ? title : title + ": " + detail;
    }
}
