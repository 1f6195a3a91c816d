package io.sipvista.frame;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** ISO-8601 UTC rendering of capture timestamps with exactly the capture's own precision. */
public final class CaptureTime {
    /** The instants {@link #iso} writes itself: years 0000 to 9999. */
    private static final long FIRST_ISO = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long PAST_LAST_ISO = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    private CaptureTime() {
    }

    /**
     * e.g. {@code 2010-06-17T12:59:49.443688Z} for 6 digits. Years outside 0000-9999 (fuzzed files) are printed
     * as java.time prints them, never rejected.
     */
    public static String format(long epochSeconds, int nanos, int digits) {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return "epoch+" + epochSeconds + "s";
        }
        StringBuilder sb = new StringBuilder(32);
        int year = t.getYear();
        if (year >= 0 && year <= 9999) {
            pad(sb, year, 4);
        } else {
            sb.append(year);
        }
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        int d = Math.max(0, Math.min(9, digits));
        if (d > 0) {
            sb.append('.');
            String ns = String.valueOf(1_000_000_000L + Math.max(0, Math.min(999_999_999, nanos))).substring(1);
            sb.append(ns, 0, d);
        }
        return sb.append('Z').toString();
    }

    /**
     * What {@link Instant#toString()} gives, without the formatter behind it (the analysis writes several instants per
     * call): the fraction in groups of three digits as long as needed, none for a whole second. Years outside
     * 0000-9999 are left to {@code Instant.toString()}.
     */
    public static String iso(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_ISO || seconds >= PAST_LAST_ISO) {
            return t.toString();
        }
        int nano = t.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        return format(seconds, nano, digits);
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
