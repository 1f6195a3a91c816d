package io.sipvista.insight;

import java.time.Duration;

/** Durations worded as a person reads them: "124 s", "61 min", "5 h", "12 days", "6 years". */
public final class Durations {
    private Durations() {
    }

    /** Whole seconds under 10 minutes, then minutes, hours, days and years (rounded down); negative reads 0 s. */
    public static String words(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 600) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        if (s < 2 * 86_400) {
            return s / 3600 + " h";
        }
        long days = s / 86_400;
        return days < 2 * 365 ? days + " days" : days / 365 + " years";
    }
}
