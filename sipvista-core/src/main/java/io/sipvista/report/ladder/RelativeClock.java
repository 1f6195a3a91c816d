package io.sipvista.report.ladder;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Turns the arrows' ISO-8601 times into offsets from the first arrow with a readable time ({@code "+0.002s"}). */
final class RelativeClock {
    private final Instant origin;

    RelativeClock(List<Arrow> arrows) {
        Instant first = null;
        for (Arrow a : arrows) {
            first = parse(a.time());
            if (first != null) {
                break;
            }
        }
        this.origin = first;
    }

    /** {@code "+1.234s"}, {@code "-0.001s"} for out-of-order times, {@code "?"} when the time does not parse. */
    String offset(String time) {
        Instant t = parse(time);
        if (t == null || origin == null) {
            return "?";
        }
        long nanos;
        try {
            nanos = Math.addExact(Math.multiplyExact(t.getEpochSecond() - origin.getEpochSecond(), 1_000_000_000L),
                    (long) t.getNano() - origin.getNano());
        } catch (ArithmeticException e) {
            return "?";
        }
        long millis = nanos / 1_000_000L; // truncate towards zero
        String sign = nanos < 0 ? "-" : "+";
        long abs = Math.abs(millis);
        return sign + (abs / 1000) + "." + String.format("%03d", abs % 1000) + "s";
    }

    static Instant parse(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        String s = time.strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
